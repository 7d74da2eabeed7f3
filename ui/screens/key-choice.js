// The choice of where the database key is kept, shared by first-run setup and recovery.

import { h, field } from '../dom.js';

export function keyChoice(keys, intro = 'Allt i Fristad är krypterat med en nyckel som skapas nu. Välj var den ska förvaras mellan gångerna.') {
  if (keys.passphrase_from_env) {
    return h('fieldset', { class: 'group' },
      h('legend', {}, 'Databasens nyckel'),
      h('p', { class: 'hint', id: 'env-passphrase-note' },
        'Nyckeln skyddas med lösenfrasen i miljövariabeln FRISTAD_PASSPHRASE. Datorns nyckelring används inte.'),
      h('input', { type: 'hidden', name: 'storage', value: 'passphrase' }),
    );
  }
  const passphraseFields = h('div', { class: 'passphrase-fields', hidden: keys.keyring_available },
    field({ name: 'passphrase', label: 'Lösenfras', type: 'password', autocomplete: 'new-password',
      hint: 'Minst 10 tecken. Flera ord i rad är lätta att minnas och svåra att gissa.' }),
    field({ name: 'passphrase_repeat', label: 'Lösenfrasen en gång till', type: 'password', autocomplete: 'new-password' }),
  );
  const radio = (value, label, hint, attrs = {}) => h('label', { class: 'choice' },
    h('input', {
      type: 'radio', name: 'storage', value, ...attrs,
      onchange: () => { passphraseFields.hidden = value !== 'passphrase'; },
    }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'hint' }, hint)),
  );
  return h('fieldset', { class: 'group' },
    h('legend', {}, 'Databasens nyckel'),
    h('p', { class: 'hint' }, intro),
    radio('keyring', 'I datorns nyckelring (rekommenderas)',
      keys.keyring_available
        ? 'Programmet öppnas direkt när du är inloggad i datorn.'
        : `Går inte på den här datorn: ${keys.keyring_problem ?? 'ingen nyckelring hittades.'}`,
      { checked: keys.keyring_available, disabled: !keys.keyring_available, id: 'storage-keyring' }),
    radio('passphrase', 'Skyddad med en lösenfras',
      'Lösenfrasen behövs varje gång programmet startar.',
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
