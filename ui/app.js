// Fristad's window: asks the program what state the store is in and shows the matching screen.
// While the store is open, the address after '#' picks the screen (#/hem, #/avtal).

import { call } from './api.js';
import './zoom.js';
import { language, setLanguage, translator } from './i18n.js';
import { TEXT } from './locales/app.js';
import { h, show, toast } from './dom.js';
import { setProgramNow } from './format.js';
import { setupScreen } from './screens/setup.js';
import { recoveryKeyScreen } from './screens/recovery-key.js';
import { unlockScreen } from './screens/unlock.js';
import { recoverScreen } from './screens/recover.js';
import { organisationScreen } from './screens/organisation.js';
import { homeScreen } from './screens/home.js';
import { agreementScreen } from './screens/agreement.js';
import { intakeScreen } from './screens/intake.js';
import { placementScreen } from './screens/placement.js';
import { placementsScreen } from './screens/placements.js';
import { roomsScreen } from './screens/rooms.js';
import { peopleScreen, personScreen } from './screens/people.js';
import { municipalitiesScreen } from './screens/municipalities.js';
import { requestsScreen } from './screens/requests.js';
import { supportScreen } from './screens/support.js';
import { invoicingScreen } from './screens/invoicing.js';
import { invoicesScreen, invoiceScreen } from './screens/invoices.js';
import { tariffsScreen } from './screens/tariffs.js';
import { statisticsScreen } from './screens/statistics.js';
import { signInScreen, firstAccountScreen } from './screens/sign-in.js';
import { accountsScreen, accessLogScreen, myAccountScreen } from './screens/accounts.js';
import { retentionScreen } from './screens/retention.js';
import { backupsScreen } from './screens/backups.js';
import { databaseKeyScreen } from './screens/database-key.js';
import { setUser, can, user } from './session.js';

const t = translator(TEXT);

let open = false;

function go(hash) {
  if (location.hash === hash) showRoute();
  else location.hash = hash;
}

// Screens by the first part of the address; a second part is passed on (#/placering/P1).
const routes = {
  hem: () => homeScreen(),
  intag: () => intakeScreen(go),
  placeringar: () => placementsScreen(),
  placering: (key) => placementScreen(key),
  rum: () => roomsScreen(),
  personer: () => peopleScreen(),
  person: (key) => personScreen(key),
  kommuner: () => municipalitiesScreen(),
  forfragningar: () => requestsScreen(),
  stod: () => supportScreen(),
  avtal: () => agreementScreen('iop-boras'),
  fakturering: () => invoicingScreen(go),
  fakturor: () => invoicesScreen(),
  faktura: (number) => invoiceScreen(number),
  taxor: () => tariffsScreen(),
  statistik: (year) => statisticsScreen(year),
  logg: (person) => accessLogScreen(person),
  konton: () => accountsScreen(),
  'mitt-konto': () => myAccountScreen(),
  gallring: () => retentionScreen(),
  sakerhetskopior: () => backupsScreen(),
  databasnyckel: () => databaseKeyScreen(),
};

// The action a screen is for; it is shown to those the program's permission table allows it
// (and the program refuses the calls behind it to anyone else whatever is shown).
const actionOf = {
  fakturering: 'invoice_issue', fakturor: 'invoices_list', faktura: 'invoice_view', taxor: 'save_tariff',
  statistik: 'statistics_yearly', kommuner: 'save_municipality', avtal: 'agreement_form', logg: 'access_log_recent',
  konton: 'accounts_list', gallring: 'retention_preview', sakerhetskopior: 'backup_page', databasnyckel: 'change_key',
};

// The menu item a screen belongs to.
const menuOf = { placering: 'placeringar', person: 'personer', faktura: 'fakturor', gallring: 'konton', sakerhetskopior: 'konton', databasnyckel: 'konton' };

function setNav(visible) {
  document.getElementById('nav').hidden = !visible;
  document.getElementById('account-bar').hidden = !visible;
  if (!visible) document.getElementById('org-name').textContent = '';
  document.querySelectorAll('#nav a[data-route]').forEach((a) => {
    const action = actionOf[a.dataset.route];
    a.hidden = action !== undefined && !can(action);
  });
  const me = user();
  document.getElementById('account-name').textContent = me ? me.display_name : '';
}

function currentRoute() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return routes[name] ? { name, arg: rest.length ? decodeURIComponent(rest.join('/')) : undefined } : { name: 'hem' };
}

