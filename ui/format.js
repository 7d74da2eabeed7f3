// Swedish presentation of the program's machine values. Money arrives as kronor strings with
// two decimals ("550000.00") and is formatted by string operations: no floating point.

const NBSP = '\u00a0';

export function kronor(decimal) {
  const negative = decimal.startsWith('-');
  const [whole, frac = '00'] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '−' : ''}${grouped},${frac.padEnd(2, '0')}${NBSP}kr`;
}

const LOCAL = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** An instant from the program, in Swedish local time: 2026-03-01 22:15. */
export function localTime(iso) {
  if (!iso) return '';
  const parts = Object.fromEntries(LOCAL.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Minutes as hours and minutes: 2 h 05 min. */
export function duration(minutes) {
  const m = Math.abs(minutes);
  const hours = Math.floor(m / 60);
  const rest = String(m % 60).padStart(2, '0');
  return hours > 0 ? `${hours} h ${rest} min` : `${m % 60} min`;
}

// How far the program's clock is from the page's, in milliseconds. The program's clock decides
// what "today" is (it is the one a test can set); the page's only measures time passing.
let programOffset = 0;

/** Takes the program's "now" (an instant, as the program sends it when a session opens). */
export function setProgramNow(iso) {
  const at = Date.parse(iso);
  if (!Number.isNaN(at)) programOffset = at - Date.now();
}

/** Today's date in Sweden by the program's clock, 2026-03-01. */
export function today() {
  return localTime(new Date(Date.now() + programOffset).toISOString()).slice(0, 10);
}
