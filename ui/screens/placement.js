// One placement: its people and their stays, the acute clock with the contact and decision of
// Relationsvåldsenheten, move-out (per person or everyone), a child arriving later, the journal,
// orosanmälningar and the history of corrections. Every action is one save; after it the page is
// read again from the program.

import { call } from '../api.js';
import { h, show, field, select, textarea, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { localTime, today } from '../format.js';
import { clockBadge, clockText } from './acute-clock.js';
import { personFields } from './person-fields.js';
import { correctionSection, historySection } from './placement-corrections.js';
import { translator } from '../i18n.js';
import { correctingFields, correctedNote, noteList } from './journal.js';
import { TEXT } from '../locales/placement.js';

const t = translator(TEXT);

function smallForm(id, children, action) {
  const form = h('form', { id, class: 'inline-form', novalidate: true }, formAlert(), ...children);
  onSubmit(form, action);
  return form;
}

function facts(rows) {
  return h('dl', { class: 'facts' }, ...rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value || '–')]));
}

export async function placementScreen(key) {
  const [page, cat] = await Promise.all([call('placement_view', { key }), call('catalogue')]);
  const reload = () => placementScreen(key);
  const p = page.placement;
  const adult = page.people.find((x) => x.category === 'adult');
  const v = (form, n) => String(valueOf(form, n)).trim();

  // The acute clock and Relationsvåldsenheten.
  let acute = null;
  if (page.clock) {
    const c = page.clock;
    const contact = p.rve.contacted_at
      ? h('p', { id: 'rve-contact' }, t('rve.contacted', { at: localTime(p.rve.contacted_at), by: p.rve.contacted_by }))
      : smallForm('rve-contact-form', [
        h('div', { class: 'row' },
          field({ name: 'at', label: t('rve.field.contacted_at'), value: cat.now_local }),
          field({ name: 'by', label: t('rve.field.contacted_by') })),
        h('button', { type: 'submit', class: 'primary' }, t('rve.button.contact')),
      ], async () => {
        const form = document.getElementById('rve-contact-form');
        await call('rve_contact', { key, at: v(form, 'at'), by: v(form, 'by') });
        toast(t('toast.rve_contact'));
        await reload();
      });
    const decision = p.rve.decision
      ? h('p', { id: 'rve-decision' }, t('rve.decided', { decision: page.labels.rve_decision, at: localTime(p.rve.decided_at) }))
      : smallForm('rve-decision-form', [
        h('div', { class: 'row' },
          select({ name: 'decision', label: t('rve.field.decision'), placeholder: t('choose'), options: cat.kinds.rve_decision }),
          field({ name: 'at', label: t('rve.field.decided_at'), value: cat.now_local })),
        h('button', { type: 'submit' }, t('rve.button.decision')),
      ], async () => {
        const form = document.getElementById('rve-decision-form');
        if (!v(form, 'decision')) throw { field: 'decision', message: t('error.decision') };
        await call('rve_decision', { key, decision: v(form, 'decision'), at: v(form, 'at') });
        toast(t('toast.decision'));
        await reload();
      });
    acute = h('section', { class: `card acute-panel clock-${c.state}`, id: 'acute-panel' },
      h('h2', {}, t('acute.title'), clockBadge(c)),
      h('p', { class: 'clock-text', id: 'acute-deadline' }, clockText(c)),
      h('div', { class: 'acute-columns' },
        h('div', {}, h('h3', {}, t('acute.contact')), contact),
        h('div', {}, h('h3', {}, t('acute.decision')), decision)));
  }

  // A child's own rights: the days school, a health examination and the child's own
  // conversation were arranged. The fields are named by the child, so that two children's forms
  // on one page stay apart; the program's answer names the field without the child.
  const RIGHTS = ['school_from', 'health_offered_on', 'own_conversation_on'];
  const rightLabel = { school_from: t('rights.school_from'), health_offered_on: t('rights.health_offered_on'), own_conversation_on: t('rights.own_conversation_on') };
  const rightsList = (x) => h('ul', { class: 'plain rights', 'data-rights': x.person.key },
    ...RIGHTS.map((r) => h('li', {}, rightLabel[r], ': ', x[r] ?? h('span', { class: 'badge warn' }, t('rights.not_yet')))));
  const rightsForm = (x) => {
    const id = `rights-${x.person.key}`;
    const name = (r) => `${x.person.key}.${r}`;
    return h('details', { class: 'row-action rights' },
      h('summary', {}, t('rights.summary')),
      smallForm(id, [
        ...RIGHTS.map((r) => field({ name: name(r), label: rightLabel[r], value: x[r] ?? '', hint: t('rights.hint') })),
        h('button', { type: 'submit' }, t('rights.button')),
      ], async () => {
        const form = document.getElementById(id);
        const input = { key, person: x.person.key };
        for (const r of RIGHTS) input[r] = v(form, name(r));
        try {
          await call('set_child_rights', input);
        } catch (err) {
          throw err?.field ? { ...err, message: err.message, field: name(err.field) } : err;
        }
        toast(t('toast.rights'));
        await reload();
      }));
  };

  // The people, with move-out and its undo, and the day someone is ready to move out.
  const rows = page.people.map((x) => {
    const actions = [];
    if (!x.out) {
      actions.push(h('details', { class: 'row-action' },
        h('summary', {}, t('move_out.summary')),
        smallForm(`move-out-${x.person.key}`, [
          field({ name: 'at', label: t('move_out.field.at'), value: cat.now_local }),
          select({ name: 'destination', label: t('move_out.field.destination'), placeholder: t('choose'), options: cat.kinds.destination }),
          h('button', { type: 'submit' }, t('move_out.button', { name: x.person.name })),
        ], async () => {
          const form = document.getElementById(`move-out-${x.person.key}`);
          if (!v(form, 'destination')) throw { field: 'destination', message: t('error.destination_one') };
          await call('move_out', { key, persons: [x.person.key], at: v(form, 'at'), destination: v(form, 'destination') });
          toast(t('toast.moved_out', { name: x.person.name }));
          await reload();
        })));
      actions.push(h('details', { class: 'row-action ready' },
        h('summary', {}, t('ready.summary')),
        smallForm(`ready-${x.person.key}`, [
          field({ name: 'date', label: t('ready.field.date'), value: x.ready_to_move ?? today(), hint: t('ready.field.hint') }),
          h('button', { type: 'submit' }, t('ready.button')),
        ], async () => {
          const form = document.getElementById(`ready-${x.person.key}`);
          await call('set_ready_to_move', { key, person: x.person.key, date: v(form, 'date') });
          toast(t('toast.ready'));
          await reload();
        })));
    }
    if (x.category === 'child') actions.push(rightsForm(x));
    if (x.out) {
      actions.push(h('details', { class: 'row-action' },
        h('summary', {}, t('undo.summary')),
        smallForm(`undo-${x.person.key}`, [
          field({ name: 'reason', label: t('undo.field.reason') }),
          h('button', { type: 'submit' }, t('undo.button')),
        ], async () => {
          const form = document.getElementById(`undo-${x.person.key}`);
          await call('undo_move_out', { key, person: x.person.key, reason: v(form, 'reason') });
          toast(t('toast.undone'));
          await reload();
        })));
    }
    return h('tr', { 'data-person': x.person.key, class: x.present ? 'present' : 'gone' },
      h('th', { scope: 'row' }, h('a', { href: `#/person/${encodeURIComponent(x.person.key)}` }, x.person.name || t('person.erased')),
        x.person.protected_identity ? h('span', { class: 'badge danger' }, t('badge.protected')) : null),
      h('td', { class: 'nowrap' }, x.person.key),
      h('td', {}, x.category_label),
      h('td', {}, x.age_at_in ?? '–'),
      h('td', { class: 'nowrap' }, localTime(x.in)),
      h('td', { class: 'out nowrap' }, x.out ? localTime(x.out) : h('span', { class: 'badge ok' }, t('badge.here')),
        x.ready_to_move ? h('div', {}, h('span', { class: 'badge warn', 'data-ready': x.ready_to_move }, t('badge.ready', { date: x.ready_to_move }))) : null),
      h('td', {}, x.destination_label ?? ''),
      h('td', {}, x.decision_reference || '', x.category === 'child' ? rightsList(x) : null),
      h('td', {}, ...actions));
  });
  const stillHere = page.people.filter((x) => !x.out).length;
  const everyoneOut = stillHere > 1 ? smallForm('move-out-all', [
    h('div', { class: 'row' },
      field({ name: 'at', label: t('move_out.field.at'), value: cat.now_local }),
      select({ name: 'destination', label: t('move_out.field.destination'), placeholder: t('choose'), options: cat.kinds.destination })),
    h('button', { type: 'submit' }, t('move_out_all.button', { count: stillHere })),
  ], async () => {
    const form = document.getElementById('move-out-all');
    if (!v(form, 'destination')) throw { field: 'destination', message: t('error.destination_all') };
    await call('move_out', { key, persons: [], at: v(form, 'at'), destination: v(form, 'destination') });
    toast(t('toast.all_out'));
    await reload();
  }) : null;

  const child = personFields('stay.', { title: t('child.title'), withIn: true, inValue: cat.now_local, withDecision: true, genders: cat.kinds.gender });
  const addChild = page.ended ? null : smallForm('add-child-form', [
    child.element,
    h('button', { type: 'submit' }, t('child.button')),
  ], async () => {
    const form = document.getElementById('add-child-form');
    await call('add_person', { key, stay: { ...child.values(form), category: 'child' } });
    toast(t('toast.child_added'));
    await reload();
  });

  // The journal.
  const noteForm = smallForm('note-form', [
    ...correctingFields(),
    textarea({ name: 'body', label: t('note.field.body'), rows: 3 }),
    field({ name: 'author', label: t('field.signature') }),
    h('button', { type: 'submit' }, t('note.button')),
  ], async () => {
    const form = document.getElementById('note-form');
    // A correction is kept with the note it corrects: in the placement, and about its person.
    const corrects = correctedNote(form);
    const person = page.journal.find((n) => n.id === corrects)?.person ?? null;
    await call('add_note', { placement: key, person, author: v(form, 'author'), body: v(form, 'body'), corrects });
    toast(t('toast.note'));
    await reload();
  });
  const notes = noteList(page.journal, noteForm, { id: 'journal' });

  // Orosanmälningar, per child.
  const childrenHere = page.people.filter((x) => x.category === 'child');
  const concerns = page.concern_reports.map((c) => h('li', {},
    t('concern.line', { date: c.reported_on, name: page.people.find((x) => x.person.key === c.person)?.person.name ?? c.person, recipient: c.recipient, method: c.method, author: c.author })));
  const concernForm = childrenHere.length ? smallForm('concern-form', [
    h('div', { class: 'row' },
      select({ name: 'person', label: t('concern.field.child'), options: childrenHere.map((x) => ({ value: x.person.key, label: x.person.name })) }),
      field({ name: 'reported_on', label: t('concern.field.date'), value: today() }),
      field({ name: 'recipient', label: t('concern.field.recipient'), hint: t('concern.field.recipient_hint') }),
      select({ name: 'method', label: t('concern.field.method'), options: [
        { value: 'skriftligt', label: t('method.written') }, { value: 'telefon', label: t('method.phone') },
        { value: 'digitalt', label: t('method.digital') }, { value: 'muntligt', label: t('method.oral') }] }),
      field({ name: 'author', label: t('field.signature') })),
    h('button', { type: 'submit' }, t('concern.button')),
  ], async () => {
    const form = document.getElementById('concern-form');
    await call('add_concern_report', {
      person: v(form, 'person'), placement: key, reported_on: v(form, 'reported_on'),
      recipient: v(form, 'recipient'), method: v(form, 'method'), author: v(form, 'author'),
    });
    toast(t('toast.concern'));
    await reload();
  }) : h('p', { class: 'hint' }, t('concern.no_children'));

  const assessment = p.assessment
    ? `${page.labels.assessment_by}, ${localTime(p.assessment.at)}${p.assessment.conclusion ? `: ${p.assessment.conclusion}` : ''}`
    : null;
  const assessmentForm = p.assessment ? null : smallForm('assessment-form', [
    h('div', { class: 'row' },
      select({ name: 'by', label: t('assessment.field.by'), placeholder: t('choose'), options: cat.kinds.assessor }),
      field({ name: 'at', label: t('assessment.field.at'), value: cat.now_local })),
    textarea({ name: 'conclusion', label: t('assessment.field.conclusion') }),
    h('button', { type: 'submit' }, t('assessment.button')),
  ], async () => {
    const form = document.getElementById('assessment-form');
    if (!v(form, 'by')) throw { field: 'by', message: t('error.assessment_by') };
    await call('save_assessment', { key, assessment: { by: v(form, 'by'), at: v(form, 'at'), conclusion: v(form, 'conclusion') } });
    toast(t('toast.assessment'));
    await reload();
  });

  const roomForm = page.ended ? null : smallForm('room-form', [
    h('div', { class: 'row' },
      select({ name: 'room', label: t('room.field'), placeholder: t('room.none'), value: p.room ?? '',
        options: cat.rooms.map((r) => ({ value: r.key, label: r.acute ? t('room.acute', { name: r.name }) : r.name })) }),
      h('button', { type: 'submit' }, t('room.button'))),
  ], async () => {
    const form = document.getElementById('room-form');
    await call('change_room', { key, room: v(form, 'room') || null });
    toast(t('toast.room'));
    await reload();
  });

  show(
    h('section', { class: 'page', id: 'placement-screen', 'data-placement': key },
      h('div', { class: 'page-head' },
        h('h1', {}, `${adult?.person.name || t('title.fallback')} · ${key}`),
        h('span', { class: page.ended ? 'badge' : 'badge ok', id: 'placement-status' }, page.ended ? t('status.ended') : t('status.ongoing')),
        p.acute ? h('span', { class: 'badge warn' }, t('status.acute')) : null),
      acute,
      section(t('section.people'),
        h('table', { id: 'people-table' },
          h('thead', {}, h('tr', {}, ...[t('column.name'), t('column.key'), t('column.category'), t('column.age'), t('column.in'), t('column.out'), t('column.destination'), t('column.decision_reference'), ''].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, ...rows)),
        everyoneOut,
        addChild ? h('details', { class: 'add-child' }, h('summary', {}, t('child.summary')), addChild) : null),
      section(t('section.placement'), facts([
        [t('fact.municipality'), page.municipality_name],
        [t('fact.reference'), p.reference],
        [t('fact.yy_code'), p.yy_code],
        [t('fact.room'), page.room_name],
        [t('fact.violence'), page.labels.violence],
        [t('fact.arrived'), localTime(p.arrived)],
        [t('fact.arrival_route'), page.labels.arrival_route],
        [t('fact.transported_by'), page.labels.transported_by],
        [t('fact.assessment'), assessment],
      ]), roomForm, assessmentForm),
      section(t('section.journal'), notes, noteForm),
      section(t('section.concerns'), concerns.length ? h('ul', { class: 'plain', id: 'concerns' }, ...concerns) : null, concernForm),
      correctionSection(page, cat, key, reload),
      historySection(page, cat),
    ),
  );
}
