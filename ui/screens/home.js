// The home screen: who is here now, the acute clocks, whether the acute room is free, and the
// agreement's standing. Everything shown is computed by the program from the records.

import { call } from '../api.js';
import { h, show } from '../dom.js';
import { kronor, localTime } from '../format.js';
import { language, translator } from '../i18n.js';
import { can } from '../session.js';
import { TEXT } from '../locales/home.js';
import { clockBadge, clockText } from './acute-clock.js';

const t = translator(TEXT);

function longDate(isoDate) {
  return new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'sv-SE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${isoDate}T12:00:00Z`));
}

function row(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function agreementCard(a) {
  const s = a.standing;
  const rows = [];
  if (s.standing === 'in_force') {
    rows.push(...row(t('agreement.period'),
      h('span', { id: `period-${a.key}` }, `${s.period.start} – ${s.period.end}`),
      s.number > 1 ? t('agreement.period_number_renewed', { number: s.number }) : t('agreement.period_number', { number: s.number })));
    if (a.notice_deadline) {
      const soon = a.days_to_notice_deadline <= 60;
      rows.push(...row(t('agreement.notice_deadline'),
        h('strong', { id: `notice-deadline-${a.key}` }, a.notice_deadline),
        ' ',
        h('span', { class: soon ? 'badge warn' : 'badge' }, a.days_to_notice_deadline === 1 ? t('agreement.days_left.one') : t('agreement.days_left.other', { days: a.days_to_notice_deadline }))));
      rows.push(...row(t('agreement.if_notice'), t('agreement.if_notice_text', { date: a.ends_if_notice_given })));
    } else {
      rows.push(...row(t('agreement.ends'), t('agreement.ends_text', { date: s.period.end })));
    }
  } else if (s.standing === 'not_started') {
    rows.push(...row(t('agreement.starts'), s.starts));
  } else {
    rows.push(...row(t('agreement.ended'), s.ended));
  }
  if (a.service_fee_in_force) {
    rows.push(...row(t('agreement.fee'),
      t('agreement.fee_yearly', { amount: kronor(a.service_fee_in_force.yearly) }),
      h('span', { class: 'hint' }, a.service_fee_in_force.basis)));
  }
  return h('article', { class: 'card', id: `agreement-${a.key}` },
    h('h2', {}, t('agreement.title', { name: a.counterparty.name })),
    h('p', { class: 'hint' }, `${a.title}, ${a.counterparty.unit}`),
    h('dl', { class: 'facts' }, ...rows),
    // The agreement's screen is a manager's; staff see its standing here and nothing to open.
    can('agreement_form') ? h('p', {}, h('a', { href: '#/avtal', class: 'button-link' }, t('agreement.open'))) : null,
  );
}

function acuteCard(house) {
  const items = house.acute_clocks.map((p) => h('li', { class: `clock clock-${p.clock.state}`, 'data-placement': p.key },
    h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, `${p.adult_name || t('name.hidden')} (${p.key})`),
    ' ', clockBadge(p.clock), ' ',
    h('span', { class: 'clock-text' }, clockText(p.clock)),
    h('span', { class: 'hint' }, p.clock.contacted_at
      ? t('acute.contacted', { time: localTime(p.clock.contacted_at) })
      : t('acute.not_contacted'))));
  return h('article', { class: 'card', id: 'acute-clocks' },
    h('h2', {}, t('acute.title')),
    items.length ? h('ul', { class: 'plain' }, ...items) : h('p', {}, t('acute.none')),
    h('p', { id: 'acute-room' }, house.acute_room_free === null
      ? t('acute.no_room')
      : house.acute_room_free ? t('acute.room_free') : t('acute.room_taken')),
  );
}

function presentCard(house) {
  const rows = house.present.map((p) => h('tr', {},
    h('td', {}, h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, p.adult_name || (p.adult_protected ? t('name.hidden') : p.key))),
    h('td', { class: 'nowrap' }, p.key),
    h('td', {}, String(p.present)),
    h('td', {}, p.municipality_name),
    h('td', {}, p.room ?? '–'),
    h('td', { class: 'nowrap' }, localTime(p.arrived))));
  return h('article', { class: 'card', id: 'present' },
    h('h2', {}, t('present.title')),
    h('p', { id: 'present-counts' }, t('present.counts', {
      adults: house.adults_present === 1 ? t('present.adults.one', { count: 1 }) : t('present.adults.other', { count: house.adults_present }),
      children: house.children_present === 1 ? t('present.children.one', { count: 1 }) : t('present.children.other', { count: house.children_present }),
    })),
    rows.length
      ? h('table', {}, h('thead', {}, h('tr', {}, ...[t('col.name'), t('col.placement'), t('col.people'), t('col.municipality'), t('col.room'), t('col.arrived')].map((label) => h('th', { scope: 'col' }, label)))), h('tbody', {}, ...rows))
      : h('p', {}, t('present.none')),
  );
}

// Children here for more than two weeks who still wait for school, a health examination or their
// own conversation: by keys, never names, with a link to the placement where it is recorded.
function childrenWaitingCard(home) {
  if (!home.children_waiting.length) return null;
  const right = { school_from: t('rights.school_from'), health_offered_on: t('rights.health_offered_on'), own_conversation_on: t('rights.own_conversation_on') };
  return h('article', { class: 'card', id: 'children-waiting' },
    h('h2', {}, t('rights.title')),
    h('ul', { class: 'plain' }, ...home.children_waiting.map((c) => h('li', { 'data-child': c.person },
      h('a', { href: `#/placering/${encodeURIComponent(c.placement)}` }, t('rights.child', { person: c.person, placement: c.placement })),
      ' ', h('span', { class: 'badge warn' }, t('rights.days', { days: c.days })), ' ',
      h('span', {}, t('rights.missing', { missing: c.missing.map((m) => right[m]).join(', ') }))))));
}

export async function homeScreen() {
  let home;
  let house;
  try {
    [home, house] = await Promise.all([call('home'), call('house_now')]);
  } catch (err) {
    show(h('section', { class: 'panel' }, h('h1', {}, t('title')), h('p', { class: 'problem', role: 'alert' }, err.message)));
    return;
  }
  document.getElementById('org-name').textContent = home.organisation?.name ?? '';
  show(
    h('section', { class: 'page', id: 'home-screen' },
      h('div', { class: 'page-head' },
        h('h1', {}, t('title')),
        h('a', { href: '#/intag', class: 'button-link primary', id: 'new-intake' }, t('new_intake'))),
      h('p', { class: 'lead', id: 'today' }, t('today', { date: longDate(home.today) })),
      ...home.notices.map((n) => h('p', { class: 'problem', role: 'alert', id: `notice-${n.kind}` }, n.detail)),
      home.organisation ? null : h('p', { class: 'problem', id: 'notice-organisation-missing' }, t('notice.organisation_missing')),
      home.over_permit ? h('p', { class: 'problem', role: 'alert', id: 'notice-over-permit' }, t('notice.over_permit', home.over_permit)) : null,
      ...home.incomplete_municipalities.map((m) => h('p', { class: 'problem', id: `notice-municipality-${m.key}` },
        t('notice.municipality_incomplete', { name: m.name }), ' ', h('a', { href: '#/kommuner' }, t('notice.complete_municipality')))),
      h('div', { class: 'cards' }, acuteCard(house), presentCard(house), childrenWaitingCard(home), ...home.agreements.map(agreementCard)),
    ),
  );
}
