// Texts of an acute placement's clock: its state and time left (ui/screens/acute-clock.js).
export const TEXT = {
  "sv": {
    "state.running": "Pågår",
    "state.warning": "Mindre än 12 timmar kvar",
    "state.overdue": "Försenad",
    "state.stopped": "Avgjord",
    "state.moved_out": "Utflyttad",
    "text.decided": "Relationsvåldsenheten har beslutat; klockan är stoppad.",
    "text.all_out": "Alla har flyttat ut; klockan är stoppad.",
    "text.overdue": "Två dygn passerade {deadline} ({ago} sedan)",
    "text.left": "{left} kvar, till {deadline}"
  },
  "en": {
    "state.running": "Running",
    "state.warning": "Less than 12 hours left",
    "state.overdue": "Overdue",
    "state.stopped": "Decided",
    "state.moved_out": "Moved out",
    "text.decided": "Relationsvåldsenheten has made its decision; the clock is stopped.",
    "text.all_out": "Everyone has moved out; the clock is stopped.",
    "text.overdue": "The two days ran out at {deadline} ({ago} ago)",
    "text.left": "{left} left, until {deadline}"
  }
};
