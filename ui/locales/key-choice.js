// Texts of the choice of where the database key is kept (ui/screens/key-choice.js).
export const TEXT = {
  "sv": {
    "intro": "Allt i Fristad är krypterat med en nyckel som skapas nu. Välj var den ska förvaras mellan gångerna.",
    "legend": "Databasens nyckel",
    "env_note": "Nyckeln skyddas med lösenfrasen i miljövariabeln FRISTAD_PASSPHRASE. Datorns nyckelring används inte.",
    "passphrase": "Lösenfras",
    "passphrase_hint": "Minst 10 tecken. Flera ord i rad är lätta att minnas och svåra att gissa.",
    "passphrase_repeat": "Lösenfrasen en gång till",
    "keyring": "I datorns nyckelring (rekommenderas)",
    "keyring.available": "Programmet öppnas direkt när du är inloggad i datorn.",
    "keyring.unavailable": "Går inte på den här datorn: {problem}",
    "keyring.none_found": "ingen nyckelring hittades.",
    "passphrase.choice": "Skyddad med en lösenfras",
    "passphrase.choice_hint": "Lösenfrasen behövs varje gång programmet startar."
  },
  "en": {
    "intro": "Everything in Fristad is encrypted with a key that is made now. Choose where it is kept between sessions.",
    "legend": "The database's key",
    "env_note": "The key is protected by the passphrase in the environment variable FRISTAD_PASSPHRASE. The computer's keyring is not used.",
    "passphrase": "Passphrase",
    "passphrase_hint": "At least 10 characters. Several words in a row are easy to remember and hard to guess.",
    "passphrase_repeat": "The passphrase once more",
    "keyring": "In the computer's keyring (recommended)",
    "keyring.available": "The program opens straight away when you are signed in to the computer.",
    "keyring.unavailable": "Not possible on this computer: {problem}",
    "keyring.none_found": "no keyring was found.",
    "passphrase.choice": "Protected by a passphrase",
    "passphrase.choice_hint": "The passphrase is needed every time the program starts."
  }
};
