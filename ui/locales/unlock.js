// Texts of unlocking a database protected by a passphrase (ui/screens/unlock.js).
export const TEXT = {
  "sv": {
    "title": "Lås upp Fristad",
    "lead": "Databasen skyddas med en lösenfras.",
    "field.passphrase": "Lösenfras",
    "button.unlock": "Lås upp",
    "forgotten": "Har lösenfrasen glömts bort? ",
    "forgotten.reason": "Lösenfrasen har glömts bort. Återställningsnyckeln öppnar databasen, och sedan väljer du en ny lösenfras eller nyckelringen.",
    "forgotten.button": "Använd återställningsnyckeln"
  },
  "en": {
    "title": "Unlock Fristad",
    "lead": "The database is protected by a passphrase.",
    "field.passphrase": "Passphrase",
    "button.unlock": "Unlock",
    "forgotten": "Has the passphrase been forgotten? ",
    "forgotten.reason": "The passphrase has been forgotten. The recovery key opens the database, and then you choose a new passphrase or the keyring.",
    "forgotten.button": "Use the recovery key"
  }
};
