// A placement's corrections: a form to correct one detail of the placement or of a stay, with
// its reason and (for those who may see invoices) what it does to the next invoicing run; and the
// history of every detail corrected, with the old and new value, who, when and why.

import { call } from '../api.js';
import { h, field, select, textarea, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { kronor, localTime } from '../format.js';
import { can } from '../session.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/corrections.js';

const t = translator(TEXT);

// The placement's details, as the import format names them, with their labels. The protection
// assessment and Relationsvåldsenheten's contact and decision once they are recorded (the page
// records them the first time).
const ASSESSMENT = ['assessment.by', 'assessment.at', 'assessment.conclusion'];
const RVE_CONTACT = ['rve.contacted_at', 'rve.contacted_by'];
const RVE_DECISION = ['rve.decision', 'rve.decided_at'];

function placementTargets(p) {
  const recorded = p
    ? [...(p.assessment ? ASSESSMENT : []), ...(p.rve.contacted_at ? RVE_CONTACT : []), ...(p.rve.decision ? RVE_DECISION : [])]
    : [...ASSESSMENT, ...RVE_CONTACT, ...RVE_DECISION];
  return [
    ['municipality', t('target.municipality')], ['arrived', t('target.arrived')], ['acute', t('target.acute')],
    ['reference', t('target.reference')], ['yy_code', t('target.yy_code')], ['violence', t('target.violence')],
    ['arrival_route', t('target.arrival_route')], ['transported_by', t('target.transported_by')],
    ...recorded.map((name) => [name, recordedLabel(name)]),
  ];
}

function recordedLabel(name) {
  return {
    'assessment.by': t('target.assessment.by'), 'assessment.at': t('target.assessment.at'),
    'assessment.conclusion': t('target.assessment.conclusion'),
    'rve.contacted_at': t('target.rve.contacted_at'), 'rve.contacted_by': t('target.rve.contacted_by'),
    'rve.decision': t('target.rve.decision'), 'rve.decided_at': t('target.rve.decided_at'),
  }[name];
}

function stayTargets() {
  return [
    ['in', t('target.in')], ['out', t('target.out')], ['category', t('target.category')],
    ['destination', t('target.destination')], ['decision_reference', t('target.decision_reference')],
  ];
}

// The lists a detail's value is chosen from, by detail.
function listOf(fieldName, cat) {
  const yesNo = [{ value: 'ja', label: t('yes') }, { value: 'nej', label: t('no') }];
  return {
    municipality: cat.municipalities.map((m) => ({ value: m.key, label: m.name })),
    acute: yesNo,
    violence: cat.kinds.violence,
    arrival_route: cat.kinds.arrival_route,
    transported_by: cat.kinds.transported_by,
    category: cat.kinds.category,
    destination: cat.kinds.destination,
    'assessment.by': cat.kinds.assessor,
    'rve.decision': cat.kinds.rve_decision,
  }[fieldName];
}

const TIMES = new Set(['arrived', 'in', 'out', 'assessment.at', 'rve.contacted_at', 'rve.decided_at']);

// A placement's recorded detail by its name in the import format («rve.decision»).
function placementValue(p, fieldName) {
  const [group, name] = fieldName.split('.');
  if (!name) return p[group];
  return p[group]?.[name];
}

// What is recorded now, as the value control starts with it.
function current(page, target) {
  const [kind, person, fieldName] = target.split(':');
  const p = page.placement;
  if (kind === 'placement') {
    const value = placementValue(p, fieldName);
    if (fieldName === 'acute') return value ? 'ja' : 'nej';
    return TIMES.has(fieldName) ? localTime(value) : (value ?? '');
  }
  const x = page.people.find((y) => y.person.key === person);
  const value = { in: x.in, out: x.out, category: x.category, destination: x.destination, decision_reference: x.decision_reference }[fieldName];
  return TIMES.has(fieldName) ? localTime(value) : (value ?? '');
}

function valueControl(page, cat, target) {
  const fieldName = target.split(':').pop();
  const value = target ? current(page, target) : '';
  if (fieldName === 'assessment.conclusion') return textarea({ name: 'value', label: t('field.value'), value, rows: 3 });
  const list = target ? listOf(fieldName, cat) : undefined;
  return list
    ? select({ name: 'value', label: t('field.value'), options: list, value, placeholder: fieldName === 'destination' || fieldName === 'rve.decision' ? '–' : undefined })
    : field({ name: 'value', label: t('field.value'), value });
}

function effectList(effect) {
  const documents = [...effect.credit_notes, ...effect.invoices];
  if (!documents.length) return h('p', { id: 'correction-effect' }, t('effect.none'));
  return h('div', { id: 'correction-effect' }, h('p', {}, t('effect.title')),
    h('ul', { class: 'plain' }, ...documents.map((d) => h('li', {},
      d.kind === 'credit_note'
        ? t('effect.credit', { buyer: d.buyer.name, total: kronor(d.total) })
        : t('effect.invoice', { buyer: d.buyer.name, total: kronor(d.total) })))));
}

/** The form that corrects one detail; `reload` shows the page again after a correction. */
export function correctionSection(page, cat, key, reload) {
  const targets = h('select', { id: 'f-target', name: 'target', 'aria-describedby': 'f-target-error' },
    h('option', { value: '' }, t('choose')),
    h('optgroup', { label: t('group.placement') },
      ...placementTargets(page.placement).map(([name, label]) => h('option', { value: `placement::${name}` }, label))),
    ...page.people.map((x) => h('optgroup', { label: t('group.stay', { name: x.person.name || x.person.key, key: x.person.key }) },
      ...stayTargets().map(([name, label]) => h('option', { value: `stay:${x.person.key}:${name}` }, label)))));
  const slot = h('div', { id: 'correction-value' }, valueControl(page, cat, ''));
  const effect = h('div', { id: 'correction-effect-slot' });
  targets.addEventListener('change', () => {
    slot.replaceChildren(valueControl(page, cat, targets.value));
    effect.replaceChildren();
  });
  const form = h('form', { id: 'correction-form', novalidate: true }, formAlert(),
    h('p', { class: 'hint' }, t('intro')),
    h('div', { class: 'field' }, h('label', { for: 'f-target' }, t('field.target')), targets,
      h('p', { class: 'field-error', id: 'f-target-error', 'data-error-for': 'target' })),
    slot,
    field({ name: 'reason', label: t('field.reason') }),
    effect,
    h('div', { class: 'row' },
      can('correction_preview') ? h('button', { type: 'button', id: 'correction-preview' }, t('button.preview')) : null,
      h('button', { type: 'submit', class: 'primary', id: 'save-correction' }, t('button.save'))));
  const correction = () => {
    const target = String(valueOf(form, 'target'));
    if (!target) throw { field: 'target', message: t('error.target') };
    const reason = String(valueOf(form, 'reason')).trim();
    if (!reason) throw { field: 'reason', message: t('error.reason') };
    const [kind, person, fieldName] = target.split(':');
    return { placement: key, person: kind === 'stay' ? person : null, field: fieldName, value: String(valueOf(form, 'value')), reason };
  };
  onSubmit(form, async () => {
    await call('correct_placement', correction());
    toast(t('toast.saved'));
    await reload();
  });
  const preview = form.querySelector('#correction-preview');
  if (preview) {
    // The preview shares the form's way of showing a refusal (beside its field).
    const previewForm = () => form.dispatchEvent(new CustomEvent('preview'));
    preview.addEventListener('click', previewForm);
    form.addEventListener('preview', async () => {
      try {
        form.querySelectorAll('[data-error-for]').forEach((p) => { p.textContent = ''; });
        effect.replaceChildren(effectList(await call('correction_preview', correction())));
      } catch (err) {
        const slotFor = err?.field ? form.querySelector(`[data-error-for="${CSS.escape(err.field)}"]`) : null;
        if (slotFor) slotFor.textContent = err.message;
        else { const alert = form.querySelector('.form-alert'); alert.textContent = err?.message ?? String(err); alert.hidden = false; }
      }
    });
  }
  return h('details', { class: 'card', id: 'correct-details' }, h('summary', {}, h('h2', { class: 'inline' }, t('section.correct'))), form);
}

// A detail's name in the history: the placement's, or a stay's with whose stay it is.
function fieldLabel(page, name) {
  const placement = Object.fromEntries([...placementTargets(), ['room', t('target.room')]]);
  if (placement[name]) return placement[name];
  const m = /^stays\.([^.]+)\.(.+)$/.exec(name);
  if (m) {
    const x = page.people.find((y) => y.person.key === m[1]);
    const stay = Object.fromEntries(stayTargets());
    return `${x?.person.name || m[1]} (${m[1]}): ${stay[m[2]] ?? m[2]}`;
  }
  return name;
}

// A recorded value as it reads: a time locally, yes/no, a list's label, a municipality's name.
function shownValue(name, value, cat) {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  const fieldName = name.startsWith('stays.') ? name.split('.').pop() : name;
  if (TIMES.has(fieldName)) return localTime(value);
  if (fieldName === 'room') return cat.rooms.find((r) => r.key === value)?.name ?? String(value);
  const list = listOf(fieldName, cat);
  return list?.find((o) => o.value === value)?.label ?? String(value);
}

/** Every detail corrected, oldest first. */
export function historySection(page, cat) {
  if (!page.history.length) return null;
  return section(t('section.history'),
    h('table', { id: 'history' },
      h('thead', {}, h('tr', {}, ...[t('column.at'), t('column.by'), t('column.field'), t('column.old'), t('column.new'),
        t('column.reason')].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...page.history.map((c) => h('tr', { 'data-field': c.field },
        h('td', { class: 'nowrap' }, localTime(c.at)),
        h('td', {}, c.by),
        h('th', { scope: 'row' }, fieldLabel(page, c.field)),
        h('td', {}, shownValue(c.field, c.old, cat)),
        h('td', {}, shownValue(c.field, c.new, cat)),
        h('td', {}, c.reason))))));
}
