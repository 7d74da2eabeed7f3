// The choice of where the database key is kept, shared by first-run setup and recovery.

import { h, field } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/key-choice.js';

const t = translator(TEXT);

export function keyChoice(keys, intro = t('intro')) {
  if (keys.passphrase_from_env) {
    return h('fieldset', { class: 'group' },
      h('legend', {}, t('legend')),
      h('p', { class: 'hint', id: 'env-passphrase-note' },
        t('env_note')),
      h('input', { type: 'hidden', name: 'storage', value: 'passphrase' }),
    );
  }
  const passphraseFields = h('div', { class: 'passphrase-fields', hidden: keys.keyring_available },
    field({ name: 'passphrase', label: t('passphrase'), type: 'password', autocomplete: 'new-password',
      hint: t('passphrase_hint') }),
    field({ name: 'passphrase_repeat', label: t('passphrase_repeat'), type: 'password', autocomplete: 'new-password' }),
  );
  const radio = (value, label, hint, attrs = {}) => h('label', { class: 'choice' },
    h('input', {
      type: 'radio', name: 'storage', value, ...attrs,
      onchange: () => { passphraseFields.hidden = value !== 'passphrase'; },
    }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'hint' }, hint)),
  );
  return h('fieldset', { class: 'group' },
    h('legend', {}, t('legend')),
    h('p', { class: 'hint' }, intro),
    radio('keyring', t('keyring'),
      keys.keyring_available
        ? t('keyring.available')
        : t('keyring.unavailable', { problem: keys.keyring_problem ?? t('keyring.none_found') }),
      { checked: keys.keyring_available, disabled: !keys.keyring_available, id: 'storage-keyring' }),
    radio('passphrase', t('passphrase.choice'),
      t('passphrase.choice_hint'),
      { checked: !keys.keyring_available, id: 'storage-passphrase' }),
    h('p', { class: 'field-error', 'data-error-for': 'storage' }),
    passphraseFields,
  );
}

/** The key choice's values from a form. */
export function keyChoiceValues(form) {
  const data = new FormData(form);
  return {
    storage: data.get('storage') ?? 'passphrase',
    passphrase: data.get('passphrase') ?? '',
    passphrase_repeat: data.get('passphrase_repeat') ?? '',
  };
}
