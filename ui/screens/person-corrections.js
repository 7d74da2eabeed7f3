// A person's own details corrected afterwards (name, birth, personnummer, protected identity),
// with the reason, and their history.

import { call } from '../api.js';
import { h, field, select, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { localTime } from '../format.js';
import { can } from '../session.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/corrections.js';

const t = translator(TEXT);

function targets() {
  const all = [
    ['name', t('person.name')], ['birth_year', t('person.birth_year')], ['birth_date', t('person.birth_date')],
    ['personal_number', t('person.personal_number')], ['gender', t('person.gender')],
  ];
  // Protected identity is set and lifted by a manager.
  if (can('set_protected_identity')) all.push(['protected_identity', t('person.protected_identity')]);
  return all;
}

function current(p, name) {
  if (name === 'protected_identity') return p.protected_identity ? 'ja' : 'nej';
  return p[name] ?? '';
}

function valueControl(p, name, genders) {
  if (name === 'gender') {
    return select({ name: 'value', label: t('field.value'), value: p.gender ?? 'ej_angivet', options: genders });
  }
  if (name === 'protected_identity') {
    return select({ name: 'value', label: t('field.value'), value: current(p, name),
      options: [{ value: 'ja', label: t('yes') }, { value: 'nej', label: t('no') }] });
  }
  return field({ name: 'value', label: t('field.value'), value: name ? String(current(p, name)) : '' });
}

/** The form that corrects one of the person's details; `reload` shows the page again. */
export function personCorrectionSection(p, reload, genders = []) {
  if (!can('correct_person')) return null;
  const list = h('select', { id: 'f-person-target', name: 'target', 'aria-describedby': 'f-person-target-error' },
    h('option', { value: '' }, t('choose')),
    ...targets().map(([name, label]) => h('option', { value: name }, label)));
  const slot = h('div', { id: 'person-correction-value' }, valueControl(p, ''));
  list.addEventListener('change', () => slot.replaceChildren(valueControl(p, list.value, genders)));
  const form = h('form', { id: 'person-correction-form', novalidate: true }, formAlert(),
    h('p', { class: 'hint' }, t('person.intro')),
    h('div', { class: 'field' }, h('label', { for: 'f-person-target' }, t('field.target')), list,
      h('p', { class: 'field-error', id: 'f-person-target-error', 'data-error-for': 'target' })),
    slot,
    field({ name: 'reason', label: t('field.reason') }),
    h('button', { type: 'submit', class: 'primary', id: 'save-person-correction' }, t('button.save')));
  onSubmit(form, async () => {
    const target = String(valueOf(form, 'target'));
    if (!target) throw { field: 'target', message: t('error.target') };
    const reason = String(valueOf(form, 'reason')).trim();
    if (!reason) throw { field: 'reason', message: t('error.reason') };
    await call('correct_person', { person: p.key, field: target, value: String(valueOf(form, 'value')), reason });
    toast(t('toast.saved'));
    await reload();
  });
  return h('details', { class: 'card', id: 'correct-person-details' },
    h('summary', {}, h('h2', { class: 'inline' }, t('section.correct'))), form);
}

function shown(value) {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  return String(value);
}

function label(name) {
  return Object.fromEntries([...targets(), ['protected_identity', t('person.protected_identity')]])[name] ?? name;
}

/** Every detail of the person corrected, oldest first. */
export function personHistorySection(history, genders = []) {
  const value = (c, v) => (c.field === 'gender' ? (genders.find((g) => g.value === v)?.label ?? shown(v)) : shown(v));
  if (!history.length) return null;
  return section(t('section.history'),
    h('table', { id: 'person-history' },
      h('thead', {}, h('tr', {}, ...[t('column.at'), t('column.by'), t('column.field'), t('column.old'), t('column.new'),
        t('column.reason')].map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, ...history.map((c) => h('tr', { 'data-field': c.field },
        h('td', { class: 'nowrap' }, localTime(c.at)),
        h('td', {}, c.by),
        h('th', { scope: 'row' }, label(c.field)),
        h('td', {}, value(c, c.old)),
        h('td', {}, value(c, c.new)),
        h('td', {}, c.reason))))));
}
