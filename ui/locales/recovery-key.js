// Texts of the recovery key shown once after setup (ui/screens/recovery-key.js).
export const TEXT = {
  "sv": {
    "title": "Återställningsnyckel",
    "lead.created": "Databasen är skapad. Det här är dess återställningsnyckel, och den visas bara nu. ",
    "lead.use": "Med den går databasen att öppna om nyckelringen eller lösenfrasen går förlorad, eller på en ny dator.",
    "key.label": "Återställningsnyckel",
    "keep": "Skriv ut arket eller skriv av nyckeln, och lås in den skild från datorn. Spara den inte i e-post eller i molnet.",
    "button.save": "Spara som PDF för utskrift …",
    "sheet.saved": "Sparat som {file}. Skriv ut arket och radera sedan filen.",
    "sheet.not_saved": "Inget sparades.",
    "button.copy": "Kopiera nyckeln",
    "copied": "Nyckeln är kopierad. Urklippet töms om {seconds} sekunder.",
    "confirm": "Jag har skrivit ut eller skrivit av nyckeln och förvarar den inlåst.",
    "button.done": "Fortsätt till Fristad",
    "lead.changed": "Databasen är krypterad med en ny nyckel. Det här är den nya återställningsnyckeln, och den visas bara nu. Den gamla återställningsnyckeln och gamla kopior av nyckelfilen öppnar inte längre databasen. ",
    "backup.old_keys": "Säkerhetskopior som gjordes före bytet öppnas bara med den gamla nyckeln (den gamla återställningsnyckeln eller lösenfrasen). Gör en ny säkerhetskopia nu.",
    "button.backup_now": "Säkerhetskopiera nu",
    "backup.saved": "Säkerhetskopian är sparad: {file}",
    "button.back": "Tillbaka till säkerhetskopiorna"
  },
  "en": {
    "title": "Recovery key",
    "lead.created": "The database has been created. This is its recovery key, and it is shown only now. ",
    "lead.use": "With it the database can be opened if the keyring or the passphrase is lost, or on a new computer.",
    "key.label": "Recovery key",
    "keep": "Print the sheet or copy the key out by hand, and lock it away separately from the computer. Do not keep it in e-mail or in the cloud.",
    "button.save": "Save as PDF for printing …",
    "sheet.saved": "Saved as {file}. Print the sheet, then delete the file.",
    "sheet.not_saved": "Nothing was saved.",
    "button.copy": "Copy the key",
    "copied": "The key has been copied. The clipboard will be emptied in {seconds} seconds.",
    "confirm": "I have printed the key or copied it out by hand, and I keep it locked away.",
    "button.done": "Continue to Fristad",
    "lead.changed": "The database is encrypted under a new key. This is the new recovery key, and it is shown only now. The old recovery key and old copies of the key file no longer open the database. ",
    "backup.old_keys": "Backups made before the change open only with the old key (the old recovery key or passphrase). Make a new backup now.",
    "button.backup_now": "Back up now",
    "backup.saved": "The backup has been saved: {file}",
    "button.back": "Back to the backups"
  }
};
