// Texts of opening the database with the recovery key (ui/screens/recover.js).
export const TEXT = {
  "sv": {
    "title": "Ange återställningsnyckeln",
    "lead": "Databasen finns kvar och ingenting har ändrats. När nyckeln har öppnat den sparas nyckeln igen på det sätt du väljer.",
    "field.key": "Återställningsnyckel",
    "field.key_hint": "64 tecken 0–9 och a–f från återställningsarket. Mellanslag spelar ingen roll.",
    "key_choice.intro": "Välj var nyckeln ska förvaras från och med nu.",
    "button.open": "Öppna databasen"
  },
  "en": {
    "title": "Enter the recovery key",
    "lead": "The database is still there and nothing has changed. Once the key has opened it, the key is kept again in the way you choose.",
    "field.key": "Recovery key",
    "field.key_hint": "64 characters 0–9 and a–f from the recovery sheet. Spaces do not matter.",
    "key_choice.intro": "Choose where the key is to be kept from now on.",
    "button.open": "Open the database"
  }
};
