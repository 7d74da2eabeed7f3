// The organisation's details: the seller on every invoice.

import { h, field } from '../dom.js';

export function organisationFields(org = {}) {
  return h('fieldset', { class: 'group' },
    h('legend', {}, 'Organisationen'),
    h('p', { class: 'hint' }, 'Uppgifterna står som avsändare på fakturorna.'),
    field({ name: 'name', label: 'Namn', value: org.name ?? '', required: true, autocomplete: 'organization' }),
    h('div', { class: 'row' },
      field({ name: 'org_number', label: 'Organisationsnummer', value: org.org_number ?? '', hint: 'T.ex. 802000-0000', required: true }),
      field({ name: 'bankgiro', label: 'Bankgiro', value: org.bankgiro ?? '', hint: 'T.ex. 5050-1055', required: true }),
    ),
    field({ name: 'address', label: 'Postadress', value: org.address ?? '', hint: 'Som på fakturorna, t.ex. Box 979, 501 10 Borås', required: true }),
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'f_skatt', id: 'f-f_skatt', checked: org.f_skatt ?? true }),
      h('span', {}, 'Godkänd för F-skatt'),
    ),
  );
}

export function organisationValues(form) {
  const data = new FormData(form);
  return {
    name: data.get('name') ?? '',
    org_number: data.get('org_number') ?? '',
    address: data.get('address') ?? '',
    bankgiro: data.get('bankgiro') ?? '',
    f_skatt: data.get('f_skatt') === 'on',
  };
}
