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
    "button.done": "Fortsätt till Fristad"
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
    "button.done": "Continue to Fristad"
  }
};
