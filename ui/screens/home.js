// The home screen: today, and each agreement's standing: the period in force, the last day to
// give notice, and the service fee. Everything shown is computed by the program.

import { call } from '../api.js';
import { h, show } from '../dom.js';
import { kronor, days } from '../format.js';

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

export async function homeScreen() {
  let home;
  try {
    home = await call('home');
  } catch (err) {
    show(h('section', { class: 'panel' }, h('h1', {}, 'Översikt'), h('p', { class: 'problem', role: 'alert' }, err.message)));
    return;
  }
  document.getElementById('org-name').textContent = home.organisation?.name ?? '';
  show(
    h('section', { class: 'page', id: 'home-screen' },
      h('h1', {}, 'Översikt'),
      h('p', { class: 'lead', id: 'today' }, `I dag är det ${longDate(home.today)}.`),
      h('div', { class: 'cards' }, ...home.agreements.map(agreementCard)),
    ),
  );
}
