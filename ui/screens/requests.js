// Requests for a place: every one, recorded when it comes (who asked, how many, the outcome if
// known) and never naming anyone. A request still being decided gets its outcome from the list.

import { call } from '../api.js';
import { h, show, field, select, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { today, localTime } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/requests.js';
import { strikeCell } from './strike.js';

const t = translator(TEXT);

function label(list, value) {
  return list.find((o) => o.value === value)?.label ?? value;
}

// The placements a request may have led to: ongoing ones and those that came in the last
// two months, by key, arrival and municipality (never a name).
function placementOptions(placements) {
  const since = Date.now() - 60 * 24 * 3600 * 1000;
  return placements
    .filter((p) => !p.ended || Date.parse(p.arrived) >= since)
    .map((p) => ({ value: p.key, label: `${p.key} · ${localTime(p.arrived)} · ${p.municipality_name}` }));
}

// The outcome's fields, shared by the new request's form and a pending request's.
function outcomeFields(kinds, placements, prefix, allowPending) {
  return [
    h('div', { class: 'row' },
      select({
        name: `${prefix}outcome`, label: t('field.outcome'), options: kinds.outcome,
        placeholder: allowPending ? t('option.pending') : undefined, value: allowPending ? '' : 'nekad',
      }),
      select({ name: `${prefix}reason`, label: t('field.reason'), options: kinds.reason, placeholder: t('option.none'), hint: t('field.reason_hint') })),
    h('div', { class: 'row' },
      field({ name: `${prefix}referred_to`, label: t('field.referred_to'), hint: t('field.referred_to_hint') }),
      select({ name: `${prefix}placement`, label: t('field.placement'), options: placementOptions(placements), placeholder: t('option.none'), hint: t('field.placement_hint') })),
  ];
}

function outcomeOf(form, prefix) {
  const v = (n) => String(valueOf(form, `${prefix}${n}`)).trim();
  return { outcome: v('outcome') || null, reason: v('reason') || null, referred_to: v('referred_to'), placement: v('placement') || null };
}

// One form gives a pending request its outcome; its fields are named apart (`decision.`) from
// the new request's, and the program's answer is shown beside the field it names.
function decideForm(kinds, placements) {
  const prefix = 'decision.';
  const form = h('form', { id: 'decide-form', novalidate: true, hidden: true },
    h('p', { id: 'decide-which' }),
    formAlert(),
    ...outcomeFields(kinds, placements, prefix, false),
    h('button', { type: 'submit', class: 'primary' }, t('button.decide')));
  onSubmit(form, async () => {
    try {
      await call('decide_request', { id: Number(form.dataset.id), ...outcomeOf(form, prefix) });
    } catch (err) {
      throw err?.field ? { ...err, message: err.message, field: `${prefix}${err.field}` } : err;
    }
    toast(t('toast.decided'));
    await requestsScreen();
  });
  return form;
}

function table(list, kinds, decide) {
  if (!list.length) return h('p', {}, t('empty'));
  const columns = [t('field.date'), t('field.from'), t('field.adults'), t('field.children'), t('field.outcome'), t('field.reason'), t('field.referred_to'), t('field.placement'), t('column.strike')];
  const open = (r) => {
    decide.dataset.id = String(r.id);
    decide.hidden = false;
    decide.querySelector('#decide-which').textContent = t('decide.which', { date: r.date, from: label(kinds.asker, r.from) });
    decide.querySelector('select').focus();
  };
  return h('table', { id: 'requests-list' },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...list.map((r) => h('tr', { class: r.struck ? 'struck' : (r.outcome ? '' : 'pending'), 'data-id': r.id },
      h('td', { class: 'nowrap value' }, r.date),
      h('td', { class: 'value' }, label(kinds.asker, r.from)),
      h('td', { class: 'value' }, String(r.adults)),
      h('td', { class: 'value' }, String(r.children)),
      h('td', { class: 'value' }, r.outcome || r.struck ? label(kinds.outcome, r.outcome ?? '')
        : h('button', { type: 'button', class: 'quiet give-outcome', onclick: () => open(r) }, t('button.give_outcome'))),
      h('td', { class: 'value' }, r.reason ? label(kinds.reason, r.reason) : ''),
      h('td', { class: 'value' }, r.referred_to ?? ''),
      h('td', { class: 'value' }, r.placement ? h('a', { href: `#/placering/${encodeURIComponent(r.placement)}` }, r.placement) : ''),
      strikeCell('strike_request', r, requestsScreen)))));
}

export async function requestsScreen() {
  const [cat, list, placements] = await Promise.all([call('catalogue'), call('requests_list'), call('placements_list')]);
  const kinds = cat.kinds;
  const decide = decideForm(kinds, placements);
  const form = h('form', { id: 'request-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'date', label: t('field.date'), value: today() }),
      select({ name: 'from', label: t('field.from'), options: kinds.asker, value: 'socialtjansten' }),
      field({ name: 'adults', label: t('field.adults'), value: '1', attrs: { inputmode: 'numeric' } }),
      field({ name: 'children', label: t('field.children'), value: '0', attrs: { inputmode: 'numeric' } })),
    ...outcomeFields(kinds, placements, '', true),
    field({ name: 'note', label: t('field.note'), hint: t('field.note_hint') }),
    h('button', { type: 'submit', class: 'primary', id: 'save-request' }, t('button.register')),
  );
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const count = (n) => {
      const x = Number(v(n));
      if (v(n) === '' || !Number.isInteger(x) || x < 0) throw { field: n, message: t('error.count') };
      return x;
    };
    await call('add_request', {
      date: v('date'), from: v('from'), adults: count('adults'), children: count('children'),
      ...outcomeOf(form, ''), note: v('note'),
    });
    toast(t('toast.saved'));
    await requestsScreen();
  });
  show(
    h('section', { class: 'page', id: 'requests-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      section(t('section.new'), form),
      section(t('section.log'), table(list, kinds, decide), decide),
    ),
  );
}
