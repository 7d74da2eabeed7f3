// One placement: its people and their stays, the acute clock with the contact and decision of
// Relationsvåldsenheten, move-out (per person or everyone), a child arriving later, the journal,
// orosanmälningar and the history of corrections. Every action is one save; after it the page is
// read again from the program.

import { call } from '../api.js';
import { h, show, field, select, textarea, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { localTime, today } from '../format.js';
import { clockBadge, clockText } from './acute-clock.js';
import { personFields } from './person-fields.js';

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
      ? h('p', { id: 'rve-contact' }, `Kontaktad ${localTime(p.rve.contacted_at)} av ${p.rve.contacted_by}.`)
      : smallForm('rve-contact-form', [
        h('div', { class: 'row' },
          field({ name: 'at', label: 'Kontaktad', value: cat.now_local }),
          field({ name: 'by', label: 'Av (signatur)' })),
        h('button', { type: 'submit', class: 'primary' }, 'Registrera kontakten'),
      ], async () => {
        const form = document.getElementById('rve-contact-form');
        await call('rve_contact', { key, at: v(form, 'at'), by: v(form, 'by') });
        toast('Kontakten med Relationsvåldsenheten är registrerad.');
        await reload();
      });
    const decision = p.rve.decision
      ? h('p', { id: 'rve-decision' }, `Beslut: ${page.labels.rve_decision} (${localTime(p.rve.decided_at)}).`)
      : smallForm('rve-decision-form', [
        h('div', { class: 'row' },
          select({ name: 'decision', label: 'Beslut', placeholder: 'Välj …', options: cat.kinds.rve_decision }),
          field({ name: 'at', label: 'Beslutat', value: cat.now_local })),
        h('button', { type: 'submit' }, 'Registrera beslutet'),
      ], async () => {
        const form = document.getElementById('rve-decision-form');
        if (!v(form, 'decision')) throw { field: 'decision', message: 'Välj beslutet.' };
        await call('rve_decision', { key, decision: v(form, 'decision'), at: v(form, 'at') });
        toast('Beslutet är registrerat.');
        await reload();
      });
    acute = h('section', { class: `card acute-panel clock-${c.state}`, id: 'acute-panel' },
      h('h2', {}, 'Akutplacering: två dygn ', clockBadge(c)),
      h('p', { class: 'clock-text', id: 'acute-deadline' }, clockText(c)),
      h('div', { class: 'acute-columns' },
        h('div', {}, h('h3', {}, 'Kontakt med Relationsvåldsenheten'), contact),
        h('div', {}, h('h3', {}, 'Beslut om fortsatt skydd'), decision)));
  }

  // The people, with move-out and its undo.
  const rows = page.people.map((x) => {
    const actions = [];
    if (!x.out) {
      actions.push(h('details', { class: 'row-action' },
        h('summary', {}, 'Flytta ut'),
        smallForm(`move-out-${x.person.key}`, [
          field({ name: 'at', label: 'Utflyttning', value: cat.now_local }),
          select({ name: 'destination', label: 'Vart', placeholder: 'Välj …', options: cat.kinds.destination }),
          h('button', { type: 'submit' }, `Flytta ut ${x.person.name}`),
        ], async () => {
          const form = document.getElementById(`move-out-${x.person.key}`);
          if (!v(form, 'destination')) throw { field: 'destination', message: 'Välj vart personen flyttade.' };
          await call('move_out', { key, persons: [x.person.key], at: v(form, 'at'), destination: v(form, 'destination') });
          toast(`${x.person.name} är utflyttad.`);
          await reload();
        })));
    } else {
      actions.push(h('details', { class: 'row-action' },
        h('summary', {}, 'Ångra utflyttning'),
        smallForm(`undo-${x.person.key}`, [
          field({ name: 'reason', label: 'Varför? (sparas i historiken)' }),
          h('button', { type: 'submit' }, 'Ångra utflyttningen'),
        ], async () => {
          const form = document.getElementById(`undo-${x.person.key}`);
          await call('undo_move_out', { key, person: x.person.key, reason: v(form, 'reason') });
          toast('Utflyttningen är ångrad och rättelsen sparad.');
          await reload();
        })));
    }
    return h('tr', { 'data-person': x.person.key, class: x.present ? 'present' : 'gone' },
      h('th', { scope: 'row' }, h('a', { href: `#/person/${encodeURIComponent(x.person.key)}` }, x.person.name || '(gallrad)'),
        x.person.protected_identity ? h('span', { class: 'badge danger' }, 'Skyddad identitet') : null),
      h('td', { class: 'nowrap' }, x.person.key),
      h('td', {}, x.category_label),
      h('td', {}, x.age_at_in ?? '–'),
      h('td', { class: 'nowrap' }, localTime(x.in)),
      h('td', { class: 'out nowrap' }, x.out ? localTime(x.out) : h('span', { class: 'badge ok' }, 'Bor här')),
      h('td', {}, x.destination_label ?? ''),
      h('td', {}, x.decision_reference || ''),
      h('td', {}, ...actions));
  });
  const stillHere = page.people.filter((x) => !x.out).length;
  const everyoneOut = stillHere > 1 ? smallForm('move-out-all', [
    h('div', { class: 'row' },
      field({ name: 'at', label: 'Utflyttning', value: cat.now_local }),
      select({ name: 'destination', label: 'Vart', placeholder: 'Välj …', options: cat.kinds.destination })),
    h('button', { type: 'submit' }, `Flytta ut alla (${stillHere})`),
  ], async () => {
    const form = document.getElementById('move-out-all');
    if (!v(form, 'destination')) throw { field: 'destination', message: 'Välj vart de flyttade.' };
    await call('move_out', { key, persons: [], at: v(form, 'at'), destination: v(form, 'destination') });
    toast('Alla är utflyttade.');
    await reload();
  }) : null;

  const child = personFields('stay.', { title: 'Barn som kommer senare', withIn: true, inValue: cat.now_local, withDecision: true });
  const addChild = page.ended ? null : smallForm('add-child-form', [
    child.element,
    h('button', { type: 'submit' }, 'Lägg till barnet'),
  ], async () => {
    const form = document.getElementById('add-child-form');
    await call('add_person', { key, stay: { ...child.values(form), category: 'child' } });
    toast('Barnet är tillagt i placeringen.');
    await reload();
  });

  // The journal.
  const noteForm = smallForm('note-form', [
    h('input', { type: 'hidden', name: 'corrects', value: '' }),
    h('p', { class: 'hint', id: 'correcting', hidden: true }),
    textarea({ name: 'body', label: 'Anteckning', rows: 3 }),
    field({ name: 'author', label: 'Signatur' }),
    h('button', { type: 'submit' }, 'Spara anteckningen'),
  ], async () => {
    const form = document.getElementById('note-form');
    const corrects = v(form, 'corrects');
    await call('add_note', { placement: key, author: v(form, 'author'), body: v(form, 'body'), corrects: corrects ? Number(corrects) : null });
    toast('Anteckningen är sparad.');
    await reload();
  });
  const notes = page.journal.map((n) => h('li', { class: n.corrected_by ? 'note corrected' : 'note', 'data-note': n.id },
    h('div', { class: 'note-head' }, `${localTime(n.written_at)} · ${n.author}`,
      n.corrects ? h('span', { class: 'badge' }, `rättar anteckning ${n.corrects}`) : null,
      n.corrected_by ? h('span', { class: 'badge warn' }, `rättad av anteckning ${n.corrected_by}`) : null,
      h('button', { type: 'button', class: 'quiet small', onclick: () => {
        noteForm.querySelector('[name="corrects"]').value = n.id;
        const c = noteForm.querySelector('#correcting');
        c.textContent = `Rättar anteckningen från ${localTime(n.written_at)}. Den gamla finns kvar.`;
        c.hidden = false;
        noteForm.querySelector('textarea').focus();
      } }, 'Rätta')),
    h('p', { class: 'note-body' }, n.body)));

  // Orosanmälningar, per child.
  const childrenHere = page.people.filter((x) => x.category === 'child');
  const concerns = page.concern_reports.map((c) => h('li', {},
    `${c.reported_on} · ${page.people.find((x) => x.person.key === c.person)?.person.name ?? c.person} · till ${c.recipient} · ${c.method} · ${c.author}`));
  const concernForm = childrenHere.length ? smallForm('concern-form', [
    h('div', { class: 'row' },
      select({ name: 'person', label: 'Barn', options: childrenHere.map((x) => ({ value: x.person.key, label: x.person.name })) }),
      field({ name: 'reported_on', label: 'Datum', value: today() }),
      field({ name: 'recipient', label: 'Till', hint: 't.ex. Socialtjänsten i Borås' }),
      select({ name: 'method', label: 'Hur', options: [
        { value: 'skriftligt', label: 'Skriftligt' }, { value: 'telefon', label: 'Telefon' },
        { value: 'digitalt', label: 'Digitalt' }, { value: 'muntligt', label: 'Muntligt' }] }),
      field({ name: 'author', label: 'Signatur' })),
    h('button', { type: 'submit' }, 'Registrera orosanmälan'),
  ], async () => {
    const form = document.getElementById('concern-form');
    await call('add_concern_report', {
      person: v(form, 'person'), placement: key, reported_on: v(form, 'reported_on'),
      recipient: v(form, 'recipient'), method: v(form, 'method'), author: v(form, 'author'),
    });
    toast('Orosanmälan är registrerad.');
    await reload();
  }) : h('p', { class: 'hint' }, 'Inga barn i placeringen.');

  const assessment = p.assessment
    ? `${page.labels.assessment_by}, ${localTime(p.assessment.at)}${p.assessment.conclusion ? `: ${p.assessment.conclusion}` : ''}`
    : null;
  const assessmentForm = p.assessment ? null : smallForm('assessment-form', [
    h('div', { class: 'row' },
      select({ name: 'by', label: 'Gjord av', placeholder: 'Välj …', options: cat.kinds.assessor }),
      field({ name: 'at', label: 'När', value: cat.now_local })),
    textarea({ name: 'conclusion', label: 'Slutsats' }),
    h('button', { type: 'submit' }, 'Dokumentera skyddsbedömningen'),
  ], async () => {
    const form = document.getElementById('assessment-form');
    if (!v(form, 'by')) throw { field: 'by', message: 'Välj vem som gjorde bedömningen.' };
    await call('save_assessment', { key, assessment: { by: v(form, 'by'), at: v(form, 'at'), conclusion: v(form, 'conclusion') } });
    toast('Skyddsbedömningen är dokumenterad.');
    await reload();
  });

  const roomForm = page.ended ? null : smallForm('room-form', [
    h('div', { class: 'row' },
      select({ name: 'room', label: 'Byt rum', placeholder: 'Inget rum', value: p.room ?? '',
        options: cat.rooms.map((r) => ({ value: r.key, label: `${r.name}${r.acute ? ' (akut)' : ''}` })) }),
      h('button', { type: 'submit' }, 'Flytta till rummet')),
  ], async () => {
    const form = document.getElementById('room-form');
    await call('change_room', { key, room: v(form, 'room') || null });
    toast('Rummet är bytt.');
    await reload();
  });

  show(
    h('section', { class: 'page', id: 'placement-screen', 'data-placement': key },
      h('div', { class: 'page-head' },
        h('h1', {}, `${adult?.person.name || 'Placering'} · ${key}`),
        h('span', { class: page.ended ? 'badge' : 'badge ok', id: 'placement-status' }, page.ended ? 'Avslutad' : 'Pågår'),
        p.acute ? h('span', { class: 'badge warn' }, 'Akut') : null),
      acute,
      section('Personer',
        h('table', { id: 'people-table' },
          h('thead', {}, h('tr', {}, ...['Namn', 'Nyckel', 'Kategori', 'Ålder', 'Inflyttning', 'Utflyttning', 'Vart', 'Beslutsreferens', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...rows)),
        everyoneOut,
        addChild ? h('details', { class: 'add-child' }, h('summary', {}, 'Ett barn kommer senare'), addChild) : null),
      section('Placeringen', facts([
        ['Placerande kommun', page.municipality_name],
        ['Kommunens referens', p.reference],
        ['YY-kod', p.yy_code],
        ['Rum', page.room_name],
        ['Våld', page.labels.violence],
        ['Ankomst', localTime(p.arrived)],
        ['Kom via', page.labels.arrival_route],
        ['Transport', page.labels.transported_by],
        ['Skyddsbedömning', assessment],
      ]), roomForm, assessmentForm),
      section('Journal', h('ol', { class: 'plain notes', id: 'journal' }, ...notes), noteForm),
      section('Orosanmälningar', concerns.length ? h('ul', { class: 'plain', id: 'concerns' }, ...concerns) : null, concernForm),
      page.corrections.length ? section('Rättelser', h('ul', { class: 'plain', id: 'corrections' },
        ...page.corrections.map((c) => h('li', {}, `${localTime(c.at)} · ${c.actor} · ${c.what}: ${c.reason}`)))) : null,
    ),
  );
}
