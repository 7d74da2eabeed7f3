// Requests refused for lack of space: counts only, never who asked.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { today } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/requests.js';

const t = translator(TEXT);

export async function requestsScreen() {
  const list = await call('refused_requests_list');
  const form = h('form', { id: 'request-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'requested_on', label: t('label.date'), value: today() }),
      field({ name: 'women', label: t('label.women'), value: '1', attrs: { inputmode: 'numeric' } }),
      field({ name: 'children', label: t('label.children'), value: '0', attrs: { inputmode: 'numeric' } }),
      field({ name: 'note', label: t('field.note'), hint: t('field.note_hint') })),
    h('button', { type: 'submit', class: 'primary' }, t('button.register')),
  );
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const count = (n) => {
      const x = Number(v(n));
      if (!Number.isInteger(x) || x < 0) throw { field: n, message: t('error.count') };
      return x;
    };
    await call('add_refused_request', { requested_on: v('requested_on'), women: count('women'), children: count('children'), note: v('note') });
    toast(t('toast.saved'));
    await requestsScreen();
  });
  show(
    h('section', { class: 'page', id: 'requests-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      section(t('section.new'), form),
      section(t('section.log'), list.length
        ? h('table', {}, h('thead', {}, h('tr', {}, ...[t('label.date'), t('label.women'), t('label.children'), t('column.note')].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, ...list.map((r) => h('tr', {}, h('td', {}, r.requested_on), h('td', {}, String(r.women)), h('td', {}, String(r.children)), h('td', {}, r.note)))))
        : h('p', {}, t('empty'))),
    ),
  );
}
