// First run: the organisation's details and where the database key is kept. Nothing is created
// until everything in the form has been checked by the program.

import { call } from '../api.js';
import { h, show, formAlert, onSubmit } from '../dom.js';
import { organisationFields, organisationValues } from './organisation-fields.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';

export function setupScreen(keys, onCreated) {
  const form = h('form', { id: 'setup-form', novalidate: true },
    formAlert(),
    organisationFields(),
    keyChoice(keys),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'create-store' }, 'Skapa databasen'),
    ),
  );
  onSubmit(form, async () => {
    const shown = await call('create_store', { organisation: organisationValues(form), ...keyChoiceValues(form) });
    onCreated(shown.recovery_key);
  });
  show(
    h('section', { class: 'panel', id: 'setup-screen' },
      h('h1', {}, 'Välkommen till Fristad'),
      h('p', { class: 'lead' },
        'Fristad sparar allt i en krypterad databas på den här datorn. Ingenting skickas någonstans. ',
        'Fyll i organisationens uppgifter och välj hur databasens nyckel ska förvaras.'),
      form,
    ),
  );
}
