// The fields of one person in a placement form: either a returning person found by search, or a
// new one. Field names are `${prefix}name` etc., so that the program's errors land beside them.

import { call } from '../api.js';
import { h, field, checkbox } from '../dom.js';

/**
 * `prefix` is e.g. 'stays.0.'. With `withIn`, an in-time field is included (for children who may
 * come later). Returns {element, values()}.
 */
export function personFields(prefix, { title, withIn = false, inValue = '', withDecision = false, adult = false }) {
  let chosen = null;
  const chosenNote = h('p', { class: 'chosen', hidden: true });
  const results = h('ul', { class: 'search-results plain' });
  const newFields = h('div', { class: 'new-person' },
    h('div', { class: 'row' },
      field({ name: `${prefix}name`, label: adult ? 'Förnamn eller initialer' : 'Barnets förnamn eller initialer' }),
      field({ name: `${prefix}birth_year`, label: 'Födelseår', attrs: { inputmode: 'numeric', size: 6 } }),
      field({ name: `${prefix}personal_number`, label: 'Personnummer (valfritt)', hint: 'Samordningsnummer går också.' }),
    ),
    h('div', { class: 'row' },
      checkbox({ name: `${prefix}protected_identity`, label: 'Skyddad identitet' }),
      field({ name: `${prefix}person`, label: 'Egen nyckel (valfritt)', hint: 'Annars skapas en pseudonym nyckel.' })),
  );
  const search = h('input', { type: 'search', id: `f-${prefix.replaceAll('.', '-')}search`, placeholder: 'Namn, nyckel, födelseår eller personnummer', autocomplete: 'off' });
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      results.replaceChildren();
      if (!q) return;
      const found = await call('people_search', { query: q }).catch(() => []);
      results.replaceChildren(...found.map((p) => h('li', {},
        h('button', { type: 'button', class: 'quiet', 'data-person': p.key, onclick: () => choose(p) },
          `${p.name} (${p.key}${p.birth_year ? `, född ${p.birth_year}` : ''})`))));
      if (!found.length) results.append(h('li', { class: 'hint' }, 'Ingen träff: fyll i uppgifterna nedan.'));
    }, 200);
  });
  function choose(p) {
    chosen = p;
    chosenNote.replaceChildren(`Återkommande: ${p.name} (${p.key}). `,
      h('button', { type: 'button', class: 'quiet', onclick: unchoose }, 'Välj någon annan'));
    chosenNote.hidden = false;
    newFields.hidden = true;
    results.replaceChildren();
  }
  function unchoose() {
    chosen = null;
    chosenNote.hidden = true;
    newFields.hidden = false;
  }
  const element = h('fieldset', { class: 'group person' },
    h('legend', {}, title),
    h('div', { class: 'field' },
      h('label', { for: search.id }, 'Har personen bott här förut? Sök'),
      search),
    results,
    chosenNote,
    newFields,
    withIn ? h('div', { class: 'row' },
      field({ name: `${prefix}in`, label: 'Inflyttning', value: inValue, hint: 'ÅÅÅÅ-MM-DD TT:MM' }),
      withDecision ? field({ name: `${prefix}decision_reference`, label: 'Beslutsreferens (barnets eget beslut)' }) : null,
    ) : null,
  );
  function values(form) {
    const get = (n) => form.querySelector(`[name="${CSS.escape(prefix + n)}"]`);
    const text = (n) => get(n)?.value?.trim() ?? '';
    const out = {};
    if (chosen) {
      out.person = chosen.key;
    } else {
      if (text('person')) out.person = text('person');
      out.name = text('name');
      if (text('birth_year')) out.birth_year = Number(text('birth_year'));
      if (text('personal_number')) out.personal_number = text('personal_number');
      out.protected_identity = get('protected_identity')?.checked ?? false;
    }
    if (withIn) out.in = text('in');
    if (withDecision) out.decision_reference = text('decision_reference');
    return out;
  }
  return { element, values };
}
