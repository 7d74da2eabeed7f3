// Signing in, and making the store's first account (its administrator).

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, valueOf } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/sign-in.js';

const t = translator(TEXT);

export function signInScreen(onOpen, message) {
  const form = h('form', { id: 'sign-in-form', novalidate: true },
    formAlert(),
    field({ name: 'username', label: t('field.username'), autocomplete: 'username' }),
    field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('sign_in.button'))),
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
      h('h1', {}, t('sign_in.title')),
      message ? h('p', { class: 'lead', id: 'sign-in-message' }, message) : null,
      form,
    ),
  );
  form.querySelector('input[name="username"]').focus();
}

export function firstAccountScreen(onOpen) {
  const form = h('form', { id: 'first-account-form', novalidate: true },
    formAlert(),
    field({ name: 'display_name', label: t('first.display_name'), autocomplete: 'name' }),
    field({ name: 'username', label: t('field.username'), autocomplete: 'username', hint: t('first.username_hint') }),
    field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'new-password', hint: t('first.password_hint') }),
    field({ name: 'password_repeat', label: t('first.password_repeat'), type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('first.button'))),
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
      h('h1', {}, t('first.title')),
      h('p', { class: 'lead' }, t('first.lead')),
      form,
    ),
  );
  form.querySelector('input[name="display_name"]').focus();
}
