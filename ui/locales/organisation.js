// Texts of the request for the organisation's details (ui/screens/organisation.js).
export const TEXT = {
  "sv": {
    "title": "Organisationens uppgifter",
    "lead": "Databasen är öppen. Fyll i organisationens uppgifter innan du börjar.",
    "button.save": "Spara"
  },
  "en": {
    "title": "The organisation's details",
    "lead": "The database is open. Fill in the organisation's details before you begin.",
    "button.save": "Save"
  }
};
