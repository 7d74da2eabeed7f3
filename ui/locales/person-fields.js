// Texts of one person's fields in a placement form: search for a returning person or a new one (ui/screens/person-fields.js).
export const TEXT = {
  "sv": {
    "field.name.adult": "Förnamn eller initialer",
    "field.name.child": "Barnets förnamn eller initialer",
    "field.birth_year": "Födelseår",
    "field.personal_number": "Personnummer (valfritt)",
    "field.personal_number_hint": "Samordningsnummer går också.",
    "field.protected_identity": "Skyddad identitet",
    "field.own_key": "Egen nyckel (valfritt)",
    "field.own_key_hint": "Annars skapas en pseudonym nyckel.",
    "search.label": "Har personen bott här förut? Sök",
    "search.placeholder": "Namn, nyckel, födelseår eller personnummer",
    "search.none": "Ingen träff: fyll i uppgifterna nedan.",
    "result": "{name} ({key})",
    "result.with_year": "{name} ({key}, född {year})",
    "chosen": "Återkommande: {name} ({key}). ",
    "button.choose_other": "Välj någon annan",
    "field.in": "Inflyttning",
    "field.in_hint": "ÅÅÅÅ-MM-DD TT:MM",
    "field.decision_reference": "Beslutsreferens (barnets eget beslut)"
  },
  "en": {
    "field.name.adult": "First name or initials",
    "field.name.child": "The child's first name or initials",
    "field.birth_year": "Year of birth",
    "field.personal_number": "Personnummer (Swedish ID number, optional)",
    "field.personal_number_hint": "A samordningsnummer (coordination number) works too.",
    "field.protected_identity": "Protected identity",
    "field.own_key": "Own key (optional)",
    "field.own_key_hint": "Otherwise a pseudonymous key is created.",
    "search.label": "Has this person stayed here before? Search",
    "search.placeholder": "Name, key, year of birth or personnummer",
    "search.none": "No match: fill in the details below.",
    "result": "{name} ({key})",
    "result.with_year": "{name} ({key}, born {year})",
    "chosen": "Returning: {name} ({key}). ",
    "button.choose_other": "Choose someone else",
    "field.in": "Moved in",
    "field.in_hint": "YYYY-MM-DD HH:MM",
    "field.decision_reference": "Decision reference (the child's own decision)"
  }
};