function markCurrent(name) {
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function showRoute() {
  const { name, arg } = currentRoute();
  markCurrent(menuOf[name] ?? name);
  if (actionOf[name] && !can(actionOf[name])) {
    show(h('section', { class: 'panel', id: 'forbidden-screen' }, h('h1', {}, t('forbidden.title')),
      h('p', { role: 'alert' }, t('forbidden.text'))));
    return;
  }
  try {
    await routes[name](arg);
  } catch (err) {
    if (err?.code === 'not_signed_in') {
      await refresh();
      return;
    }
    show(h('section', { class: 'panel' }, h('h1', {}, t('route.failed')),
      h('p', { class: 'problem', role: 'alert' }, err?.message ?? String(err))));
  }
}

function problemScreen(message) {
  setNav(false);
  show(
    h('section', { class: 'panel narrow', id: 'problem-screen' },
      h('h1', {}, t('problem.title')),
      h('p', { class: 'problem', role: 'alert' }, message),
      h('p', {}, t('problem.text')),
      h('button', { type: 'button', onclick: () => refresh() }, t('problem.retry')),
    ),
  );
}

/** Asks the program for the store's state and shows the screen for it. */
export async function refresh() {
  let state;
  try {
    state = await call('access_state');
  } catch (err) {
    problemScreen(err.message);
    return;
  }
  await enter(state);
}

/** Shows the screen for a state the program answered with (from access_state, sign_in …). */
async function enter(state) {
  open = state.state === 'open';
  setUser(open ? state.user : null, open ? state.may : []);
  idleMinutes = open ? state.idle_lock_minutes : 0;
  resetIdle();
  switch (state.state) {
    case 'new':
      setNav(false);
      setupScreen(state.keys, (recoveryKey) => recoveryKeyScreen(recoveryKey, refresh));
      break;
    case 'locked':
      setNav(false);
      unlockScreen(state, refresh);
      break;
    case 'needs_recovery_key':
      setNav(false);
      recoverScreen(state, refresh);
      break;
    case 'problem':
      problemScreen(state.message);
      break;
    case 'first_account':
      setNav(false);
      firstAccountScreen(enter);
      break;
    case 'signed_out':
      setNav(false);
      signInScreen(enter, lockMessage);
      lockMessage = null;
      break;
    case 'open':
      setProgramNow(state.now);
      // Those who may fill in the organisation's details are asked to first; staff work on (the
      // home screen says what waits), so that nobody is stuck at night.
      if (state.organisation_missing && can('save_organisation')) {
        setNav(false);
        organisationScreen(refresh);
      } else {
        setNav(true);
        document.getElementById('org-name').textContent = state.organisation_name ?? '';
        if (state.notice) toast(state.notice);
        await showRoute();
      }
      break;
    default:
      problemScreen(t('problem.unknown_state', { state: state.state }));
  }
}

window.addEventListener('hashchange', () => {
  if (open) showRoute();
});

// Locking: on demand (the button, Ctrl+L) and after the set minutes without use. What was on the
// screen is removed before anything else happens, so nothing stays visible behind the sign-in.
let idleMinutes = 0;
let idleTimer;
let lockMessage = null;

async function lockWindow(idle) {
  clearTimeout(idleTimer);
  document.getElementById('main').replaceChildren();
  setUser(null);
  setNav(false);
  lockMessage = idle ? t('lock.idle') : t('lock.locked');
  try {
    await call('lock', { idle });
  } finally {
    await refresh();
  }
}

function resetIdle() {
  clearTimeout(idleTimer);
  if (open && idleMinutes > 0) idleTimer = setTimeout(() => lockWindow(true), idleMinutes * 60 * 1000);
}

for (const type of ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart']) {
  window.addEventListener(type, resetIdle, { passive: true, capture: true });
}
window.addEventListener('keydown', (event) => {
  if (open && event.ctrlKey && !event.altKey && (event.key === 'l' || event.key === 'L')) {
    event.preventDefault();
    lockWindow(false);
  }
});
document.getElementById('lock-button').addEventListener('click', () => lockWindow(false));

// The frame's texts (ui/index.html holds none of its own: each element names its key).
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));

// The language of this computer's window; changing it draws the window again.
const languageChoice = document.getElementById('language');
languageChoice.value = language();
languageChoice.addEventListener('change', () => setLanguage(languageChoice.value));

// Which release this is, on every screen: the first thing support asks.
window.__TAURI__?.app?.getVersion?.().then((version) => {
  document.getElementById('app-version').textContent = t('version', { version });
});

// The program writes its own lists' labels in the window's language too.
call('set_language', { lang: language() }).catch(() => {}).finally(refresh);
