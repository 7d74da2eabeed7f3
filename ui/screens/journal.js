// The journal on a placement's and on a person's page: the notes, oldest first, each with
// «Correct». A correction is a new note that points at the one it corrects; both stay readable
// (the journal is append-only).

import { h } from '../dom.js';
import { localTime } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/journal.js';

const t = translator(TEXT);

/** What a note form holds besides its own fields: which note it corrects, and a line saying so. */
export function correctingFields() {
  return [
    h('input', { type: 'hidden', name: 'corrects', value: '' }),
    h('p', { class: 'hint', id: 'correcting', hidden: true }),
  ];
}

/** The note `form` corrects, or null for a new note. */
export function correctedNote(form) {
  const value = form.querySelector('[name="corrects"]').value;
  return value ? Number(value) : null;
}

/** The notes as a list; «Correct» on one makes `form` write its correction. `head` adds to a
 *  note's heading (the placement it was written in, on a person's page). */
export function noteList(notes, form, { id, head = () => '' } = {}) {
  return h('ol', { class: 'plain notes', id }, ...notes.map((n) => h('li', { class: n.corrected_by ? 'note corrected' : 'note', 'data-note': n.id },
    h('div', { class: 'note-head' }, `${localTime(n.written_at)} · ${n.author}${head(n)}`,
      n.corrects ? h('span', { class: 'badge' }, t('note.corrects', { id: n.corrects })) : null,
      n.corrected_by ? h('span', { class: 'badge warn' }, t('note.corrected_by', { id: n.corrected_by })) : null,
      h('button', { type: 'button', class: 'quiet small', onclick: () => {
        form.querySelector('[name="corrects"]').value = n.id;
        const line = form.querySelector('#correcting');
        line.textContent = t('note.correcting', { at: localTime(n.written_at) });
        line.hidden = false;
        form.querySelector('textarea').focus();
      } }, t('note.correct'))),
    h('p', { class: 'note-body' }, n.body))));
}
