// Fristad's window: asks the program what state the store is in and shows the matching screen.
// While the store is open, the address after '#' picks the screen (#/hem, #/avtal).

import { call } from './api.js';
import { h, show } from './dom.js';
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
import { invoicingScreen } from './screens/invoicing.js';
import { invoicesScreen, invoiceScreen } from './screens/invoices.js';
import { tariffsScreen } from './screens/tariffs.js';
import { statisticsScreen } from './screens/statistics.js';

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
  avtal: () => agreementScreen('iop-boras'),
  fakturering: () => invoicingScreen(go),
  fakturor: () => invoicesScreen(),
  faktura: (number) => invoiceScreen(number),
  taxor: () => tariffsScreen(),
  statistik: (year) => statisticsScreen(year),
};

// The menu item a screen belongs to.
const menuOf = { placering: 'placeringar', person: 'personer', faktura: 'fakturor' };

function setNav(visible) {
  document.getElementById('nav').hidden = !visible;
  if (!visible) document.getElementById('org-name').textContent = '';
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
  try {
    await routes[name](arg);
  } catch (err) {
    show(h('section', { class: 'panel' }, h('h1', {}, 'Det gick inte att visa sidan'),
      h('p', { class: 'problem', role: 'alert' }, err?.message ?? String(err))));
  }
}

function problemScreen(message) {
  setNav(false);
  show(
    h('section', { class: 'panel narrow', id: 'problem-screen' },
      h('h1', {}, 'Databasen kan inte öppnas'),
      h('p', { class: 'problem', role: 'alert' }, message),
      h('p', {}, 'Fristad ändrar ingenting i datamappen på egen hand. Åtgärda felet och starta sedan om programmet.'),
      h('button', { type: 'button', onclick: () => refresh() }, 'Försök igen'),
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
  open = state.state === 'open';
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
    case 'open':
      if (state.organisation_missing) {
        setNav(false);
        organisationScreen(refresh);
      } else {
        setNav(true);
        await showRoute();
      }
      break;
    default:
      problemScreen(`Okänt läge: ${state.state}`);
  }
}

window.addEventListener('hashchange', () => {
  if (open) showRoute();
});

refresh();
