// Texts shared by several parts of the window (ui/session.js, ui/api.js).
export const TEXT = {
  "sv": {
    "role.staff": "Personal",
    "role.manager": "Chef",
    "role.admin": "Administratör",
    "error.no_program": "Sidan är inte öppnad i Fristad-programmet.",
    "error.unexpected": "Oväntat fel: {error}"
  },
  "en": {
    "role.staff": "Staff",
    "role.manager": "Manager",
    "role.admin": "Administrator",
    "error.no_program": "The page is not open in the Fristad program.",
    "error.unexpected": "Unexpected error: {error}"
  }
};
