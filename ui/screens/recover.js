// The key is gone from where it was kept (keyring entry removed, key file lost, another
// computer): only the recovery key opens the database, and it is then kept again.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit } from '../dom.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/recover.js';

const t = translator(TEXT);

export function recoverScreen(state, onOpen) {
  const form = h('form', { id: 'recover-form', novalidate: true },
    formAlert(),
    field({ name: 'recovery_key', label: t('field.key'), attrs: { class: 'mono', spellcheck: 'false' },
      hint: t('field.key_hint') }),
    keyChoice(state.keys, t('key_choice.intro')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.open'))),
  );
  onSubmit(form, async () => {
    await call('recover_with_key', { recovery_key: new FormData(form).get('recovery_key') ?? '', ...keyChoiceValues(form) });
    await onOpen();
  });
  show(
    h('section', { class: 'panel', id: 'recover-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'problem' }, state.reason),
      h('p', {}, t('lead')),
      form,
    ),
  );
}
