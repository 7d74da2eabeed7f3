// Texts of the screen that changes the database key (ui/screens/database-key.js).
export const TEXT = {
  "sv": {
    "title": "Byt databasnyckel",
    "back": "← Säkerhetskopior",
    "lead": "Kan en nyckelfil, lösenfrasen eller återställningsnyckeln ha kommit på avvägar? Då krypteras databasen om med en ny nyckel, och du får en ny återställningsnyckel som visas en gång.",
    "what.old_key": "Den gamla återställningsnyckeln, och gamla kopior av nyckelfilen med sin lösenfras, öppnar inte längre databasen.",
    "what.backups": "Säkerhetskopior som redan finns behåller den gamla nyckeln. Gör en ny säkerhetskopia direkt efteråt.",
    "what.alone": "Ingen annan får ha Fristad öppet under tiden. Inget som är sparat ändras.",
    "key_choice": "Var den nya nyckeln ska förvaras på den här datorn. En lösenfras kan vara densamma som förut.",
    "sure": "Jag vill byta databasens nyckel",
    "button.change": "Byt nyckel",
    "error.sure": "Kryssa i att du vill byta nyckel."
  },
  "en": {
    "title": "Change the database key",
    "back": "← Backups",
    "lead": "May a key file, the passphrase or the recovery key have gone astray? Then the database is encrypted again under a new key, and you get a new recovery key, shown once.",
    "what.old_key": "The old recovery key, and old copies of the key file with their passphrase, no longer open the database.",
    "what.backups": "Backups that already exist keep the old key. Make a new backup straight afterwards.",
    "what.alone": "Nobody else may have Fristad open meanwhile. Nothing that is saved changes.",
    "key_choice": "Where the new key is to be kept on this computer. A passphrase may be the same as before.",
    "sure": "I want to change the database's key",
    "button.change": "Change the key",
    "error.sure": "Tick that you want to change the key."
  }
};
