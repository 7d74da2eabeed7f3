// A store created without the organisation's details (e.g. by `fristad-cli init`): ask for them.

import { call } from '../api.js';
import { h, show, formAlert, onSubmit } from '../dom.js';
import { organisationFields, organisationValues } from './organisation-fields.js';

export function organisationScreen(onSaved) {
  const form = h('form', { id: 'organisation-form', novalidate: true },
    formAlert(),
    organisationFields(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Spara')),
  );
  onSubmit(form, async () => {
    await call('save_organisation', organisationValues(form));
    await onSaved();
  });
  show(
    h('section', { class: 'panel', id: 'organisation-screen' },
      h('h1', {}, 'Organisationens uppgifter'),
      h('p', { class: 'lead' }, 'Databasen är öppen. Fyll i organisationens uppgifter innan du börjar.'),
      form,
    ),
  );
}
