// The fields of one person in a placement form: either a returning person found by search, or a
// new one. Field names are `${prefix}name` etc., so that the program's errors land beside them.

import { call } from '../api.js';
import { h, field, select, checkbox } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/person-fields.js';

const t = translator(TEXT);

/**
 * `prefix` is e.g. 'stays.0.'. With `withIn`, an in-time field is included (for children who may
 * come later). Returns {element, values()}.
 */
const ADULT_GENDERS = ['kvinna', 'man', 'transperson', 'annan'];
const CHILD_GENDERS = ['flicka', 'pojke', 'annan'];

export function personFields(prefix, { title, withIn = false, inValue = '', withDecision = false, adult = false, genders = [] }) {
  let chosen = null;
  const chosenNote = h('p', { class: 'chosen', hidden: true });
  const results = h('ul', { class: 'search-results plain' });
  const newFields = h('div', { class: 'new-person' },
    h('div', { class: 'row' },
      field({ name: `${prefix}name`, label: adult ? t('field.name.adult') : t('field.name.child') }),
      field({ name: `${prefix}birth_year`, label: t('field.birth_year'), attrs: { inputmode: 'numeric', size: 6 } }),
      field({ name: `${prefix}personal_number`, label: t('field.personal_number'), hint: t('field.personal_number_hint') }),
      select({ name: `${prefix}gender`, label: t('field.gender'), placeholder: t('field.gender_not_given'),
        options: genders.filter((g) => (adult ? ADULT_GENDERS : CHILD_GENDERS).includes(g.value)) }),
    ),
    h('div', { class: 'row' },
      checkbox({ name: `${prefix}protected_identity`, label: t('field.protected_identity') }),
      field({ name: `${prefix}person`, label: t('field.own_key'), hint: t('field.own_key_hint') })),
  );
  const search = h('input', { type: 'search', id: `f-${prefix.replaceAll('.', '-')}search`, placeholder: t('search.placeholder'), autocomplete: 'off' });
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
          p.birth_year ? t('result.with_year', { name: p.name, key: p.key, year: p.birth_year }) : t('result', { name: p.name, key: p.key })))));
      if (!found.length) results.append(h('li', { class: 'hint' }, t('search.none')));
    }, 200);
  });
  function choose(p) {
    chosen = p;
    chosenNote.replaceChildren(t('chosen', { name: p.name, key: p.key }),
      h('button', { type: 'button', class: 'quiet', onclick: unchoose }, t('button.choose_other')));
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
      h('label', { for: search.id }, t('search.label')),
      search),
    results,
    chosenNote,
    newFields,
    withIn ? h('div', { class: 'row' },
      field({ name: `${prefix}in`, label: t('field.in'), value: inValue, hint: t('field.in_hint') }),
      withDecision ? field({ name: `${prefix}decision_reference`, label: t('field.decision_reference') }) : null,
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
      if (text('gender')) out.gender = text('gender');
    }
    if (withIn) out.in = text('in');
    if (withDecision) out.decision_reference = text('decision_reference');
    return out;
  }
  return { element, values };
}
