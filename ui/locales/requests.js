// Texts of the log of requests refused for lack of space (ui/screens/requests.js).
export const TEXT = {
  "sv": {
    "title": "Förfrågningar som inte fick plats",
    "lead": "Logga varje förfrågan som fick nej för att det var fullt. Bara antal: inga uppgifter om vem.",
    "section.new": "Ny",
    "section.log": "Loggen",
    "label.date": "Datum",
    "label.women": "Kvinnor",
    "label.children": "Barn",
    "field.note": "Anteckning (inga namn)",
    "field.note_hint": "t.ex. vilken kommun som frågade",
    "column.note": "Anteckning",
    "button.register": "Registrera",
    "error.count": "Ange ett antal (0 eller fler).",
    "toast.saved": "Förfrågan är registrerad.",
    "empty": "Inga förfrågningar loggade."
  },
  "en": {
    "title": "Requests we had no room for",
    "lead": "Log every request that was turned down because the shelter was full. Numbers only: nothing about who asked.",
    "section.new": "New",
    "section.log": "The log",
    "label.date": "Date",
    "label.women": "Women",
    "label.children": "Children",
    "field.note": "Note (no names)",
    "field.note_hint": "e.g. which municipality asked",
    "column.note": "Note",
    "button.register": "Register",
    "error.count": "Enter a number (0 or more).",
    "toast.saved": "The request has been registered.",
    "empty": "No requests logged."
  }
};
