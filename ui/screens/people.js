// People who stay or have stayed here: search, and one person's placements. Names are shown
// only here and on placement pages, never on invoices or in reports.

import { call } from '../api.js';
import { personCorrectionSection, personHistorySection } from './person-corrections.js';
import { h, show, field, textarea, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { localTime } from '../format.js';
import { correctingFields, correctedNote, noteList } from './journal.js';
import { can } from '../session.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/people.js';

const t = translator(TEXT);

function table(people) {
  return h('table', { id: 'people-list' },
    h('thead', {}, h('tr', {}, ...[t('col.name'), t('col.key'), t('col.born'), t('col.protected')].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...people.map((p) => h('tr', {},
      h('td', {}, h('a', { href: `#/person/${encodeURIComponent(p.key)}` }, p.name || (p.protected_identity ? t('name.hidden') : t('erased')))),
      h('td', {}, p.key),
      h('td', {}, p.birth_date ?? p.birth_year ?? '–'),
      h('td', {}, p.protected_identity ? t('yes') : '')))));
}

export async function peopleScreen() {
  const results = h('div', {});
  const search = h('input', { type: 'search', id: 'people-search', placeholder: t('search.placeholder') });
  const run = async () => results.replaceChildren(table(await call('people_search', { query: search.value })));
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  show(
    h('section', { class: 'page', id: 'people-screen' },
      h('h1', {}, t('title')),
      h('div', { class: 'field' }, h('label', { for: 'people-search' }, t('search.label')), search),
      results),
  );
  await run();
}

export async function personScreen(key) {
  const [page, cat] = await Promise.all([call('person_view', { key }), call('catalogue')]);
  const p = page.person;
  const form = h('form', { id: 'person-note-form', class: 'inline-form', novalidate: true },
    formAlert(),
    ...correctingFields(),
    textarea({ name: 'body', label: t('note.body') }),
    field({ name: 'author', label: t('note.author') }),
    h('button', { type: 'submit' }, t('note.save')));
  onSubmit(form, async () => {
    // A correction is kept with the note it corrects: about the person, and in its placement.
    const corrects = correctedNote(form);
    const placement = page.journal.find((n) => n.id === corrects)?.placement ?? null;
    await call('add_note', { person: key, placement, author: String(valueOf(form, 'author')), body: String(valueOf(form, 'body')), corrects });
    toast(t('toast.saved'));
    await personScreen(key);
  });
  show(
    h('section', { class: 'page', id: 'person-screen' },
      h('h1', {}, `${p.name || t('erased')} · ${p.key}`),
      can('access_log_person') ? h('p', {}, h('a', { href: `#/logg/${encodeURIComponent(p.key)}`, id: 'person-access-log' }, t('access_log'))) : null,
      p.protected_identity ? h('p', { class: 'problem' }, t('protected')) : null,
      h('dl', { class: 'facts' },
        h('dt', {}, t('born')), h('dd', {}, p.birth_date ?? p.birth_year ?? '–'),
        h('dt', {}, t('personal_number')), h('dd', {}, p.personal_number ?? '–'),
        h('dt', {}, t('gender')), h('dd', { id: 'person-gender' }, cat.kinds.gender.find((g) => g.value === (p.gender ?? 'ej_angivet'))?.label ?? '–')),
      h('h2', {}, t('placements')),
      h('ul', { class: 'plain' }, ...page.placements.map((s) => h('li', {},
        h('a', { href: `#/placering/${encodeURIComponent(s.key)}` }, s.key),
        t('placement.line', { municipality: s.municipality_name, arrived: localTime(s.arrived), status: s.ended ? t('placement.ended') : t('placement.ongoing') })))),
      h('h2', {}, t('journal')),
      noteList(page.journal, form, { id: 'person-journal', head: (n) => (n.placement ? ` · ${n.placement}` : '') }),
      form,
      personCorrectionSection(p, () => personScreen(key), cat.kinds.gender),
      personHistorySection(page.history, cat.kinds.gender),
    ),
  );
}
