// New intake, at any hour: the woman (found if she has been here before), the children who come
// with her (each may arrive later), the placement and the documented protection assessment.
// One save; every problem is shown beside its field and nothing is saved until all is right.

import { call } from '../api.js';
import { h, show, field, select, textarea, checkbox, formAlert, onSubmit, valueOf } from '../dom.js';
import { personFields } from './person-fields.js';

export async function intakeScreen(go) {
  const cat = await call('catalogue');
  const acuteRoom = cat.rooms.find((r) => r.acute);
  const adult = personFields('stays.0.', { title: 'Kvinnan', adult: true });
  const children = [];
  const childList = h('div', { class: 'children' });
  const addChild = () => {
    const index = children.length + 1;
    const child = personFields(`stays.${index}.`, { title: `Barn ${index}`, withIn: true, inValue: valueOf(form, 'arrived'), withDecision: true });
    children.push(child);
    childList.append(child.element);
    child.element.querySelector('input[type="search"]').focus();
  };
  const form = h('form', { id: 'intake-form', novalidate: true },
    formAlert(),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Ankomst'),
      h('div', { class: 'row' },
        field({ name: 'arrived', label: 'Ankomst', value: cat.now_local, hint: 'ÅÅÅÅ-MM-DD TT:MM, svensk tid. Startar akutklockan.' }),
        select({ name: 'arrival_route', label: 'Kom via', placeholder: 'Välj …', options: cat.kinds.arrival_route.filter((o) => o.value !== 'ej_angivet') }),
        select({ name: 'transported_by', label: 'Transport', placeholder: 'Välj …', options: cat.kinds.transported_by.filter((o) => o.value !== 'ej_angivet') }),
      ),
    ),
    adult.element,
    childList,
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'add-child', onclick: addChild }, 'Lägg till barn')),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Placeringen'),
      h('div', { class: 'row' },
        select({ name: 'municipality', label: 'Placerande kommun', options: cat.municipalities.map((m) => ({ value: m.key, label: m.name })), value: 'boras' }),
        field({ name: 'reference', label: 'Kommunens referens', hint: 'Beslut eller ärendenummer. Aldrig namn.' }),
        field({ name: 'yy_code', label: 'YY-kod', hint: 'Om kommunen vill ha en på fakturan.' }),
      ),
      h('div', { class: 'row' },
        select({ name: 'violence', label: 'Våld', placeholder: 'Välj …', options: cat.kinds.violence }),
        select({ name: 'room', label: 'Rum', placeholder: 'Inget rum ännu', options: cat.rooms.map((r) => ({ value: r.key, label: `${r.name}${r.acute ? ' (akut)' : ''}` })), value: acuteRoom?.key ?? '' }),
      ),
      checkbox({ name: 'acute', label: 'Akutplacering (två dygn, Relationsvåldsenheten ska kontaktas)', checked: true }),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Skyddsbedömning'),
      h('p', { class: 'hint' }, 'Den akuta skyddsbedömningen som sociala jouren eller polisen har gjort.'),
      h('div', { class: 'row' },
        select({ name: 'assessment.by', label: 'Gjord av', placeholder: 'Inte dokumenterad ännu', options: cat.kinds.assessor }),
        field({ name: 'assessment.at', label: 'När', hint: 'ÅÅÅÅ-MM-DD TT:MM' }),
      ),
      textarea({ name: 'assessment.conclusion', label: 'Slutsats' }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-intake' }, 'Spara intagningen')),
  );
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const arrived = v('arrived');
    if (!arrived) throw { field: 'arrived', message: 'Ange när hon kom.' };
    const adultStay = { ...adult.values(form), category: 'adult', in: arrived };
    const childStays = children.map((c) => ({ ...c.values(form), category: 'child' }));
    const placement = {
      municipality: v('municipality'),
      reference: v('reference'),
      yy_code: v('yy_code'),
      acute: valueOf(form, 'acute'),
      room: v('room') || null,
      arrived,
      stays: [adultStay, ...childStays],
    };
    for (const name of ['violence', 'arrival_route', 'transported_by']) {
      if (!v(name)) throw { field: name, message: 'Välj ett alternativ.' };
      placement[name] = v(name);
    }
    if (v('assessment.by')) {
      placement.assessment = { by: v('assessment.by'), at: v('assessment.at'), conclusion: v('assessment.conclusion') };
    }
    const saved = await call('intake', placement);
    go(`#/placering/${encodeURIComponent(saved.key)}`);
  });
  show(
    h('section', { class: 'page', id: 'intake-screen' },
      h('h1', {}, 'Ny intagning'),
      h('p', { class: 'lead' }, 'Fyll i det som är känt nu; resten kan läggas till på placeringens sida.'),
      form,
    ),
  );
  form.querySelector('#f-stays-0-search').focus();
}
