// Small helpers for building screens without innerHTML: every value from the program is set as
// text, never parsed as markup.

import { HELP } from './help.js';
import { language } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/**
 * The screen's short help, folded under its heading: what the screen is for and what its buttons
 * do (texts in help.js, by the screen's id). F1 opens and closes it.
 */
function addHelp(main) {
  const screen = main.querySelector('section[id$="-screen"]');
  const help = screen && HELP[language()]?.[screen.id];
  if (!help) return;
  const details = h('details', { class: 'help', id: 'screen-help' },
    h('summary', {}, help.summary),
    h('div', { class: 'help-body' }, ...help.body.map((paragraph) => h('p', {}, paragraph))));
  const head = screen.querySelector('.page-head') ?? screen.querySelector('h1');
  if (head) head.after(details);
  else screen.prepend(details);
}

window.addEventListener('keydown', (event) => {
  if (event.key !== 'F1') return;
  const help = document.getElementById('screen-help');
  if (!help) return;
  event.preventDefault();
  help.open = !help.open;
  help.querySelector('summary').focus();
});

/**
 * A part that scrolls sideways (a wide table at 200 % zoom) takes the keyboard focus, so that it
 * can be scrolled with the arrow keys; when it fits again it is no longer a stop for Tab.
 */
function markScrollRegions() {
  for (const el of document.querySelectorAll('main table, main .cards .card')) {
    const scrolls = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'auto';
    if (scrolls && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.dataset.scrollRegion = '';
    } else if (!scrolls && 'scrollRegion' in el.dataset) {
      el.removeAttribute('tabindex');
      delete el.dataset.scrollRegion;
    }
  }
}
let marking = 0;
function markSoon() {
  cancelAnimationFrame(marking);
  marking = requestAnimationFrame(markScrollRegions);
}
window.addEventListener('resize', markSoon);
new MutationObserver(markSoon).observe(document.getElementById('main'), { childList: true, subtree: true });

/**
 * Where a screen has several small forms with a field of the same name (the time of a contact,
 * of a decision, of a move-out), their ids would repeat and a label could point at the wrong
 * field. Such fields get their form's id in theirs (`f-at` → `f-move-out-all-at`), with their
 * labels and descriptions following.
 */
function uniqueIds(main) {
  const count = new Map();
  for (const el of main.querySelectorAll('[id]')) count.set(el.id, (count.get(el.id) ?? 0) + 1);
  for (const form of main.querySelectorAll('form[id]')) {
    const renamed = new Map();
    for (const el of form.querySelectorAll('[id^="f-"]')) {
      if (count.get(el.id) > 1) {
        const id = `f-${form.id}-${el.id.slice(2)}`;
        renamed.set(el.id, id);
        el.id = id;
      }
    }
    if (renamed.size === 0) continue;
    for (const label of form.querySelectorAll('label[for]')) {
      if (renamed.has(label.htmlFor)) label.htmlFor = renamed.get(label.htmlFor);
    }
    for (const el of form.querySelectorAll('[aria-describedby]')) {
      const ids = el.getAttribute('aria-describedby').split(' ');
      el.setAttribute('aria-describedby', ids.map((id) => renamed.get(id) ?? id).join(' '));
    }
  }
}

/** Replaces the main area with a screen and moves focus to its heading (for screen readers). */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
  uniqueIds(main);
  addHelp(main);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** A labelled input with a place for its error message, tied together for assistive technology. */
export function field({ name, label, value = '', type = 'text', hint, autocomplete = 'off', required = false, attrs = {} }) {
  value = value ?? '';
  const id = `f-${name.replaceAll('.', '-')}`;
  const input = h('input', {
    id, name, type, value, autocomplete, required,
    'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}`,
    ...attrs,
  });
  input.value = value;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    input,
    h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name }),
  );
}

/** A labelled select; `options` are {value, label}; an empty first choice when `placeholder`. */
export function select({ name, label, options, value = '', placeholder, hint, required = false }) {
  const id = `f-${name.replaceAll('.', '-')}`;
  const el = h('select', { id, name, required, 'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}` },
    placeholder !== undefined ? h('option', { value: '' }, placeholder) : null,
    ...options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    el,
    h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name }),
  );
}

/** A labelled multi-line text field. */
export function textarea({ name, label, value = '', hint, rows = 3 }) {
  const id = `f-${name.replaceAll('.', '-')}`;
  const el = h('textarea', { id, name, rows, 'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}` });
  el.value = value;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    el,
    h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name }),
  );
}

/** A labelled checkbox. */
export function checkbox({ name, label, checked = false }) {
  const id = `f-${name.replaceAll('.', '-')}`;
  return h('label', { class: 'check', for: id },
    h('input', { type: 'checkbox', id, name, checked }),
    h('span', {}, label),
    h('span', { class: 'field-error', 'data-error-for': name }),
  );
}

/** The value of the named control in a form ('' when absent). */
export function valueOf(form, name) {
  const el = form.querySelector(`[name="${CSS.escape(name)}"]`);
  if (!el) return '';
  return el.type === 'checkbox' ? el.checked : el.value;
}

/** A page section with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** Clears earlier errors in a form. */
export function clearErrors(form) {
  form.querySelectorAll('[data-error-for]').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const alert = form.querySelector('.form-alert');
  if (alert) { alert.textContent = ''; alert.hidden = true; }
}

/** Shows an error from the program: beside its field when it names one, else at the form's top. */
export function showError(form, err) {
  const message = err?.message ?? String(err);
  const slot = err?.field ? form.querySelector(`[data-error-for="${CSS.escape(err.field)}"]`) : null;
  if (slot) {
    slot.textContent = message;
    const input = form.querySelector(`[name="${CSS.escape(err.field)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
    return;
  }
  const alert = form.querySelector('.form-alert');
  alert.textContent = message;
  alert.hidden = false;
  alert.focus();
}

export function formAlert() {
  return h('p', { class: 'form-alert', role: 'alert', tabindex: '-1', hidden: true });
}

/**
 * Runs `action` when the form is submitted: earlier errors cleared, the submit button disabled
 * while it runs (so a double click does nothing twice), and a refusal shown where it belongs.
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await action();
    } catch (err) {
      showError(form, err);
    } finally {
      if (button) button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

export function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
}
