// Texts of striking out an entry recorded wrongly (ui/screens/strike.js).
export const TEXT = {
  "sv": {
    "summary": "Stryk",
    "field.reason": "Varför den stryks",
    "button.strike": "Stryk posten",
    "toast.struck": "Posten är struken. Den sparas men räknas inte.",
    "struck": "Struken: {reason} ({by})"
  },
  "en": {
    "summary": "Strike out",
    "field.reason": "Why it is struck out",
    "button.strike": "Strike out the entry",
    "toast.struck": "The entry is struck out. It is kept but not counted.",
    "struck": "Struck out: {reason} ({by})"
  }
};
