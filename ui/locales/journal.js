// Texts of the journal's notes on a placement's and a person's page (ui/screens/journal.js).
export const TEXT = {
  "sv": {
    "note.corrects": "rättar anteckning {id}",
    "note.corrected_by": "rättad av anteckning {id}",
    "note.correcting": "Rättar anteckningen från {at}. Den gamla finns kvar.",
    "note.correct": "Rätta"
  },
  "en": {
    "note.corrects": "corrects note {id}",
    "note.corrected_by": "corrected by note {id}",
    "note.correcting": "Correcting the note from {at}. The old one is kept.",
    "note.correct": "Correct"
  }
};
