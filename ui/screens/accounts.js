// Accounts (admins), the access log (managers), and one's own password (everyone).

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { localTime } from '../format.js';
import { roleLabels, user } from '../session.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/accounts.js';

const t = translator(TEXT);

const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));

function accountRow(a, reload) {
  const form = h('form', { class: 'inline-form account-row', 'data-username': a.username, novalidate: true },
    formAlert(),
    h('span', { class: 'account-name' }, `${a.display_name} (${a.username})`),
    select({ name: `role_${a.id}`, label: t('field.role'), options: roleOptions, value: a.role }),
    checkbox({ name: `disabled_${a.id}`, label: t('field.disabled'), checked: a.disabled }),
    h('button', { type: 'submit' }, t('button.save')));
  onSubmit(form, async () => {
    await call('account_update', { username: a.username, role: valueOf(form, `role_${a.id}`), disabled: valueOf(form, `disabled_${a.id}`) });
    toast(t('toast.account_saved', { username: a.username }));
    await reload();
  });
  return h('li', {}, form);
}

export async function accountsScreen() {
  const accounts = await call('accounts_list');
  const create = h('form', { id: 'account-form', novalidate: true },
    formAlert(),
    field({ name: 'display_name', label: t('field.name') }),
    field({ name: 'username', label: t('field.username') }),
    select({ name: 'role', label: t('field.role'), options: roleOptions, value: 'staff',
      hint: t('field.role_hint') }),
    field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'new-password', hint: t('field.password_hint') }),
    field({ name: 'password_repeat', label: t('field.password_repeat'), type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.create'))));
  onSubmit(create, async () => {
    const a = await call('account_create', {
      display_name: String(valueOf(create, 'display_name')),
      username: String(valueOf(create, 'username')),
      role: valueOf(create, 'role'),
      password: String(valueOf(create, 'password')),
      password_repeat: String(valueOf(create, 'password_repeat')),
    });
    toast(t('toast.account_created', { username: a.username }));
    await accountsScreen();
  });
  const reset = h('form', { id: 'password-reset-form', novalidate: true },
    formAlert(),
    select({ name: 'reset_username', label: t('field.account'), options: accounts.map((a) => ({ value: a.username, label: `${a.display_name} (${a.username})` })) }),
    field({ name: 'new_password', label: t('field.new_password'), type: 'password', autocomplete: 'new-password' }),
    field({ name: 'new_password_repeat', label: t('field.password_repeat'), type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('button.set_password'))));
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
    toast(t('toast.password_set'));
    reset.reset();
  });
  show(
    h('section', { class: 'page', id: 'accounts-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'subnav' }, t('subnav.administration'), ' ', h('strong', {}, t('subnav.accounts')), ' · ', h('a', { href: '#/gallring', id: 'to-retention' }, t('subnav.retention')), ' · ', h('a', { href: '#/sakerhetskopior', id: 'to-backups' }, t('subnav.backups'))),
      h('p', { class: 'lead' }, t('lead')),
      h('ul', { class: 'plain', id: 'accounts-list' }, ...accounts.map((a) => accountRow(a, accountsScreen))),
      h('h2', {}, t('heading.new_account')), create,
      h('h2', {}, t('heading.forgotten_password')), reset),
  );
}

function logTable(entries) {
  return h('table', { id: 'access-log' },
    h('thead', {}, h('tr', {}, ...[t('log.column.seq'), t('log.column.time'), t('log.column.user'), t('log.column.action'), t('log.column.kind'),
      t('log.column.placement'), t('log.column.person'), t('log.column.detail')].map((label) => h('th', { scope: 'col' }, label)))),
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
    const save = h('button', { type: 'button', id: 'access-log-save' }, t('log.button.save_csv'));
    save.addEventListener('click', async () => {
      try {
        const r = await call('access_log_save', { person });
        toast(r.saved ? t('toast.saved', { file: r.file_name }) : t('toast.nothing_saved'));
      } catch (err) {
        toast(err.message);
      }
    });
    show(
      h('section', { class: 'page', id: 'access-log-screen' },
        h('h1', {}, t('log.person.title', { person })),
        h('p', { class: 'lead' }, t('log.person.lead')),
        h('div', { class: 'actions' }, save, h('a', { href: `#/person/${encodeURIComponent(person)}` }, t('log.person.to_person'))),
        logTable(entries)),
    );
    return;
  }
  const results = h('div', {});
  const filter = h('input', { type: 'search', id: 'access-log-user', placeholder: t('log.filter.placeholder') });
  const run = async () => results.replaceChildren(logTable(await call('access_log_recent', { username: filter.value || null })));
  let timer;
  filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  show(
    h('section', { class: 'page', id: 'access-log-screen' },
      h('h1', {}, t('log.title')),
      h('p', { class: 'lead' }, t('log.lead')),
      h('div', { class: 'field' }, h('label', { for: 'access-log-user' }, t('log.filter.label')), filter),
      results),
  );
  await run();
}

export function myAccountScreen() {
  const me = user();
  const form = h('form', { id: 'own-password-form', novalidate: true },
    formAlert(),
    field({ name: 'current', label: t('field.current_password'), type: 'password', autocomplete: 'current-password' }),
    field({ name: 'password', label: t('field.new_password'), type: 'password', autocomplete: 'new-password', hint: t('field.new_password_hint') }),
    field({ name: 'password_repeat', label: t('field.password_repeat'), type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.change_password'))));
  onSubmit(form, async () => {
    await call('change_own_password', {
      current: String(valueOf(form, 'current')),
      password: String(valueOf(form, 'password')),
      password_repeat: String(valueOf(form, 'password_repeat')),
    });
    form.reset();
    toast(t('toast.own_password_changed'));
  });
  show(
    h('section', { class: 'panel narrow', id: 'my-account-screen' },
      h('h1', {}, t('mine.title')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('field.name')), h('dd', {}, me?.display_name ?? ''),
        h('dt', {}, t('field.username')), h('dd', {}, me?.username ?? ''),
        h('dt', {}, t('field.role')), h('dd', {}, roleLabels[me?.role] ?? '')),
      form),
  );
}
