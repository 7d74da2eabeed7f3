// A store whose key is protected by a passphrase: ask for it.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, showError } from '../dom.js';
import { recoverScreen } from './recover.js';

export function unlockScreen(state, onOpen) {
  const form = h('form', { id: 'unlock-form', novalidate: true },
    formAlert(),
    field({ name: 'passphrase', label: 'Lösenfras', type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Lås upp')),
  );
  onSubmit(form, async () => {
    await call('unlock_with_passphrase', { passphrase: new FormData(form).get('passphrase') ?? '' });
    await onOpen();
  });
  show(
    h('section', { class: 'panel narrow', id: 'unlock-screen' },
      h('h1', {}, 'Lås upp Fristad'),
      h('p', { class: 'lead' }, 'Databasen skyddas med en lösenfras.'),
      form,
      h('p', { class: 'hint' }, 'Har lösenfrasen glömts bort? ',
        h('button', { type: 'button', class: 'link', id: 'forgot-passphrase', onclick: () => recoverScreen({
          keys: state.keys,
          reason: 'Lösenfrasen har glömts bort. Återställningsnyckeln öppnar databasen, och sedan väljer du en ny lösenfras eller nyckelringen.',
        }, onOpen) }, 'Använd återställningsnyckeln')),
    ),
  );
  if (state.message) showError(form, { message: state.message, field: 'passphrase' });
  else form.querySelector('input[name="passphrase"]').focus();
}
