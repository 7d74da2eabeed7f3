// The key is gone from where it was kept (keyring entry removed, key file lost, another
// computer): only the recovery key opens the database, and it is then kept again.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit } from '../dom.js';
import { keyChoice, keyChoiceValues } from './key-choice.js';

export function recoverScreen(state, onOpen) {
  const form = h('form', { id: 'recover-form', novalidate: true },
    formAlert(),
    field({ name: 'recovery_key', label: 'Återställningsnyckel', attrs: { class: 'mono', spellcheck: 'false' },
      hint: '64 tecken 0–9 och a–f från återställningsarket. Mellanslag spelar ingen roll.' }),
    keyChoice(state.keys, 'Välj var nyckeln ska förvaras från och med nu.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Öppna databasen')),
  );
  onSubmit(form, async () => {
    await call('recover_with_key', { recovery_key: new FormData(form).get('recovery_key') ?? '', ...keyChoiceValues(form) });
    await onOpen();
  });
  show(
    h('section', { class: 'panel', id: 'recover-screen' },
      h('h1', {}, 'Ange återställningsnyckeln'),
      h('p', { class: 'problem' }, state.reason),
      h('p', {}, 'Databasen finns kvar och ingenting har ändrats. När nyckeln har öppnat den sparas nyckeln igen på det sätt du väljer.'),
      form,
    ),
  );
}
