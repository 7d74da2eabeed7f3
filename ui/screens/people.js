// People who stay or have stayed here: search, and one person's placements. Names are shown
// only here and on placement pages, never on invoices or in reports.

import { call } from '../api.js';
import { h, show, field, textarea, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { localTime } from '../format.js';
import { can } from '../session.js';

function table(people) {
  return h('table', { id: 'people-list' },
    h('thead', {}, h('tr', {}, ...['Namn', 'Nyckel', 'Född', 'Skyddad identitet'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...people.map((p) => h('tr', {},
      h('td', {}, h('a', { href: `#/person/${encodeURIComponent(p.key)}` }, p.name || '(gallrad)')),
      h('td', {}, p.key),
      h('td', {}, p.birth_date ?? p.birth_year ?? '–'),
      h('td', {}, p.protected_identity ? 'Ja' : '')))));
}

export async function peopleScreen() {
  const results = h('div', {});
  const search = h('input', { type: 'search', id: 'people-search', placeholder: 'Namn, nyckel, födelseår eller personnummer' });
  const run = async () => results.replaceChildren(table(await call('people_search', { query: search.value })));
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  show(
    h('section', { class: 'page', id: 'people-screen' },
      h('h1', {}, 'Personer'),
      h('div', { class: 'field' }, h('label', { for: 'people-search' }, 'Sök'), search),
      results),
  );
  await run();
}

export async function personScreen(key) {
  const page = await call('person_view', { key });
  const p = page.person;
  const form = h('form', { id: 'person-note-form', class: 'inline-form', novalidate: true },
    formAlert(),
    textarea({ name: 'body', label: 'Anteckning om personen' }),
    field({ name: 'author', label: 'Signatur' }),
    h('button', { type: 'submit' }, 'Spara anteckningen'));
  onSubmit(form, async () => {
    await call('add_note', { person: key, author: String(valueOf(form, 'author')), body: String(valueOf(form, 'body')) });
    toast('Anteckningen är sparad.');
    await personScreen(key);
  });
  show(
    h('section', { class: 'page', id: 'person-screen' },
      h('h1', {}, `${p.name || '(gallrad)'} · ${p.key}`),
      can('manager') ? h('p', {}, h('a', { href: `#/logg/${encodeURIComponent(p.key)}`, id: 'person-access-log' }, 'Vem har läst och ändrat uppgifterna (åtkomstlogg)')) : null,
      p.protected_identity ? h('p', { class: 'problem' }, 'Skyddad identitet: lämna aldrig ut uppgifter om personen.') : null,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Född'), h('dd', {}, p.birth_date ?? p.birth_year ?? '–'),
        h('dt', {}, 'Personnummer'), h('dd', {}, p.personal_number ?? '–')),
      h('h2', {}, 'Placeringar'),
      h('ul', { class: 'plain' }, ...page.placements.map((s) => h('li', {},
        h('a', { href: `#/placering/${encodeURIComponent(s.key)}` }, s.key),
        ` · ${s.municipality_name} · ankomst ${localTime(s.arrived)} · ${s.ended ? 'avslutad' : 'pågår'}`))),
      h('h2', {}, 'Journal'),
      h('ol', { class: 'plain notes' }, ...page.journal.map((n) => h('li', { class: n.corrected_by ? 'note corrected' : 'note' },
        h('div', { class: 'note-head' }, `${localTime(n.written_at)} · ${n.author}${n.placement ? ` · ${n.placement}` : ''}`),
        h('p', { class: 'note-body' }, n.body)))),
      form,
    ),
  );
}
