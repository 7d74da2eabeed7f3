// Changing the database key (administrators): the database is encrypted again under a new key,
// kept as chosen, and the new recovery key is shown once.

import { call } from '../api.js';
import { h, show, checkbox, formAlert, onSubmit, valueOf } from '../dom.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';
import { recoveryKeyScreen } from './recovery-key.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/database-key.js';

const t = translator(TEXT);

export async function databaseKeyScreen() {
  const page = await call('backup_page');
  const form = h('form', { id: 'change-key-form', novalidate: true },
    formAlert(),
    keyChoice(page.keys, t('key_choice')),
    checkbox({ name: 'sure', label: t('sure') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.change'))));
  onSubmit(form, async () => {
    if (!valueOf(form, 'sure')) throw { field: 'sure', message: t('error.sure') };
    const r = await call('change_key', keyChoiceValues(form));
    recoveryKeyScreen(r.recovery_key, () => { window.location.hash = '#/sakerhetskopior'; }, { changed: true });
  });
  show(
    h('section', { class: 'page narrow', id: 'database-key-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'subnav' }, h('a', { href: '#/sakerhetskopior', id: 'back-to-backups' }, t('back'))),
      h('p', { class: 'lead' }, t('lead')),
      h('ul', {},
        h('li', {}, t('what.old_key')),
        h('li', {}, t('what.backups')),
        h('li', {}, t('what.alone'))),
      form),
  );
}
