// A store created without the organisation's details (e.g. by `fristad-cli init`): ask for them.

import { call } from '../api.js';
import { h, show, clearErrors, showError, formAlert, busy } from '../dom.js';
import { organisationFields, organisationValues } from './organisation-fields.js';

export function organisationScreen(onSaved) {
  const form = h('form', { id: 'organisation-form', novalidate: true },
    formAlert(),
    organisationFields(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Spara')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    await busy(form, async () => {
      try {
        await call('save_organisation', organisationValues(form));
        await onSaved();
      } catch (err) {
        showError(form, err);
      }
    });
  });
  show(
    h('section', { class: 'panel', id: 'organisation-screen' },
      h('h1', {}, 'Organisationens uppgifter'),
      h('p', { class: 'lead' }, 'Databasen är öppen. Fyll i organisationens uppgifter innan du börjar.'),
      form,
    ),
  );
}
