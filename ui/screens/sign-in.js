// Signing in, and making the store's first account (its administrator).

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, valueOf } from '../dom.js';

export function signInScreen(onOpen, message) {
  const form = h('form', { id: 'sign-in-form', novalidate: true },
    formAlert(),
    field({ name: 'username', label: 'Användarnamn', autocomplete: 'username' }),
    field({ name: 'password', label: 'Lösenord', type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Logga in')),
  );
  onSubmit(form, async () => {
    const state = await call('sign_in', {
      username: String(valueOf(form, 'username')),
      password: String(valueOf(form, 'password')),
    });
    await onOpen(state);
  });
  show(
    h('section', { class: 'panel narrow', id: 'sign-in-screen' },
      h('h1', {}, 'Logga in'),
      message ? h('p', { class: 'lead', id: 'sign-in-message' }, message) : null,
      form,
    ),
  );
  form.querySelector('input[name="username"]').focus();
}

export function firstAccountScreen(onOpen) {
  const form = h('form', { id: 'first-account-form', novalidate: true },
    formAlert(),
    field({ name: 'display_name', label: 'Ditt namn', autocomplete: 'name' }),
    field({ name: 'username', label: 'Användarnamn', autocomplete: 'username', hint: 'Det du loggar in med, t.ex. förnamn eller initialer.' }),
    field({ name: 'password', label: 'Lösenord', type: 'password', autocomplete: 'new-password', hint: 'Minst 10 tecken. Gärna en mening du minns.' }),
    field({ name: 'password_repeat', label: 'Samma lösenord igen', type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Skapa kontot och logga in')),
  );
  onSubmit(form, async () => {
    const state = await call('create_first_account', {
      username: String(valueOf(form, 'username')),
      display_name: String(valueOf(form, 'display_name')),
      role: 'admin',
      password: String(valueOf(form, 'password')),
      password_repeat: String(valueOf(form, 'password_repeat')),
    });
    await onOpen(state);
  });
  show(
    h('section', { class: 'panel narrow', id: 'first-account-screen' },
      h('h1', {}, 'Skapa ditt konto'),
      h('p', { class: 'lead' }, 'Alla som använder Fristad loggar in med ett eget konto, så att det syns vem som har läst och ändrat vad. '
        + 'Det första kontot blir administratör och kan lägga upp konton åt de andra.'),
      form,
    ),
  );
  form.querySelector('input[name="display_name"]').focus();
}
