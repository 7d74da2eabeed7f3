// Backups: where they go and when, a backup now, checking a backup file, and restoring one.

import { call } from '../api.js';
import { h, show, field, checkbox, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { localTime } from '../format.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';

function subnav() {
  return h('p', { class: 'subnav' }, 'Administration: ', h('a', { href: '#/konton' }, 'Konton'), ' · ',
    h('a', { href: '#/gallring' }, 'Gallring'), ' · ', h('strong', {}, 'Säkerhetskopior'));
}

function counts(v) {
  return h('dl', { class: 'facts', id: 'backup-verified' },
    h('dt', {}, 'Fil'), h('dd', {}, v.file_name),
    h('dt', {}, 'Gjord'), h('dd', {}, localTime(v.created_at)),
    h('dt', {}, 'Öppnad med'), h('dd', {}, { this_store: 'databasens egen nyckel', passphrase: 'lösenfrasen', recovery_key: 'återställningsnyckeln' }[v.opened_with] ?? v.opened_with),
    ...v.counts.flatMap((c) => [h('dt', {}, c.label), h('dd', {}, String(c.count))]));
}

function keyFields(prefix) {
  return h('div', { class: 'row' },
    field({ name: `${prefix}_passphrase`, label: 'Lösenfras (om databasen skyddas med en)', type: 'password', autocomplete: 'off' }),
    field({ name: `${prefix}_recovery_key`, label: 'Återställningsnyckel (behövs för en kopia från en annan databas)', autocomplete: 'off' }));
}

function keysOf(form, prefix) {
  return { passphrase: String(valueOf(form, `${prefix}_passphrase`)), recovery_key: String(valueOf(form, `${prefix}_recovery_key`)) };
}

export async function backupsScreen() {
  const page = await call('backup_page');
  const b = page.settings;

  const choose = h('button', { type: 'button', id: 'backup-choose-folder' }, 'Välj mapp …');
  choose.addEventListener('click', async () => {
    try {
      await call('backup_choose_folder');
      await backupsScreen();
    } catch (err) { toast(err.message); }
  });
  const now = h('button', { type: 'button', class: 'primary', id: 'backup-now', disabled: !b.folder }, 'Säkerhetskopiera nu');
  now.addEventListener('click', async () => {
    now.disabled = true;
    try {
      const info = await call('backup_now');
      toast(`Säkerhetskopian är sparad: ${info.file_name}`);
      await backupsScreen();
    } catch (err) {
      toast(err.message);
      now.disabled = false;
    }
  });

  const when = h('form', { id: 'backup-when-form', novalidate: true },
    formAlert(),
    checkbox({ name: 'at_exit', label: 'När Fristad stängs', checked: b.at_exit }),
    checkbox({ name: 'daily', label: 'En gång om dagen (vid första inloggningen)', checked: b.daily }),
    field({ name: 'keep', label: 'Spara så många automatiska kopior (de äldsta tas bort)', value: String(b.keep) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Spara')));
  onSubmit(when, async () => {
    const keep = Number(String(valueOf(when, 'keep')).trim());
    if (!Number.isInteger(keep)) throw { field: 'keep', message: 'Ange ett antal.' };
    await call('save_backup_settings', { at_exit: valueOf(when, 'at_exit'), daily: valueOf(when, 'daily'), keep });
    toast('Inställningarna för säkerhetskopior är sparade.');
    await backupsScreen();
  });

  const checkResult = h('div', { id: 'backup-check-result' });
  const check = h('form', { id: 'backup-check-form', novalidate: true },
    formAlert(),
    keyFields('check'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Välj fil och kontrollera …')));
  onSubmit(check, async () => {
    const r = await call('backup_check', keysOf(check, 'check'));
    if (!r.chosen) return;
    checkResult.replaceChildren(h('p', { class: 'ok' }, 'Säkerhetskopian är hel och går att läsa tillbaka.'), counts(r.verified));
  });

  const restore = h('form', { id: 'backup-restore-form', novalidate: true },
    formAlert(),
    h('p', {}, 'Databasen ersätts med säkerhetskopians innehåll. Den nuvarande databasen sparas under ett daterat namn i datamappen, '
      + 'och kopian kontrolleras helt innan något byts ut. Alla loggas ut.'),
    keyFields('restore'),
    keyChoice(page.keys, 'Gäller bara när du anger återställningsnyckeln (en kopia från en annan dator eller databas): '
      + 'välj var den återlästa databasens nyckel ska förvaras på den här datorn.'),
    checkbox({ name: 'sure', label: 'Jag vill ersätta databasen med säkerhetskopian' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Välj fil och läs tillbaka …')));
  onSubmit(restore, async () => {
    if (!valueOf(restore, 'sure')) throw { field: 'sure', message: 'Kryssa i att du vill ersätta databasen.' };
    const keep = keyChoiceValues(restore);
    const r = await call('backup_restore', {
      ...keysOf(restore, 'restore'),
      keep_storage: keep.storage,
      keep_passphrase: keep.passphrase,
      keep_passphrase_repeat: keep.passphrase_repeat,
    });
    if (!r.chosen) return;
    toast(`Säkerhetskopian från ${localTime(r.verified.created_at)} är tillbakaläst.`);
    window.location.hash = '#/hem';
    window.location.reload();
  });

  show(
    h('section', { class: 'page', id: 'backups-screen' },
      h('h1', {}, 'Säkerhetskopior'),
      subnav(),
      h('p', { class: 'lead' }, 'En säkerhetskopia är en enda krypterad fil. Den går bara att öppna med databasens nyckel eller återställningsnyckeln '
        + '(och lösenfrasen, om databasen skyddas med en). Spara kopiorna på en USB-sticka eller en nätverksmapp, inte bara på den här datorn.'),
      h('h2', {}, 'Mapp'),
      h('p', { id: 'backup-folder' }, b.folder ? b.folder : 'Ingen mapp vald.'),
      b.folder && !page.folder_present ? h('p', { class: 'problem', role: 'alert' }, 'Mappen finns inte just nu. Sätt i USB-stickan eller anslut nätverksmappen.') : null,
      h('div', { class: 'actions' }, choose, now),
      h('h2', {}, 'Automatiskt'), when,
      page.automatic.length
        ? h('table', { id: 'backup-list' },
          h('thead', {}, h('tr', {}, ...['Fil', 'Gjord', 'Storlek'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...page.automatic.map((a) => h('tr', {},
            h('td', {}, a.file_name), h('td', {}, localTime(a.created_at)), h('td', {}, `${Math.ceil(a.bytes / 1024)} kB`)))))
        : h('p', {}, 'Inga automatiska säkerhetskopior i mappen ännu.'),
      h('h2', {}, 'Kontrollera en säkerhetskopia'), check, checkResult,
      h('h2', {}, 'Läs tillbaka en säkerhetskopia'), restore),
  );
}
