// The municipality register: the buyers on invoices, with price class and the IOP acute clause.
// A change of an existing municipality's terms is dated: the form asks from when it applies (by
// default the first night not yet invoiced to it), and shows what the next invoicing run will and
// will not do because of it before anything is saved.

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { kronor } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/municipalities.js';

const t = translator(TEXT);

const dayBefore = (iso) => new Date(Date.parse(`${iso}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);

/** The terms a change records, as a sentence per change. */
function changeText(c) {
  const value = c.term === 'price_class'
    ? (c.value === 'iop' ? t('row.iop') : t('row.standard'))
    : (c.value === 'true' ? t('terms.clause_yes') : t('terms.clause_no'));
  const term = c.term === 'price_class' ? t('column.price_class') : t('column.acute_clause');
  const from = c.from ? t('terms.from', { date: c.from }) : t('terms.from_start');
  return `${term}: ${value} ${from}${c.reason ? ` (${c.reason})` : ''}`;
}

export async function municipalitiesScreen() {
  // Shown again after a save: if the user has gone elsewhere meanwhile, stay there.
  const here = location.hash;
  const list = await call('municipalities_list');
  if (location.hash !== here) return;
  let editing = null; // the municipality being changed, as listed, and its terms
  const effect = h('div', { id: 'terms-effect', 'aria-live': 'polite' });
  const history = h('ul', { class: 'plain', id: 'terms-history' });
  const reprice = checkbox({ name: 'reprice', label: t('terms.reprice') });
  const termsBox = h('fieldset', { class: 'group', id: 'terms-change', hidden: true },
    h('legend', {}, t('terms.legend')),
    history,
    h('div', { class: 'row' },
      field({ name: 'terms_from', label: t('terms.field.from'), hint: t('terms.field.from.hint') }),
      field({ name: 'terms_reason', label: t('terms.field.reason'), required: true })),
    reprice,
    effect);
  const form = h('form', { id: 'municipality-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'key', label: t('field.key'), hint: t('field.key.hint') }),
      field({ name: 'name', label: t('field.name') }),
      field({ name: 'org_number', label: t('field.org_number') })),
    h('div', { class: 'row' },
      field({ name: 'address', label: t('field.address') }),
      field({ name: 'peppol_id', label: t('field.peppol_id'), hint: t('field.peppol_id.hint') }),
      field({ name: 'buyer_reference', label: t('field.buyer_reference'), hint: t('field.buyer_reference.hint') })),
    h('div', { class: 'row' },
      select({ name: 'price_class', label: t('field.price_class'), options: [
        { value: 'iop', label: t('price_class.iop') },
        { value: 'standard', label: t('price_class.standard') }] })),
    checkbox({ name: 'acute_clause', label: t('field.acute_clause') }),
    termsBox,
    h('button', { type: 'submit', class: 'primary' }, t('button.save')),
  );
  const v = (n) => String(valueOf(form, n)).trim();
  const input = () => ({
    municipality: {
      key: v('key'), name: v('name'), org_number: v('org_number'), address: v('address'), peppol_id: v('peppol_id'),
      price_class: v('price_class'), acute_clause: valueOf(form, 'acute_clause'), buyer_reference: v('buyer_reference'),
    },
    terms_from: v('terms_from'),
    terms_reason: v('terms_reason'),
    reprice: valueOf(form, 'reprice'),
  });
  const termsChanged = () => editing && editing.m.key === v('key')
    && (editing.m.price_class !== v('price_class') || editing.m.acute_clause !== valueOf(form, 'acute_clause'));

  // What the change does, asked of the program whenever the terms or their date change.
  // Only the latest question's answer is shown, and the same question is not asked twice: the
  // answer replaces the last one in place, so nothing moves under a pointer on its way to «Save».
  let asked = 0;
  let lastQuestion = '';
  const showEffect = async () => {
    const changed = termsChanged();
    termsBox.hidden = !changed;
    if (!changed) return;
    const question = JSON.stringify({ ...input(), terms_reason: '' });
    if (question === lastQuestion) return;
    lastQuestion = question;
    const mine = ++asked;
    const first = editing.terms.from;
    const from = v('terms_from') || first;
    reprice.hidden = !(first && from && from < first);
    effect.setAttribute('aria-busy', 'true');
    try {
      const e = await call('municipality_change_preview', input());
      if (mine !== asked) return;
      const kept = h('p', { id: 'terms-effect-kept' }, from
        ? t('terms.keeps', { last: dayBefore(from), from })
        : t('terms.nothing_invoiced'));
      const docs = [...e.credit_notes.map((i) => h('li', {}, t('terms.credit', { number: i.credits, total: kronor(i.total) }))),
        ...e.invoices.map((i) => h('li', {}, t('terms.invoice', { placement: i.placement ?? '', from: i.period_from, to: i.period_to, total: kronor(i.total) })))];
      effect.replaceChildren(...[kept,
        e.credit_notes.length ? null : h('p', { id: 'terms-effect-none' }, t('terms.no_credit')),
        docs.length
          ? h('div', { class: e.credit_notes.length ? 'notice' : '', id: 'terms-effect-documents' },
            h('p', {}, t('terms.next_run')), h('ul', {}, ...docs))
          : null].filter(Boolean));
    } catch (err) {
      if (mine === asked) effect.replaceChildren(h('p', { class: 'problem', role: 'alert' }, err.message));
    } finally {
      if (mine === asked) effect.removeAttribute('aria-busy');
    }
  };
  for (const name of ['price_class', 'acute_clause', 'terms_from', 'reprice']) {
    form.querySelector(`[name="${name}"]`).addEventListener('change', showEffect);
  }
  // The date is asked about as it is typed (once a whole date is there).
  let typing;
  form.querySelector('[name="terms_from"]').addEventListener('input', (event) => {
    clearTimeout(typing);
    const text = event.target.value.trim();
    if (text === '' || /^\d{4}-\d{2}-\d{2}$/.test(text)) typing = setTimeout(showEffect, 300);
  });

  const fill = async (m) => {
    for (const k of ['key', 'name', 'org_number', 'address', 'peppol_id', 'buyer_reference', 'price_class']) form.querySelector(`[name="${k}"]`).value = m[k];
    form.querySelector('[name="acute_clause"]').checked = m.acute_clause;
    const terms = await call('municipality_terms', { key: m.key });
    editing = { m, terms };
    lastQuestion = '';
    form.querySelector('[name="terms_from"]').value = terms.from ?? '';
    form.querySelector('[name="terms_reason"]').value = '';
    form.querySelector('[name="reprice"]').checked = false;
    history.replaceChildren(...terms.changes.map((c) => h('li', {}, changeText(c))));
    termsBox.hidden = true;
    effect.replaceChildren();
    form.querySelector('[name="name"]').focus();
  };
  onSubmit(form, async () => {
    await call('save_municipality', input());
    toast(t('toast.saved'));
    await municipalitiesScreen();
  });
  show(
    h('section', { class: 'page', id: 'municipalities-screen' },
      h('h1', {}, t('title')),
      h('table', {},
        h('thead', {}, h('tr', {}, ...[t('column.name'), t('column.key'), t('column.org_number'), t('column.price_class'), t('column.acute_clause'), t('column.peppol_id'), '']
          .map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, ...list.map((m) => h('tr', { 'data-key': m.key },
          h('td', {}, m.name), h('td', {}, m.key), h('td', {}, m.org_number),
          h('td', {}, m.price_class === 'iop' ? t('row.iop') : t('row.standard')), h('td', {}, m.acute_clause ? t('row.yes') : t('row.no')),
          h('td', {}, m.peppol_id || '–'),
          h('td', {}, h('button', { type: 'button', class: 'quiet small', onclick: () => fill(m) }, t('button.edit'))))))),
      section(t('section.edit'), form),
    ),
  );
}
