// The recovery key, shown once after the store is created or its key changed. The user can save
// it as a printable PDF sheet, and must confirm it is kept before going on. After a change of key
// a backup can be made at once: the backups made before open only with the old key.

import { call } from '../api.js';
import { h, show, toast } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/recovery-key.js';

const t = translator(TEXT);

export function recoveryKeyScreen(recoveryKey, onDone, { changed = false } = {}) {
  const status = h('p', { class: 'status', id: 'sheet-status', role: 'status' });
  const confirm = h('input', { type: 'checkbox', id: 'key-kept' });
  const done = h('button', { type: 'button', class: 'primary', id: 'finish-setup', disabled: true }, changed ? t('button.back') : t('button.done'));
  confirm.addEventListener('change', () => { done.disabled = !confirm.checked; });
  const save = h('button', { type: 'button', id: 'save-sheet' }, t('button.save'));
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const saved = await call('save_recovery_sheet');
      status.textContent = saved.saved ? t('sheet.saved', { file: saved.file_name }) : t('sheet.not_saved');
    } catch (err) {
      status.textContent = err.message;
    } finally {
      save.disabled = false;
    }
  });
  // Copying is offered for pasting into a password manager; the program empties the clipboard
  // again soon, so the key does not stay where any program can read it.
  const copy = h('button', { type: 'button', id: 'copy-key' }, t('button.copy'));
  const copied = h('p', { class: 'status', id: 'copy-status', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      const r = await call('copy_recovery_key');
      copied.textContent = t('copied', { seconds: r.clear_after_seconds });
    } catch (err) {
      copied.textContent = err.message;
    }
  });
  done.addEventListener('click', async () => {
    try {
      await call('finish_setup');
      onDone();
    } catch (err) {
      toast(err.message);
    }
  });
  const backupNow = h('button', { type: 'button', id: 'backup-after-change' }, t('button.backup_now'));
  const backedUp = h('p', { class: 'status', id: 'backup-after-change-status', role: 'status' });
  backupNow.addEventListener('click', async () => {
    backupNow.disabled = true;
    try {
      const info = await call('backup_now');
      backedUp.textContent = t('backup.saved', { file: info.file_name });
    } catch (err) {
      backedUp.textContent = err.message;
      backupNow.disabled = false;
    }
  });
  const groups = recoveryKey.split(' ');
  const rows = [0, 4, 8, 12].map((i) => groups.slice(i, i + 4).join(' '));
  show(
    h('section', { class: 'panel narrow', id: 'recovery-key-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' },
        changed ? t('lead.changed') : t('lead.created'),
        t('lead.use')),
      h('div', { class: 'recovery-key', id: 'recovery-key', 'aria-label': t('key.label') },
        ...rows.map((r) => h('div', {}, r))),
      h('p', {}, t('keep')),
      h('div', { class: 'actions' }, save, copy),
      status,
      copied,
      changed ? h('p', { id: 'old-backups-note' }, t('backup.old_keys')) : null,
      changed ? h('div', { class: 'actions' }, backupNow) : null,
      changed ? backedUp : null,
      h('label', { class: 'check' }, confirm, h('span', {}, t('confirm'))),
      h('div', { class: 'actions' }, done),
    ),
  );
}
