// First run: the organisation's details and where the database key is kept. Nothing is created
// until everything in the form has been checked by the program.

import { call } from '../api.js';
import { h, show, formAlert, onSubmit } from '../dom.js';
import { organisationFields, organisationValues } from './organisation-fields.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/setup.js';

const t = translator(TEXT);

export function setupScreen(keys, onCreated) {
  const form = h('form', { id: 'setup-form', novalidate: true },
    formAlert(),
    organisationFields(),
    keyChoice(keys),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'create-store' }, t('button.create')),
    ),
  );
  onSubmit(form, async () => {
    const shown = await call('create_store', { organisation: organisationValues(form), ...keyChoiceValues(form) });
    onCreated(shown.recovery_key);
  });
  show(
    h('section', { class: 'panel', id: 'setup-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' },
        t('lead.local'),
        t('lead.fill_in')),
      form,
    ),
  );
}
