// The recovery key, shown once after the store is created. The user can save it as a printable
// PDF sheet, and must confirm it is kept before going on.

import { call } from '../api.js';
import { h, show, toast } from '../dom.js';

export function recoveryKeyScreen(recoveryKey, onDone) {
  const status = h('p', { class: 'status', id: 'sheet-status', role: 'status' });
  const confirm = h('input', { type: 'checkbox', id: 'key-kept' });
  const done = h('button', { type: 'button', class: 'primary', id: 'finish-setup', disabled: true }, 'Fortsätt till Fristad');
  confirm.addEventListener('change', () => { done.disabled = !confirm.checked; });
  const save = h('button', { type: 'button', id: 'save-sheet' }, 'Spara som PDF för utskrift …');
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const saved = await call('save_recovery_sheet');
      status.textContent = saved.saved ? `Sparat som ${saved.file_name}. Skriv ut arket och radera sedan filen.` : 'Inget sparades.';
    } catch (err) {
      status.textContent = err.message;
    } finally {
      save.disabled = false;
    }
  });
  // Copying is offered for pasting into a password manager; the program empties the clipboard
  // again soon, so the key does not stay where any program can read it.
  const copy = h('button', { type: 'button', id: 'copy-key' }, 'Kopiera nyckeln');
  const copied = h('p', { class: 'status', id: 'copy-status', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      const r = await call('copy_recovery_key');
      copied.textContent = `Nyckeln är kopierad. Urklippet töms om ${r.clear_after_seconds} sekunder.`;
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
  const groups = recoveryKey.split(' ');
  const rows = [0, 4, 8, 12].map((i) => groups.slice(i, i + 4).join(' '));
  show(
    h('section', { class: 'panel narrow', id: 'recovery-key-screen' },
      h('h1', {}, 'Återställningsnyckel'),
      h('p', { class: 'lead' },
        'Databasen är skapad. Det här är dess återställningsnyckel, och den visas bara nu. ',
        'Med den går databasen att öppna om nyckelringen eller lösenfrasen går förlorad, eller på en ny dator.'),
      h('div', { class: 'recovery-key', id: 'recovery-key', 'aria-label': 'Återställningsnyckel' },
        ...rows.map((r) => h('div', {}, r))),
      h('p', {}, 'Skriv ut arket eller skriv av nyckeln, och lås in den skild från datorn. Spara den inte i e-post eller i molnet.'),
      h('div', { class: 'actions' }, save, copy),
      status,
      copied,
      h('label', { class: 'check' }, confirm, h('span', {}, 'Jag har skrivit ut eller skrivit av nyckeln och förvarar den inlåst.')),
      h('div', { class: 'actions' }, done),
    ),
  );
}
