// Texts of signing in and making the first account (ui/screens/sign-in.js).
export const TEXT = {
  "sv": {
    "sign_in.title": "Logga in",
    "sign_in.button": "Logga in",
    "field.username": "Användarnamn",
    "field.password": "Lösenord",
    "first.title": "Skapa ditt konto",
    "first.lead": "Alla som använder Fristad loggar in med ett eget konto, så att det syns vem som har läst och ändrat vad. Det första kontot blir administratör och kan lägga upp konton åt de andra.",
    "first.display_name": "Ditt namn",
    "first.username_hint": "Det du loggar in med, t.ex. förnamn eller initialer.",
    "first.password_hint": "Minst 10 tecken. Gärna en mening du minns.",
    "first.password_repeat": "Samma lösenord igen",
    "first.button": "Skapa kontot och logga in"
  },
  "en": {
    "sign_in.title": "Sign in",
    "sign_in.button": "Sign in",
    "field.username": "User name",
    "field.password": "Password",
    "first.title": "Create your account",
    "first.lead": "Everyone who uses Fristad signs in with an account of their own, so that it shows who has read and changed what. The first account becomes the administrator and can set up accounts for the others.",
    "first.display_name": "Your name",
    "first.username_hint": "What you sign in with, e.g. your first name or initials.",
    "first.password_hint": "At least 10 characters. A sentence you can remember works well.",
    "first.password_repeat": "The same password again",
    "first.button": "Create the account and sign in"
  }
};
