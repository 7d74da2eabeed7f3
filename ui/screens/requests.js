// Requests refused for lack of space: counts only, never who asked.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { today } from '../format.js';

export async function requestsScreen() {
  const list = await call('refused_requests_list');
  const form = h('form', { id: 'request-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'requested_on', label: 'Datum', value: today() }),
      field({ name: 'women', label: 'Kvinnor', value: '1', attrs: { inputmode: 'numeric' } }),
      field({ name: 'children', label: 'Barn', value: '0', attrs: { inputmode: 'numeric' } }),
      field({ name: 'note', label: 'Anteckning (inga namn)', hint: 't.ex. vilken kommun som frågade' })),
    h('button', { type: 'submit', class: 'primary' }, 'Registrera'),
  );
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const count = (n) => {
      const x = Number(v(n));
      if (!Number.isInteger(x) || x < 0) throw { field: n, message: 'Ange ett antal (0 eller fler).' };
      return x;
    };
    await call('add_refused_request', { requested_on: v('requested_on'), women: count('women'), children: count('children'), note: v('note') });
    toast('Förfrågan är registrerad.');
    await requestsScreen();
  });
  show(
    h('section', { class: 'page', id: 'requests-screen' },
      h('h1', {}, 'Förfrågningar som inte fick plats'),
      h('p', { class: 'lead' }, 'Logga varje förfrågan som fick nej för att det var fullt. Bara antal: inga uppgifter om vem.'),
      section('Ny', form),
      section('Loggen', list.length
        ? h('table', {}, h('thead', {}, h('tr', {}, ...['Datum', 'Kvinnor', 'Barn', 'Anteckning'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...list.map((r) => h('tr', {}, h('td', {}, r.requested_on), h('td', {}, String(r.women)), h('td', {}, String(r.children)), h('td', {}, r.note)))))
        : h('p', {}, 'Inga förfrågningar loggade.')),
    ),
  );
}
