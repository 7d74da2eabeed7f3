// A store created without the organisation's details (e.g. by `fristad-cli init`): ask for them.

import { call } from '../api.js';
import { h, show, formAlert, onSubmit } from '../dom.js';
import { organisationFields, organisationValues } from './organisation-fields.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/organisation.js';

const t = translator(TEXT);

export function organisationScreen(onSaved) {
  const form = h('form', { id: 'organisation-form', novalidate: true },
    formAlert(),
    organisationFields(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.save'))),
  );
  onSubmit(form, async () => {
    await call('save_organisation', organisationValues(form));
    await onSaved();
  });
  show(
    h('section', { class: 'panel', id: 'organisation-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      form,
    ),
  );
}
