// Accounts (admins), the access log (managers), and one's own password (everyone).

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { localTime } from '../format.js';
import { roleLabels, user } from '../session.js';

const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));

function accountRow(a, reload) {
  const form = h('form', { class: 'inline-form account-row', 'data-username': a.username, novalidate: true },
    formAlert(),
    h('span', { class: 'account-name' }, `${a.display_name} (${a.username})`),
    select({ name: `role_${a.id}`, label: 'Roll', options: roleOptions, value: a.role }),
    checkbox({ name: `disabled_${a.id}`, label: 'Avstängt', checked: a.disabled }),
    h('button', { type: 'submit' }, 'Spara'));
  onSubmit(form, async () => {
    await call('account_update', { username: a.username, role: valueOf(form, `role_${a.id}`), disabled: valueOf(form, `disabled_${a.id}`) });
    toast(`Kontot ${a.username} är sparat.`);
    await reload();
  });
  return h('li', {}, form);
}

export async function accountsScreen() {
  const accounts = await call('accounts_list');
  const create = h('form', { id: 'account-form', novalidate: true },
    formAlert(),
    field({ name: 'display_name', label: 'Namn' }),
    field({ name: 'username', label: 'Användarnamn' }),
    select({ name: 'role', label: 'Roll', options: roleOptions, value: 'staff',
      hint: 'Personal: placeringar och journal. Chef: även fakturor, statistik, register och inställningar. Administratör: även konton och säkerhetskopior.' }),
    field({ name: 'password', label: 'Lösenord', type: 'password', autocomplete: 'new-password', hint: 'Minst 10 tecken. Personen kan byta det själv under Mitt konto.' }),
    field({ name: 'password_repeat', label: 'Samma lösenord igen', type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Lägg upp kontot')));
  onSubmit(create, async () => {
    const a = await call('account_create', {
      display_name: String(valueOf(create, 'display_name')),
      username: String(valueOf(create, 'username')),
      role: valueOf(create, 'role'),
      password: String(valueOf(create, 'password')),
      password_repeat: String(valueOf(create, 'password_repeat')),
    });
    toast(`Kontot ${a.username} är upplagt.`);
    await accountsScreen();
  });
  const reset = h('form', { id: 'password-reset-form', novalidate: true },
    formAlert(),
    select({ name: 'reset_username', label: 'Konto', options: accounts.map((a) => ({ value: a.username, label: `${a.display_name} (${a.username})` })) }),
    field({ name: 'new_password', label: 'Nytt lösenord', type: 'password', autocomplete: 'new-password' }),
    field({ name: 'new_password_repeat', label: 'Samma lösenord igen', type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sätt nytt lösenord')));
  onSubmit(reset, async () => {
    try {
      await call('account_set_password', {
        username: valueOf(reset, 'reset_username'),
        password: String(valueOf(reset, 'new_password')),
        password_repeat: String(valueOf(reset, 'new_password_repeat')),
      });
    } catch (err) {
      // The program names its own fields; here they carry the form's names.
      throw { ...err, field: err.field ? `new_${err.field}` : err.field };
    }
    toast('Lösenordet är bytt.');
    reset.reset();
  });
  show(
    h('section', { class: 'page', id: 'accounts-screen' },
      h('h1', {}, 'Konton'),
      h('p', { class: 'subnav' }, 'Administration: ', h('strong', {}, 'Konton'), ' · ', h('a', { href: '#/gallring', id: 'to-retention' }, 'Gallring'), ' · ', h('a', { href: '#/sakerhetskopior', id: 'to-backups' }, 'Säkerhetskopior')),
      h('p', { class: 'lead' }, 'Konton tas aldrig bort, bara stängs av: åtkomstloggen ska alltid kunna visa vem som gjorde vad.'),
      h('ul', { class: 'plain', id: 'accounts-list' }, ...accounts.map((a) => accountRow(a, accountsScreen))),
      h('h2', {}, 'Nytt konto'), create,
      h('h2', {}, 'Glömt lösenord'), reset),
  );
}

function logTable(entries) {
  return h('table', { id: 'access-log' },
    h('thead', {}, h('tr', {}, ...['Nr', 'Tid', 'Användare', 'Åtgärd', 'Slag', 'Placering', 'Person', 'Uppgift'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...entries.map((e) => h('tr', {},
      h('td', {}, String(e.seq)),
      h('td', {}, localTime(e.at)),
      h('td', {}, e.username),
      h('td', {}, e.action_label),
      h('td', {}, e.kind),
      h('td', {}, e.placement ? h('a', { href: `#/placering/${encodeURIComponent(e.placement)}` }, e.placement) : ''),
      h('td', {}, e.person ? h('a', { href: `#/logg/${encodeURIComponent(e.person)}` }, e.person) : ''),
      h('td', {}, e.detail)))));
}

/** The newest entries, or everything about one person (`person` is the person's key). */
export async function accessLogScreen(person) {
  if (person) {
    const entries = await call('access_log_person', { person });
    const save = h('button', { type: 'button', id: 'access-log-save' }, 'Spara som CSV');
    save.addEventListener('click', async () => {
      try {
        const r = await call('access_log_save', { person });
        toast(r.saved ? `Sparat: ${r.file_name}` : 'Inget sparades.');
      } catch (err) {
        toast(err.message);
      }
    });
    show(
      h('section', { class: 'page', id: 'access-log-screen' },
        h('h1', {}, `Åtkomstlogg för ${person}`),
        h('p', { class: 'lead' }, 'Varje gång någon har öppnat eller ändrat personens uppgifter eller en placering hon eller han bott i. '
          + 'Även att du läser detta loggas.'),
        h('div', { class: 'actions' }, save, h('a', { href: `#/person/${encodeURIComponent(person)}` }, 'Till personen')),
        logTable(entries)),
    );
    return;
  }
  const results = h('div', {});
  const filter = h('input', { type: 'search', id: 'access-log-user', placeholder: 'Alla användare' });
  const run = async () => results.replaceChildren(logTable(await call('access_log_recent', { username: filter.value || null })));
  let timer;
  filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  show(
    h('section', { class: 'page', id: 'access-log-screen' },
      h('h1', {}, 'Åtkomstlogg'),
      h('p', { class: 'lead' }, 'De senaste 500 händelserna. Loggen kan inte ändras; «fristad-cli audit verify» visar om någon har ändrat i den utanför programmet. '
        + 'Loggen för en person når du från personens sida.'),
      h('div', { class: 'field' }, h('label', { for: 'access-log-user' }, 'Användare'), filter),
      results),
  );
  await run();
}

export function myAccountScreen() {
  const me = user();
  const form = h('form', { id: 'own-password-form', novalidate: true },
    formAlert(),
    field({ name: 'current', label: 'Nuvarande lösenord', type: 'password', autocomplete: 'current-password' }),
    field({ name: 'password', label: 'Nytt lösenord', type: 'password', autocomplete: 'new-password', hint: 'Minst 10 tecken.' }),
    field({ name: 'password_repeat', label: 'Samma lösenord igen', type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Byt lösenord')));
  onSubmit(form, async () => {
    await call('change_own_password', {
      current: String(valueOf(form, 'current')),
      password: String(valueOf(form, 'password')),
      password_repeat: String(valueOf(form, 'password_repeat')),
    });
    form.reset();
    toast('Ditt lösenord är bytt.');
  });
  show(
    h('section', { class: 'panel narrow', id: 'my-account-screen' },
      h('h1', {}, 'Mitt konto'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Namn'), h('dd', {}, me?.display_name ?? ''),
        h('dt', {}, 'Användarnamn'), h('dd', {}, me?.username ?? ''),
        h('dt', {}, 'Roll'), h('dd', {}, roleLabels[me?.role] ?? '')),
      form),
  );
}
