// All placements, ongoing first.

import { call } from '../api.js';
import { h, show } from '../dom.js';
import { localTime } from '../format.js';
import { clockBadge } from './acute-clock.js';

export async function placementsScreen() {
  const list = await call('placements_list');
  const rows = list.map((p) => h('tr', {},
    h('td', {}, h('a', { href: `#/placering/${encodeURIComponent(p.key)}` }, p.adult_name || p.key)),
    h('td', {}, p.key),
    h('td', {}, String(p.children)),
    h('td', {}, p.municipality_name),
    h('td', {}, localTime(p.arrived)),
    h('td', {}, p.ended ? 'Avslutad' : `Pågår (${p.present} här)`),
    h('td', {}, p.clock ? clockBadge(p.clock) : '')));
  show(
    h('section', { class: 'page', id: 'placements-screen' },
      h('div', { class: 'page-head' },
        h('h1', {}, 'Placeringar'),
        h('a', { href: '#/intag', class: 'button-link primary' }, 'Ny intagning')),
      rows.length
        ? h('table', {}, h('thead', {}, h('tr', {}, ...['Kvinna', 'Placering', 'Barn', 'Kommun', 'Ankomst', 'Läge', 'Akut'].map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, ...rows))
        : h('p', {}, 'Inga placeringar ännu.'),
    ),
  );
}
