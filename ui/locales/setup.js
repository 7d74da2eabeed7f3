// Texts of first-run setup (ui/screens/setup.js).
export const TEXT = {
  "sv": {
    "title": "Välkommen till Fristad",
    "lead.local": "Fristad sparar allt i en krypterad databas på den här datorn. Ingenting skickas någonstans. ",
    "lead.fill_in": "Fyll i organisationens uppgifter och välj hur databasens nyckel ska förvaras.",
    "button.create": "Skapa databasen"
  },
  "en": {
    "title": "Welcome to Fristad",
    "lead.local": "Fristad keeps everything in an encrypted database on this computer. Nothing is sent anywhere. ",
    "lead.fill_in": "Fill in the organisation's details and choose how the database's key is to be kept.",
    "button.create": "Create the database"
  }
};
