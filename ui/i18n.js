// The window's language and its message catalogues. Swedish is the default; English is a
// setting of this computer (kept like the zoom level: a preference of the screen, not data).
//
// Each part of the window keeps its texts in a catalogue in ui/locales/, one module per part,
// exporting `TEXT = { sv: { key: 'text' }, en: { key: 'text' } }`. A text may hold `{name}`
// placeholders, filled from the `params` given to `t`. tests/tests/catalogues.rs checks that
// both languages have the same keys and placeholders, and that every key used exists.

const KEY = 'fristad-language';
export const LANGUAGES = ['sv', 'en'];

/** The language the window speaks now: 'sv' or 'en'. */
export function language() {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'sv';
}

/** Chooses the window's language and draws the window again in it. */
export function setLanguage(lang) {
  localStorage.setItem(KEY, LANGUAGES.includes(lang) ? lang : 'sv');
  window.location.reload();
}

document.documentElement.lang = language();

/**
 * The function `t(key, params)` for one catalogue. A key missing from the catalogue is a
 * programming error: it shows as the key itself (never as nothing), and the tests catch it.
 */
export function translator(text) {
  return (key, params = {}) => {
    const found = text[language()]?.[key] ?? text.sv?.[key];
    if (found === undefined) return key;
    return found.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}
