// The rooms board: every room, its beds, who is in it now, and whether it is out of use today;
// and the room register (add or change a room, add a period when it is out of use), and the
// periods' history.

import { call } from '../api.js';
import { h, show, field, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { can } from '../session.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/rooms.js';
import { roomPeriodsSection } from './room-periods.js';

const t = translator(TEXT);

function roomCard(r) {
  const status = r.closed_today
    ? h('span', { class: 'badge danger' }, r.closure_reason ? t('status.closed_reason', { reason: r.closure_reason }) : t('status.closed'))
    : r.free ? h('span', { class: 'badge ok' }, t('status.free')) : h('span', { class: 'badge warn' }, t('status.occupied'));
  return h('article', { class: 'card room', id: `room-${r.key}`, 'data-occupied': r.occupied },
    h('h2', {}, r.name, r.acute ? h('span', { class: 'badge' }, t('acute')) : null),
    h('p', {}, status, ' ', h('span', { class: 'beds' }, t('beds', { occupied: r.occupied, beds: r.beds }))),
    r.placements.length
      ? h('ul', { class: 'plain' }, ...r.placements.map((p) => h('li', {},
        h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, p.key), `: ${p.names.map((n) => n || t('name.hidden')).join(', ')}`)))
      : null);
}

export async function roomsScreen() {
  const board = await call('rooms_board');
  const cat = await call('catalogue');
  const form = h('form', { id: 'room-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'key', label: t('field.key'), hint: t('field.key_hint') }),
      field({ name: 'name', label: t('field.name') }),
      field({ name: 'beds', label: t('field.beds'), attrs: { inputmode: 'numeric' } })),
    checkbox({ name: 'acute', label: t('acute') }),
    h('div', { class: 'row' },
      field({ name: 'closed_from', label: t('field.closed_from'), hint: t('field.closed_from_hint') }),
      field({ name: 'closed_to', label: t('field.closed_to'), hint: t('field.closed_to_hint') }),
      field({ name: 'closed_reason', label: t('field.closed_reason') })),
    h('button', { type: 'submit', class: 'primary' }, t('button.save')),
  );
  const fill = (room) => {
    for (const [k, val] of Object.entries({ key: room.key, name: room.name, beds: room.beds })) form.querySelector(`[name="${k}"]`).value = val;
    form.querySelector('[name="acute"]').checked = room.acute;
    // The closure fields add a new period; recorded ones are ended or corrected below.
    for (const k of ['closed_from', 'closed_to', 'closed_reason']) form.querySelector(`[name="${k}"]`).value = '';
    form.querySelector('[name="name"]').focus();
  };
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const closures = [];
    if (v('closed_from')) closures.push({ from: v('closed_from'), to: v('closed_to') || null, reason: v('closed_reason') });
    const beds = Number(v('beds'));
    if (!Number.isInteger(beds) || beds < 1) throw { field: 'beds', message: t('error.beds') };
    await call('save_room', { key: v('key'), name: v('name'), beds, acute: valueOf(form, 'acute'), closures });
    toast(t('toast.saved'));
    await roomsScreen();
  });
  show(
    h('section', { class: 'page', id: 'rooms-screen' },
      h('h1', {}, t('title')),
      h('div', { class: 'cards' }, ...board.map(roomCard)),
      // The register is a manager's; staff see the board only.
      can('save_room') ? section(t('register.title'),
        cat.rooms.length ? h('p', {}, t('register.change'), ...cat.rooms.map((r) => h('button', { type: 'button', class: 'quiet', onclick: () => fill(r) }, r.name))) : null,
        form) : null,
      can('room_periods') ? await roomPeriodsSection(roomsScreen) : null,
    ),
  );
}
