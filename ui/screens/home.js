// The home screen: who is here now, the acute clocks, whether the acute room is free, and the
// agreement's standing. Everything shown is computed by the program from the records.

import { call } from '../api.js';
import { h, show } from '../dom.js';
import { kronor, days, localTime } from '../format.js';
import { clockBadge, clockText } from './acute-clock.js';

function longDate(isoDate) {
  return new Intl.DateTimeFormat('sv-SE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${isoDate}T12:00:00Z`));
}

function row(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function agreementCard(a) {
  const s = a.standing;
  const rows = [];
  if (s.standing === 'in_force') {
    rows.push(...row('Period som gäller nu',
      h('span', { id: `period-${a.key}` }, `${s.period.start} – ${s.period.end}`),
      ` (period ${s.number}${s.number > 1 ? ', förlängd automatiskt' : ''})`));
    if (a.notice_deadline) {
      const soon = a.days_to_notice_deadline <= 60;
      rows.push(...row('Sista dag att säga upp',
        h('strong', { id: `notice-deadline-${a.key}` }, a.notice_deadline),
        ' ',
        h('span', { class: soon ? 'badge warn' : 'badge' }, `${days(a.days_to_notice_deadline)} kvar`)));
      rows.push(...row('Om avtalet sägs upp i tid', `upphör det ${a.ends_if_notice_given}. Annars förlängs det automatiskt.`));
    } else {
      rows.push(...row('Upphör', `Avtalet upphör ${s.period.end}.`));
    }
  } else if (s.standing === 'not_started') {
    rows.push(...row('Börjar gälla', s.starts));
  } else {
    rows.push(...row('Upphörde', s.ended));
  }
  if (a.service_fee_in_force) {
    rows.push(...row('Serviceavgift',
      `${kronor(a.service_fee_in_force.yearly)} per år`,
      h('span', { class: 'hint' }, a.service_fee_in_force.basis)));
  }
  return h('article', { class: 'card', id: `agreement-${a.key}` },
    h('h2', {}, `Avtal med ${a.counterparty.name}`),
    h('p', { class: 'hint' }, `${a.title}, ${a.counterparty.unit}`),
    h('dl', { class: 'facts' }, ...rows),
    h('p', {}, h('a', { href: '#/avtal', class: 'button-link' }, 'Visa och ändra avtalet')),
  );
}

function acuteCard(house) {
  const items = house.acute_clocks.map((p) => h('li', { class: `clock clock-${p.clock.state}`, 'data-placement': p.key },
    h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, `${p.adult_name} (${p.key})`),
    ' ', clockBadge(p.clock), ' ',
    h('span', { class: 'clock-text' }, clockText(p.clock)),
    h('span', { class: 'hint' }, p.clock.contacted_at
      ? `Relationsvåldsenheten kontaktad ${localTime(p.clock.contacted_at)}; beslut saknas.`
      : 'Relationsvåldsenheten är inte kontaktad.')));
  return h('article', { class: 'card', id: 'acute-clocks' },
    h('h2', {}, 'Akuta placeringar'),
    items.length ? h('ul', { class: 'plain' }, ...items) : h('p', {}, 'Inga akuta placeringar väntar på beslut.'),
    h('p', { id: 'acute-room' }, house.acute_room_free === null
      ? 'Inget akutrum finns i rumsregistret.'
      : house.acute_room_free ? 'Akutrummet är ledigt.' : 'Akutrummet är upptaget.'),
  );
}

function presentCard(house) {
  const rows = house.present.map((p) => h('tr', {},
    h('td', {}, h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, p.adult_name || p.key)),
    h('td', { class: 'nowrap' }, p.key),
    h('td', {}, String(p.present)),
    h('td', {}, p.municipality_name),
    h('td', {}, p.room ?? '–'),
    h('td', { class: 'nowrap' }, localTime(p.arrived))));
  return h('article', { class: 'card', id: 'present' },
    h('h2', {}, 'Här just nu'),
    h('p', { id: 'present-counts' }, `${house.adults_present} ${house.adults_present === 1 ? 'vuxen' : 'vuxna'} och ${house.children_present} barn.`),
    rows.length
      ? h('table', {}, h('thead', {}, h('tr', {}, ...['Namn', 'Placering', 'Personer', 'Kommun', 'Rum', 'Ankomst'].map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, ...rows))
      : h('p', {}, 'Ingen bor här just nu.'),
  );
}

export async function homeScreen() {
  let home;
  let house;
  try {
    [home, house] = await Promise.all([call('home'), call('house_now')]);
  } catch (err) {
    show(h('section', { class: 'panel' }, h('h1', {}, 'Översikt'), h('p', { class: 'problem', role: 'alert' }, err.message)));
    return;
  }
  document.getElementById('org-name').textContent = home.organisation?.name ?? '';
  show(
    h('section', { class: 'page', id: 'home-screen' },
      h('div', { class: 'page-head' },
        h('h1', {}, 'Översikt'),
        h('a', { href: '#/intag', class: 'button-link primary', id: 'new-intake' }, 'Ny intagning')),
      h('p', { class: 'lead', id: 'today' }, `I dag är det ${longDate(home.today)}.`),
      h('div', { class: 'cards' }, acuteCard(house), presentCard(house), ...home.agreements.map(agreementCard)),
    ),
  );
}
