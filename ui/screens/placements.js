// All placements, ongoing first.

import { call } from '../api.js';
import { h, show } from '../dom.js';
import { localTime } from '../format.js';
import { clockBadge } from './acute-clock.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/placements.js';

const t = translator(TEXT);

export async function placementsScreen() {
  const list = await call('placements_list');
  const rows = list.map((p) => h('tr', {},
    h('td', {}, h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, p.adult_name || (p.adult_protected ? t('name.hidden') : p.key))),
    h('td', {}, p.key),
    h('td', {}, String(p.children)),
    h('td', {}, p.municipality_name),
    h('td', {}, localTime(p.arrived)),
    h('td', {}, p.ended ? t('status.ended') : t('status.ongoing', { present: p.present })),
    h('td', {}, p.clock ? clockBadge(p.clock) : '')));
  show(
    h('section', { class: 'page', id: 'placements-screen' },
      h('div', { class: 'page-head' },
        h('h1', {}, t('title')),
        h('a', { href: '#/intag', class: 'button-link primary' }, t('button.new_intake'))),
      rows.length
        ? h('table', {}, h('thead', {}, h('tr', {}, ...[t('column.woman'), t('column.placement'), t('column.children'), t('column.municipality'), t('column.arrival'), t('column.status'), t('column.acute')].map((label) => h('th', { scope: 'col' }, label)))), h('tbody', {}, ...rows))
        : h('p', {}, t('empty')),
    ),
  );
}
