// "Fakturera t.o.m. DATUM": a preview of every invoice and credit note the run will make, then
// one click issues them all in one go. Running it again issues nothing new.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { kronor, today } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/invoicing.js';

const t = translator(TEXT);

/** The last day of the previous month, the usual run date. */
/** The last day of the month before today's (by the program's clock). */
function lastMonthEnd() {
  const [year, month] = today().split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}

/** What is to pay: the total less what earlier credit balances cover (exact, in hundredths). */
function toPay(inv) {
  const ore = (d) => { const [k, o = '00'] = d.replace('-', '').split('.'); return (d.startsWith('-') ? -1 : 1) * (Number(k) * 100 + Number(o.padEnd(2, '0'))); };
  const left = ore(inv.total) - (inv.prepaid ?? []).reduce((sum, o) => sum + ore(o.amount), 0);
  return `${left < 0 ? '-' : ''}${Math.floor(Math.abs(left) / 100)}.${String(Math.abs(left) % 100).padStart(2, '0')}`;
}

export function invoiceCard(inv, { draft = false } = {}) {
  const title = inv.number ? `${inv.number} · ` : '';
  const kind = { placement: t('kind.placement'), service_fee: t('kind.service_fee'), credit_note: t('kind.credit_note') }[inv.kind];
  return h('article', { class: `card${draft ? ' draft' : ''}`, 'data-invoice': inv.number ?? '' },
    h('h2', {}, `${title}${kind}: ${inv.buyer.name}`),
    h('p', { class: 'hint' },
      `${inv.placement ? `${t('card.placement', { placement: inv.placement })} · ` : ''}${inv.credits ? `${t('card.credits', { number: inv.credits })} · ` : ''}`,
      `${t('card.period', { from: inv.period_from, to: inv.period_to })}${inv.final_invoice ? ` · ${t('card.final')}` : ''}`),
    h('table', {},
      h('thead', {}, h('tr', {}, ...[t('column.what'), t('column.from'), t('column.to'), t('column.nights'), t('column.unit_price'), t('column.amount')].map((text, i) => h('th', { scope: 'col', class: i >= 3 ? 'money' : '' }, text)))),
      h('tbody', {}, ...inv.lines.map((l) => h('tr', {},
        h('td', {}, l.description),
        h('td', { class: 'nowrap' }, l.from),
        h('td', { class: 'nowrap' }, l.to),
        h('td', { class: 'money' }, l.nights ? String(l.nights) : ''),
        h('td', { class: 'money' }, kronor(l.unit_price)),
        h('td', { class: 'money' }, kronor(l.amount)))))),
    h('dl', { class: 'facts totals' },
      h('dt', {}, t('total.lines')), h('dd', {}, kronor(inv.lines_total)),
      h('dt', {}, t('total.rounding')), h('dd', {}, kronor(inv.rounding)),
      ...(inv.prepaid ?? []).flatMap((o) => [h('dt', {}, t('total.prepaid', { number: o.from })), h('dd', {}, `−${kronor(o.amount)}`)]),
      h('dt', { class: 'total-row' }, inv.kind === 'credit_note' ? t('total.to_credit') : t('total.to_pay')),
      h('dd', { class: 'total-row' }, kronor(toPay(inv)))),
  );
}

/** The issue button's text: how many invoices and credit notes the run will issue. */
function issueText(count, credits) {
  const one = count === 1;
  if (!credits) return one ? t('issue.one', { count }) : t('issue.other', { count });
  if (!count) return credits === 1 ? t('issue.credit_only.one', { credits }) : t('issue.credit_only.other', { credits });
  if (credits === 1) return one ? t('issue.one.credit', { count, credits }) : t('issue.other.credit', { count, credits });
  return one ? t('issue.one.credits', { count, credits }) : t('issue.other.credits', { count, credits });
}

/** The municipalities a run holds back, each with what is missing; nothing when none is. */
function heldBack(held) {
  if (!held.length) return null;
  return h('div', { class: 'notice', id: 'held-back', role: 'status' },
    h('p', {}, h('strong', {}, t('held_back.title'))),
    h('ul', {}, ...held.map((m) => h('li', { 'data-municipality': m.municipality }, m.message))),
    h('p', {}, t('held_back.what_to_do'), ' ', h('a', { href: '#/kommuner' }, t('held_back.link'))));
}

export async function invoicingScreen(go) {
  const result = h('div', { id: 'invoicing-result' });
  const form = h('form', { id: 'invoicing-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'through', label: t('field.through'), value: lastMonthEnd(), hint: t('field.through.hint') }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'preview' }, t('button.preview')))),
  );
  onSubmit(form, async () => {
    const through = String(valueOf(form, 'through')).trim();
    const preview = await call('invoice_preview', { through });
    const waiting = heldBack(preview.held_back);
    if (!preview.invoices.length) {
      result.replaceChildren(...[h('p', { id: 'nothing-to-invoice', class: 'status' },
        t('nothing', { date: through })), waiting].filter(Boolean));
      return;
    }
    const total = preview.invoices.filter((i) => i.kind !== 'credit_note').length;
    const credits = preview.invoices.length - total;
    const issue = h('button', { type: 'button', class: 'primary', id: 'issue' },
      issueText(total, credits));
    issue.addEventListener('click', async () => {
      issue.disabled = true;
      try {
        const { invoices: issued, held_back: held } = await call('invoice_issue', { through });
        toast(issued.length === 1 ? t('toast.issued.one', { count: issued.length }) : t('toast.issued.other', { count: issued.length }));
        result.replaceChildren(...[
          h('p', { class: 'status', id: 'issued' }, t('issued'), ...issued.flatMap((i, k) => [k ? ', ' : '',
            h('a', { href: `#/faktura/${encodeURIComponent(i.number)}` }, i.number)])),
          heldBack(held),
          ...issued.map((i) => invoiceCard(i))].filter(Boolean));
      } catch (err) {
        issue.disabled = false;
        toast(err.message);
      }
    });
    result.replaceChildren(...[
      h('p', { class: 'lead' }, t('preview.lead')),
      waiting,
      h('div', { class: 'actions' }, issue),
      ...preview.invoices.map((i) => invoiceCard(i, { draft: true }))].filter(Boolean));
  });
  show(
    h('section', { class: 'page', id: 'invoicing-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      form,
      result),
  );
  void go;
}
