// New intake, at any hour: the woman (found if she has been here before), the children who come
// with her (each may arrive later), the placement and the documented protection assessment.
// One save; every problem is shown beside its field and nothing is saved until all is right.

import { call } from '../api.js';
import { h, show, field, select, textarea, checkbox, formAlert, onSubmit, valueOf } from '../dom.js';
import { personFields } from './person-fields.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/intake.js';

const t = translator(TEXT);
const NEW = '__ny';

export async function intakeScreen(go) {
  // The last choice of the municipality list: one the register does not have yet.
  const newMunicipality = field({ name: 'new_municipality', label: t('field.new_municipality'), hint: t('field.new_municipality_hint') });
  const cat = await call('catalogue');
  const acuteRoom = cat.rooms.find((r) => r.acute);
  const adult = personFields('stays.0.', { title: t('person.woman'), adult: true, genders: cat.kinds.gender });
  const children = [];
  const childList = h('div', { class: 'children' });
  const addChild = () => {
    const index = children.length + 1;
    const child = personFields(`stays.${index}.`, { title: t('person.child', { number: index }), withIn: true, inValue: valueOf(form, 'arrived'), withDecision: true, genders: cat.kinds.gender });
    children.push(child);
    childList.append(child.element);
    child.element.querySelector('input[type="search"]').focus();
  };
  const form = h('form', { id: 'intake-form', novalidate: true },
    formAlert(),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('section.arrival')),
      h('div', { class: 'row' },
        field({ name: 'arrived', label: t('field.arrived'), value: cat.now_local, hint: t('field.arrived_hint') }),
        select({ name: 'arrival_route', label: t('field.arrival_route'), placeholder: t('choose'), options: cat.kinds.arrival_route.filter((o) => o.value !== 'ej_angivet') }),
        select({ name: 'transported_by', label: t('field.transported_by'), placeholder: t('choose'), options: cat.kinds.transported_by.filter((o) => o.value !== 'ej_angivet') }),
      ),
    ),
    adult.element,
    childList,
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'add-child', onclick: addChild }, t('button.add_child'))),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('section.placement')),
      h('div', { class: 'row' },
        select({ name: 'municipality', label: t('field.municipality'), options: [...cat.municipalities.map((m) => ({ value: m.key, label: m.name })), { value: NEW, label: t('field.municipality_new') }], value: cat.municipalities.length ? 'boras' : NEW }),
        newMunicipality,
        field({ name: 'reference', label: t('field.reference'), hint: t('field.reference_hint'), required: true }),
        field({ name: 'yy_code', label: t('field.yy_code'), hint: t('field.yy_code_hint') }),
      ),
      h('div', { class: 'row' },
        select({ name: 'violence', label: t('field.violence'), placeholder: t('choose'), options: cat.kinds.violence }),
        select({ name: 'room', label: t('field.room'), placeholder: t('field.room_none'), options: cat.rooms.map((r) => ({ value: r.key, label: r.acute ? t('room.acute', { name: r.name }) : r.name })), value: acuteRoom?.key ?? '' }),
      ),
      checkbox({ name: 'acute', label: t('field.acute'), checked: true }),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('section.assessment')),
      h('p', { class: 'hint' }, t('assessment.hint')),
      h('div', { class: 'row' },
        select({ name: 'assessment.by', label: t('field.assessment_by'), placeholder: t('field.assessment_none'), options: cat.kinds.assessor }),
        field({ name: 'assessment.at', label: t('field.assessment_at'), hint: t('field.assessment_at_hint') }),
      ),
      textarea({ name: 'assessment.conclusion', label: t('field.conclusion') }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-intake' }, t('button.save'))),
  );
  const municipalityList = form.querySelector('[name="municipality"]');
  const showNew = () => { newMunicipality.hidden = municipalityList.value !== NEW; };
  municipalityList.addEventListener('change', showNew);
  showNew();
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const arrived = v('arrived');
    if (!arrived) throw { field: 'arrived', message: t('error.arrived') };
    const adultStay = { ...adult.values(form), category: 'adult', in: arrived };
    const childStays = children.map((c) => ({ ...c.values(form), category: 'child' }));
    // A municipality the register lacks is named here and added with the intake, incomplete.
    const isNew = v('municipality') === NEW;
    if (isNew && !v('new_municipality')) throw { field: 'new_municipality', message: t('error.new_municipality') };
    const placement = {
      municipality: isNew ? '' : v('municipality'),
      new_municipality: isNew ? v('new_municipality') : null,
      reference: v('reference'),
      yy_code: v('yy_code'),
      acute: valueOf(form, 'acute'),
      room: v('room') || null,
      arrived,
      stays: [adultStay, ...childStays],
    };
    for (const name of ['violence', 'arrival_route', 'transported_by']) {
      if (!v(name)) throw { field: name, message: t('error.choose') };
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
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      form,
    ),
  );
  form.querySelector('#f-stays-0-search').focus();
}
