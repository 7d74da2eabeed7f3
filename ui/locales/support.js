// Texts of the support contacts' screen (ui/screens/support.js).
export const TEXT = {
  "sv": {
    "title": "Stödsamtal",
    "lead": "Samtal, chatt, sms, mejl och besök i öppenvården och på jourtelefonen räknas här, aldrig med namn. Den som hör av sig igen kan få en egen nyckel (till exempel K12), så att hon räknas en gång.",
    "section.new": "Nytt stödsamtal",
    "section.latest": "De senaste",
    "field.date": "Datum",
    "date_hint": "ÅÅÅÅ-MM-DD",
    "field.channel": "Hur",
    "field.group": "Vem",
    "field.topics": "Om vad",
    "field.minutes": "Minuter (valfritt)",
    "field.by": "Togs av",
    "field.person": "Nyckel (valfri)",
    "field.person_hint": "Aldrig ett namn: en nyckel som K12, för den som hör av sig igen.",
    "button.save": "Spara stödsamtalet",
    "error.minutes": "Skriv antalet minuter med siffror.",
    "toast.saved": "Stödsamtalet är sparat.",
    "column.date": "Datum",
    "empty": "Inga stödsamtal är registrerade än."
  },
  "en": {
    "title": "Support contacts",
    "lead": "Calls, chats, texts, e-mails and visits of the open counselling and the jour telephone are counted here, never with a name. Someone who gets in touch again can be given a key of her own (K12, for example), so that she counts once.",
    "section.new": "New support contact",
    "section.latest": "The latest",
    "field.date": "Date",
    "date_hint": "YYYY-MM-DD",
    "field.channel": "How",
    "field.group": "Who",
    "field.topics": "About what",
    "field.minutes": "Minutes (optional)",
    "field.by": "Taken by",
    "field.person": "Key (optional)",
    "field.person_hint": "Never a name: a key such as K12, for someone who gets in touch again.",
    "button.save": "Save the support contact",
    "error.minutes": "Write the number of minutes in digits.",
    "toast.saved": "The support contact has been saved.",
    "column.date": "Date",
    "empty": "No support contacts are recorded yet."
  }
};
