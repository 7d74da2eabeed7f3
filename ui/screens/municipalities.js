// The municipality register: the buyers on invoices, with price class and the IOP acute clause.

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/municipalities.js';

const t = translator(TEXT);

export async function municipalitiesScreen() {
  const list = await call('municipalities_list');
  const form = h('form', { id: 'municipality-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'key', label: t('field.key'), hint: t('field.key.hint') }),
      field({ name: 'name', label: t('field.name') }),
      field({ name: 'org_number', label: t('field.org_number') })),
    h('div', { class: 'row' },
      field({ name: 'address', label: t('field.address') }),
      field({ name: 'peppol_id', label: t('field.peppol_id'), hint: t('field.peppol_id.hint') }),
      field({ name: 'buyer_reference', label: t('field.buyer_reference'), hint: t('field.buyer_reference.hint') })),
    h('div', { class: 'row' },
      select({ name: 'price_class', label: t('field.price_class'), options: [
        { value: 'iop', label: t('price_class.iop') },
        { value: 'standard', label: t('price_class.standard') }] })),
    checkbox({ name: 'acute_clause', label: t('field.acute_clause') }),
    h('button', { type: 'submit', class: 'primary' }, t('button.save')),
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
    toast(t('toast.saved'));
    await municipalitiesScreen();
  });
  show(
    h('section', { class: 'page', id: 'municipalities-screen' },
      h('h1', {}, t('title')),
      h('table', {},
        h('thead', {}, h('tr', {}, ...[t('column.name'), t('column.key'), t('column.org_number'), t('column.price_class'), t('column.acute_clause'), t('column.peppol_id'), '']
          .map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, ...list.map((m) => h('tr', {},
          h('td', {}, m.name), h('td', {}, m.key), h('td', {}, m.org_number),
          h('td', {}, m.price_class === 'iop' ? t('row.iop') : t('row.standard')), h('td', {}, m.acute_clause ? t('row.yes') : t('row.no')),
          h('td', {}, m.peppol_id || '–'),
          h('td', {}, h('button', { type: 'button', class: 'quiet small', onclick: () => fill(m) }, t('button.edit'))))))),
      section(t('section.edit'), form),
    ),
  );
}
