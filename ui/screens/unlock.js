// A store whose key is protected by a passphrase: ask for it.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, showError } from '../dom.js';
import { recoverScreen } from './recover.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/unlock.js';

const t = translator(TEXT);

export function unlockScreen(state, onOpen) {
  const form = h('form', { id: 'unlock-form', novalidate: true },
    formAlert(),
    field({ name: 'passphrase', label: t('field.passphrase'), type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.unlock'))),
  );
  onSubmit(form, async () => {
    await call('unlock_with_passphrase', { passphrase: new FormData(form).get('passphrase') ?? '' });
    await onOpen();
  });
  show(
    h('section', { class: 'panel narrow', id: 'unlock-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      form,
      h('p', { class: 'hint' }, t('forgotten'),
        h('button', { type: 'button', class: 'link', id: 'forgot-passphrase', onclick: () => recoverScreen({
          keys: state.keys,
          reason: t('forgotten.reason'),
        }, onOpen) }, t('forgotten.button'))),
    ),
  );
  if (state.message) showError(form, { message: state.message, field: 'passphrase' });
  else form.querySelector('input[name="passphrase"]').focus();
}
