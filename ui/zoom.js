// Ctrl and plus, minus or 0 make the whole window larger, smaller or normal again, as in a web
// browser (WCAG 1.4.4: readable at 200 %). The level is kept on this computer between starts; it
// is a preference of the screen, not data.

const LEVELS = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
const KEY = 'fristad-zoom';

function current() {
  const saved = Number(localStorage.getItem(KEY));
  return LEVELS.includes(saved) ? saved : 1;
}

async function apply(level) {
  localStorage.setItem(KEY, String(level));
  await window.__TAURI__?.webview?.getCurrentWebview?.().setZoom(level);
}

window.addEventListener('keydown', (event) => {
  if (!event.ctrlKey || event.altKey) return;
  const at = LEVELS.indexOf(current());
  let level;
  if (event.key === '+' || event.key === '=') level = LEVELS[Math.min(at + 1, LEVELS.length - 1)];
  else if (event.key === '-') level = LEVELS[Math.max(at - 1, 0)];
  else if (event.key === '0') level = 1;
  else return;
  event.preventDefault();
  apply(level);
});

if (current() !== 1) apply(current());
