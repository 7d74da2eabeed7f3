// The rooms' out-of-use periods as a history (a manager's): each period can be ended early or
// corrected, with why; nothing is replaced or removed, and every change is listed with the
// period before and after, who, when and why.

import { call } from '../api.js';
import { h, field, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { localTime } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/room-periods.js';

const t = translator(TEXT);

const shown = (p) => t('period', { from: p.from, to: p.to ?? t('until_further'), reason: p.reason || '–' });

// One form under a period: end it early, or correct it.
function periodForm(room, p, kind, reload) {
  const id = `period-${kind}-${p.id}`;
  const fields = kind === 'end'
    ? [field({ name: 'last_day', label: t('field.last_day'), hint: t('date_hint') })]
    : [h('div', { class: 'row' },
      field({ name: 'closed_from', label: t('field.from'), value: p.from }),
      field({ name: 'closed_to', label: t('field.to'), value: p.to ?? '', hint: t('field.to_hint') }),
      field({ name: 'reason', label: t('field.reason'), value: p.reason }))];
  const form = h('form', { id, class: 'inline-form', novalidate: true, hidden: true }, formAlert(), ...fields,
    field({ name: 'why', label: t('field.why') }),
    h('button', { type: 'submit', class: 'primary' }, kind === 'end' ? t('button.end') : t('button.correct')));
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    if (!v('why')) throw { field: 'why', message: t('error.why') };
    if (kind === 'end') {
      await call('room_closure_end', { room: room.key, period: p.id, last_day: v('last_day'), why: v('why') });
    } else {
      await call('room_closure_correct', { room: room.key, period: p.id, from: v('closed_from'), to: v('closed_to') || null, reason: v('reason'), why: v('why') });
    }
    toast(t('toast.saved'));
    await reload();
  });
  return form;
}

function roomPeriods(room, reload) {
  const rows = room.periods.map((p) => {
    const end = periodForm(room, p, 'end', reload);
    const correct = periodForm(room, p, 'correct', reload);
    const open = (form) => () => { end.hidden = form !== end; correct.hidden = form !== correct; form.querySelector('input').focus(); };
    return h('li', { 'data-period': p.id },
      h('span', {}, shown(p)), ' ',
      h('button', { type: 'button', class: 'quiet small', onclick: open(end) }, t('button.open_end')), ' ',
      h('button', { type: 'button', class: 'quiet small', onclick: open(correct) }, t('button.open_correct')),
      end, correct);
  });
  const history = room.history.length ? h('table', { class: 'room-history', 'data-room': room.key },
    h('thead', {}, h('tr', {}, ...[t('column.at'), t('column.by'), t('column.old'), t('column.new'), t('column.why')]
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...room.history.map((c) => h('tr', {},
      h('td', { class: 'nowrap' }, localTime(c.at)), h('td', {}, c.actor),
      h('td', {}, shown(c.before)), h('td', {}, shown(c.after)), h('td', {}, c.reason))))) : null;
  return h('div', { class: 'room-periods', id: `periods-${room.key}` },
    h('h3', {}, room.name),
    h('ul', { class: 'plain' }, ...rows),
    history);
}

/** The section of every room that has a period, or nothing when none has. */
export async function roomPeriodsSection(reload) {
  const rooms = (await call('room_periods')).filter((r) => r.periods.length);
  if (!rooms.length) return null;
  return section(t('title'), h('p', { class: 'hint' }, t('lead')), ...rooms.map((r) => roomPeriods(r, reload)));
}
