// The municipality register: the buyers on invoices, with price class and the IOP acute clause.

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';

export async function municipalitiesScreen() {
  const list = await call('municipalities_list');
  const form = h('form', { id: 'municipality-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'key', label: 'Nyckel', hint: 't.ex. boras' }),
      field({ name: 'name', label: 'Namn' }),
      field({ name: 'org_number', label: 'Organisationsnummer' })),
    h('div', { class: 'row' },
      field({ name: 'address', label: 'Fakturaadress' }),
      field({ name: 'peppol_id', label: 'Peppol-id', hint: 't.ex. 0007:2120001561' }),
      field({ name: 'buyer_reference', label: 'Referens / YY-kod', hint: 'Står på varje faktura.' })),
    h('div', { class: 'row' },
      select({ name: 'price_class', label: 'Prisklass', options: [
        { value: 'iop', label: 'IOP eller verksamhetsbidrag (rabatterad dygnsavgift)' },
        { value: 'standard', label: 'Övriga kommuner' }] })),
    checkbox({ name: 'acute_clause', label: 'IOP:s akutklausul: akutplaceringens två första dygn debiteras inte' }),
    h('button', { type: 'submit', class: 'primary' }, 'Spara kommunen'),
  );
  const fill = (m) => {
    for (const k of ['key', 'name', 'org_number', 'address', 'peppol_id', 'buyer_reference', 'price_class']) form.querySelector(`[name="${k}"]`).value = m[k];
    form.querySelector('[name="acute_clause"]').checked = m.acute_clause;
    form.querySelector('[name="name"]').focus();
  };
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    await call('save_municipality', {
      key: v('key'), name: v('name'), org_number: v('org_number'), address: v('address'), peppol_id: v('peppol_id'),
      price_class: v('price_class'), acute_clause: valueOf(form, 'acute_clause'), buyer_reference: v('buyer_reference'),
    });
    toast('Kommunen är sparad.');
    await municipalitiesScreen();
  });
  show(
    h('section', { class: 'page', id: 'municipalities-screen' },
      h('h1', {}, 'Kommuner'),
      h('table', {},
        h('thead', {}, h('tr', {}, ...['Namn', 'Nyckel', 'Organisationsnummer', 'Prisklass', 'Akutklausul', 'Peppol-id', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...list.map((m) => h('tr', {},
          h('td', {}, m.name), h('td', {}, m.key), h('td', {}, m.org_number),
          h('td', {}, m.price_class === 'iop' ? 'IOP' : 'Övrig'), h('td', {}, m.acute_clause ? 'Ja' : 'Nej'),
          h('td', {}, m.peppol_id || '–'),
          h('td', {}, h('button', { type: 'button', class: 'quiet small', onclick: () => fill(m) }, 'Ändra')))))),
      section('Lägg till eller ändra', form),
    ),
  );
}
