// Support contacts of the open counselling and the jour's telephone and chat: recorded in
// seconds and never named. The menu reaches this screen from every other (Alt+K); the form is
// the first thing after the heading, and after saving it is ready for the next call.

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { today } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/support.js';
import { strikeCell } from './strike.js';

const t = translator(TEXT);

function label(list, value) {
  return list.find((o) => o.value === value)?.label ?? value;
}

function table(contacts, kinds) {
  if (!contacts.length) return h('p', {}, t('empty'));
  return h('table', { id: 'support-list' },
    h('thead', {}, h('tr', {}, ...[t('column.date'), t('field.channel'), t('field.group'), t('field.topics'), t('field.minutes'), t('field.by'), t('column.strike')]
      .map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...contacts.map((c) => h('tr', { class: c.struck ? 'struck' : '', 'data-id': c.id },
      h('td', { class: 'nowrap value' }, c.date),
      h('td', { class: 'value' }, label(kinds.channel, c.channel)),
      h('td', { class: 'value' }, label(kinds.contact_group, c.group)),
      h('td', { class: 'value' }, c.topics.map((x) => label(kinds.topic, x)).join(', ')),
      h('td', { class: 'value' }, c.minutes === undefined || c.minutes === null ? '–' : String(c.minutes)),
      h('td', { class: 'value' }, label(kinds.taken_by, c.by)),
      strikeCell('strike_support_contact', c, supportScreen)))));
}

export async function supportScreen() {
  const [cat, contacts] = await Promise.all([call('catalogue'), call('support_contacts_list')]);
  const kinds = cat.kinds;
  const form = h('form', { id: 'support-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'date', label: t('field.date'), value: today(), hint: t('date_hint') }),
      select({ name: 'channel', label: t('field.channel'), options: kinds.channel }),
      select({ name: 'group', label: t('field.group'), options: kinds.contact_group, value: 'kvinna' })),
    h('fieldset', { class: 'checks' }, h('legend', {}, t('field.topics')),
      ...kinds.topic.map((o) => checkbox({ name: `topic.${o.value}`, label: o.label })),
      h('p', { class: 'field-error', 'data-error-for': 'topics' })),
    h('div', { class: 'row' },
      field({ name: 'minutes', label: t('field.minutes'), attrs: { inputmode: 'numeric' } }),
      select({ name: 'by', label: t('field.by'), options: kinds.taken_by }),
      field({ name: 'person', label: t('field.person'), hint: t('field.person_hint') })),
    h('button', { type: 'submit', class: 'primary', id: 'save-support' }, t('button.save')));
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    let minutes = null;
    if (v('minutes')) {
      minutes = Number(v('minutes'));
      if (!Number.isInteger(minutes) || minutes < 0) throw { field: 'minutes', message: t('error.minutes') };
    }
    const topics = kinds.topic.map((o) => o.value).filter((x) => valueOf(form, `topic.${x}`));
    await call('add_support_contact', {
      date: v('date'), channel: v('channel'), group: v('group'), topics, minutes, by: v('by'), person: v('person') || null,
    });
    toast(t('toast.saved'));
    await supportScreen();
  });
  show(
    h('section', { class: 'page', id: 'support-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      section(t('section.new'), form),
      section(t('section.latest'), table(contacts, kinds)),
    ),
  );
}
