// The organisation's details: the seller on every invoice.

import { h, field } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/organisation-fields.js';

const t = translator(TEXT);

export function organisationFields(org = {}) {
  return h('fieldset', { class: 'group' },
    h('legend', {}, t('legend')),
    h('p', { class: 'hint' }, t('hint')),
    field({ name: 'name', label: t('field.name'), value: org.name ?? '', required: true, autocomplete: 'organization' }),
    h('div', { class: 'row' },
      field({ name: 'org_number', label: t('field.org_number'), value: org.org_number ?? '', hint: t('field.org_number_hint'), required: true }),
      field({ name: 'bankgiro', label: t('field.bankgiro'), value: org.bankgiro ?? '', hint: t('field.bankgiro_hint'), required: true }),
    ),
    field({ name: 'address', label: t('field.address'), value: org.address ?? '', hint: t('field.address_hint'), required: true }),
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'f_skatt', id: 'f-f_skatt', checked: org.f_skatt ?? true }),
      h('span', {}, t('field.f_skatt')),
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
