// Backups: where they go and when, a backup now, checking a backup file, and restoring one.

import { call } from '../api.js';
import { h, show, field, checkbox, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { localTime } from '../format.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/backups.js';

const t = translator(TEXT);

function subnav() {
  return h('p', { class: 'subnav' }, t('subnav.administration'), ' ', h('a', { href: '#/konton' }, t('subnav.accounts')), ' · ',
    h('a', { href: '#/gallring' }, t('subnav.retention')), ' · ', h('strong', {}, t('subnav.backups')));
}

function counts(v) {
  return h('dl', { class: 'facts', id: 'backup-verified' },
    h('dt', {}, t('verified.file')), h('dd', {}, v.file_name),
    h('dt', {}, t('verified.made')), h('dd', {}, localTime(v.created_at)),
    h('dt', {}, t('verified.opened_with')), h('dd', {}, {
      this_store: t('opened_with.this_store'),
      passphrase: t('opened_with.passphrase'),
      recovery_key: t('opened_with.recovery_key'),
    }[v.opened_with] ?? v.opened_with),
    ...v.counts.flatMap((c) => [h('dt', {}, c.label), h('dd', {}, String(c.count))]));
}

function keyFields(prefix) {
  return h('div', { class: 'row' },
    field({ name: `${prefix}_passphrase`, label: t('field.passphrase'), type: 'password', autocomplete: 'off' }),
    field({ name: `${prefix}_recovery_key`, label: t('field.recovery_key'), autocomplete: 'off' }));
}

function keysOf(form, prefix) {
  return { passphrase: String(valueOf(form, `${prefix}_passphrase`)), recovery_key: String(valueOf(form, `${prefix}_recovery_key`)) };
}

export async function backupsScreen() {
  const page = await call('backup_page');
  const b = page.settings;

  const choose = h('button', { type: 'button', id: 'backup-choose-folder' }, t('button.choose_folder'));
  choose.addEventListener('click', async () => {
    try {
      await call('backup_choose_folder');
      await backupsScreen();
    } catch (err) { toast(err.message); }
  });
  const now = h('button', { type: 'button', class: 'primary', id: 'backup-now', disabled: !b.folder }, t('button.backup_now'));
  now.addEventListener('click', async () => {
    now.disabled = true;
    try {
      const info = await call('backup_now');
      toast(t('toast.backup_saved', { file: info.file_name }));
      await backupsScreen();
    } catch (err) {
      toast(err.message);
      now.disabled = false;
    }
  });

  const when = h('form', { id: 'backup-when-form', novalidate: true },
    formAlert(),
    checkbox({ name: 'at_exit', label: t('when.at_exit'), checked: b.at_exit }),
    checkbox({ name: 'daily', label: t('when.daily'), checked: b.daily }),
    field({ name: 'keep', label: t('when.keep'), value: String(b.keep) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('button.save'))));
  onSubmit(when, async () => {
    const keep = Number(String(valueOf(when, 'keep')).trim());
    if (!Number.isInteger(keep)) throw { field: 'keep', message: t('error.keep') };
    await call('save_backup_settings', { at_exit: valueOf(when, 'at_exit'), daily: valueOf(when, 'daily'), keep });
    toast(t('toast.settings_saved'));
    await backupsScreen();
  });

  const checkResult = h('div', { id: 'backup-check-result' });
  const check = h('form', { id: 'backup-check-form', novalidate: true },
    formAlert(),
    keyFields('check'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('button.check'))));
  onSubmit(check, async () => {
    const r = await call('backup_check', keysOf(check, 'check'));
    if (!r.chosen) return;
    checkResult.replaceChildren(h('p', { class: 'ok' }, t('check.ok')), counts(r.verified));
  });

  const restore = h('form', { id: 'backup-restore-form', novalidate: true },
    formAlert(),
    h('p', {}, t('restore.text')),
    keyFields('restore'),
    keyChoice(page.keys, t('restore.key_choice')),
    checkbox({ name: 'sure', label: t('restore.sure') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('button.restore'))));
  onSubmit(restore, async () => {
    if (!valueOf(restore, 'sure')) throw { field: 'sure', message: t('error.sure') };
    const keep = keyChoiceValues(restore);
    const r = await call('backup_restore', {
      ...keysOf(restore, 'restore'),
      keep_storage: keep.storage,
      keep_passphrase: keep.passphrase,
      keep_passphrase_repeat: keep.passphrase_repeat,
    });
    if (!r.chosen) return;
    toast(t('toast.restored', { made: localTime(r.verified.created_at) }));
    window.location.hash = '#/hem';
    window.location.reload();
  });

  show(
    h('section', { class: 'page', id: 'backups-screen' },
      h('h1', {}, t('title')),
      subnav(),
      h('p', { class: 'lead' }, t('lead')),
      h('h2', {}, t('folder.title')),
      h('p', { id: 'backup-folder' }, b.folder ? b.folder : t('folder.none')),
      b.folder && !page.folder_present ? h('p', { class: 'problem', role: 'alert' }, t('folder.missing')) : null,
      h('div', { class: 'actions' }, choose, now),
      h('h2', {}, t('automatic.title')), when,
      page.automatic.length
        ? h('table', { id: 'backup-list' },
          h('thead', {}, h('tr', {}, ...[t('list.file'), t('list.made'), t('list.size')].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, ...page.automatic.map((a) => h('tr', {},
            h('td', {}, a.file_name), h('td', {}, localTime(a.created_at)), h('td', {}, t('list.kilobytes', { kb: Math.ceil(a.bytes / 1024) }))))))
        : h('p', {}, t('list.empty')),
      h('h2', {}, t('set_aside.title')),
      h('p', {}, t('set_aside.text')),
      page.set_aside.length
        ? h('table', { id: 'set-aside-list' },
          h('thead', {}, h('tr', {}, ...[t('list.file'), t('set_aside.when'), t('list.size'), ''].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, ...page.set_aside.map((f, i) => h('tr', { 'data-file': f.name },
            h('td', {}, f.name), h('td', {}, f.at ? localTime(f.at) : '–'),
            h('td', {}, t('list.kilobytes', { kb: Math.ceil(f.bytes / 1024) })),
            h('td', {}, h('button', {
              type: 'button', id: `remove-set-aside-${i}`,
              onclick: async (event) => {
                // A second click, after the button has asked, removes the file.
                const button = event.currentTarget;
                if (button.dataset.sure !== 'yes') {
                  button.dataset.sure = 'yes';
                  button.textContent = t('set_aside.remove_sure');
                  return;
                }
                button.disabled = true;
                try {
                  await call('backup_remove_set_aside', { name: f.name });
                  toast(t('toast.set_aside_removed'));
                  await backupsScreen();
                } catch (err) {
                  button.disabled = false;
                  toast(err.message ?? String(err));
                }
              },
            }, t('set_aside.remove')))))))
        : h('p', { id: 'set-aside-none' }, t('set_aside.none')),
      h('h2', {}, t('check.title')), check, checkResult,
      h('h2', {}, t('restore.title')), restore,
      h('h2', {}, t('key.title')),
      h('p', {}, t('key.text'), ' ', h('a', { href: '#/databasnyckel', id: 'to-database-key' }, t('key.link')))),
  );
}
