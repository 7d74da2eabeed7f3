// The invoice register with status and filters, what each municipality owes, and one invoice
// with its payments and credit notes.

import { call } from '../api.js';
import { h, show, field, select, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { kronor, today } from '../format.js';
import { invoiceCard } from './invoicing.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/invoices.js';

const t = translator(TEXT);

const SHOWING = [
  { value: 'all', label: t('showing.all') },
  { value: 'open', label: t('showing.open') },
  { value: 'overdue', label: t('showing.overdue') },
  { value: 'paid', label: t('showing.paid') },
  { value: 'credited', label: t('showing.credited') },
  { value: 'credit_balances', label: t('showing.credit_balances') },
  { value: 'credit_notes', label: t('showing.credit_notes') },
];

// The filters go to the program, which reads only the invoices they choose: a store of many
// years lists as fast as a new one.
function filterOf(form) {
  const year = valueOf(form, 'year');
  const municipality = valueOf(form, 'municipality');
  return {
    year: year ? Number(year) : null,
    showing: valueOf(form, 'showing') || 'all',
    municipality: municipality || null,
  };
}

function invoiceRow(e) {
  return h('tr', { 'data-status': e.status },
    h('td', { class: 'nowrap' }, h('a', { href: `#/faktura/${encodeURIComponent(e.number)}` }, e.number)),
    h('td', {}, { placement: t('kind.placement'), service_fee: t('kind.service_fee'), credit_note: t('kind.credit_note') }[e.kind]),
    h('td', {}, e.buyer_name, e.e_invoice ? null : h('span', { class: 'badge warn', title: t('no_e_invoice.short') }, t('pdf_only'))),
    h('td', {}, e.placement ?? ''),
    h('td', { class: 'nowrap' }, e.issued),
    h('td', { class: 'nowrap' }, e.due),
    h('td', { class: 'money' }, kronor(e.total)),
    h('td', {}, h('span', { class: e.status === 'overdue' ? 'badge danger' : e.status === 'paid' ? 'badge ok' : 'badge' }, e.status_label)),
    h('td', { class: 'money' }, e.kind === 'credit_note' ? '' : kronor(e.outstanding)));
}

function countText(reg) {
  if (reg.matching === 0) return t('count.none');
  if (reg.matching > reg.rows.length) {
    return t('count.limited', { shown: reg.rows.length, matching: reg.matching });
  }
  return reg.matching === 1 ? t('count.one') : t('count.other', { count: reg.matching });
}

function monthForm() {
  const form = h('form', { id: 'month-form', class: 'filters', novalidate: true },
    formAlert(),
    field({ name: 'month', label: t('month.label'), value: today().slice(0, 7), hint: t('month.hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('month.button'))));
  onSubmit(form, async () => {
    const r = await call('invoices_save_month', { month: String(valueOf(form, 'month')).trim() });
    toast(r.saved ? t('month.saved', { file: r.file_name }) : t('nothing_saved'));
  });
  return form;
}

export async function invoicesScreen() {
  let reg = await call('invoices_list', { showing: 'all' });
  const body = h('tbody', {});
  const count = h('p', { id: 'invoice-count', class: 'hint', role: 'status' });
  const filters = h('form', { class: 'filters', id: 'invoice-filters' },
    select({ name: 'year', label: t('filter.year'), options: [{ value: '', label: t('filter.year.all') }, ...reg.years.map((y) => ({ value: String(y), label: String(y) }))] }),
    select({ name: 'showing', label: t('filter.status'), options: SHOWING, value: 'all' }),
    select({ name: 'municipality', label: t('filter.municipality'), options: [{ value: '', label: t('showing.all') },
      ...reg.municipalities.map(([value, label]) => ({ value, label }))] }));
  const render = () => {
    body.replaceChildren(...reg.rows.map(invoiceRow));
    count.textContent = countText(reg);
  };
  // Two quick changes ask twice; only the answer to the last question is shown, whichever
  // answer arrives last.
  let asked = 0;
  filters.addEventListener('change', async () => {
    const question = ++asked;
    const answer = await call('invoices_list', filterOf(filters));
    if (question !== asked) return;
    reg = answer;
    render();
  });
  render();
  show(
    h('section', { class: 'page', id: 'invoices-screen' },
      h('div', { class: 'page-head' },
        h('h1', {}, t('title')),
        h('a', { href: '#/fakturering', class: 'button-link primary' }, t('button.invoice'))),
      reg.last_through ? h('p', { class: 'hint' }, t('last_through', { date: reg.last_through })) : null,
      reg.balances.length ? section(t('balances.title'), h('table', { id: 'balances' },
        h('thead', {}, h('tr', {}, ...[t('balances.municipality'), t('balances.outstanding'), t('balances.overdue'), t('balances.invoices'), t('balances.credit')].map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, ...reg.balances.map((b) => h('tr', { 'data-municipality': b.municipality },
          h('td', {}, b.name), h('td', { class: 'money' }, kronor(b.outstanding)),
          h('td', { class: 'money' }, kronor(b.overdue)), h('td', {}, String(b.invoices_unpaid)),
          h('td', { class: 'money' }, b.credit === '0.00' ? '' : kronor(b.credit))))))) : null,
      filters,
      monthForm(),
      reg.years.length
        ? h('div', {}, count, h('table', { id: 'invoice-list' },
          h('thead', {}, h('tr', {}, ...[t('column.number'), t('column.kind'), t('column.municipality'), t('column.placement'), t('column.date'), t('column.due'),
            t('column.amount'), t('column.status'), t('column.outstanding')].map((text) => h('th', { scope: 'col' }, text)))),
          body))
        : h('p', {}, t('none_yet')),
    ),
  );
}

function creditConfirmation(e, number) {
  const preview = h('div', { id: 'credit-preview' });
  const form = h('form', { id: 'credit-form', novalidate: true },
    formAlert(),
    preview,
    field({ name: 'reason', label: t('credit.reason'), hint: t('credit.reason.hint'), required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'credit' }, t('credit.button'))));
  onSubmit(form, async () => {
    const reason = String(valueOf(form, 'reason')).trim();
    if (!reason) throw { field: 'reason', message: t('credit.reason.missing') };
    const note = await call('invoice_credit', { number, reason });
    toast(t('credit.done', { number: note.number }));
    location.hash = `#/faktura/${encodeURIComponent(note.number)}`;
  });
  const details = h('details', { class: 'row-action', id: 'credit-details' },
    h('summary', {}, t('credit.summary')),
    h('p', {}, t('credit.text')),
    form);
  details.addEventListener('toggle', async () => {
    if (!details.open || preview.childElementCount) return;
    try {
      const note = await call('invoice_credit_preview', { number });
      const paid = e.paid !== '0.00';
      preview.replaceChildren(...[
        h('p', { id: 'credit-what' }, t('credit.what', { total: kronor(note.total) })),
        paid ? h('p', { class: 'notice', id: 'credit-leaves-balance' }, t('credit.paid', { paid: kronor(e.paid) })) : null,
        invoiceCard(note, { draft: true })].filter(Boolean));
    } catch (err) {
      preview.replaceChildren(h('p', { class: 'problem', role: 'alert' }, err.message));
    }
  });
  return details;
}

function creditBalance(e, number, reload) {
  const settled = e.settlements.map((x) => h('li', {}, x.kind === 'refund'
    ? t('balance.refunded', { amount: kronor(x.amount), date: x.on })
    : t('balance.taken_off', { amount: kronor(x.amount), invoice: x.invoice })));
  const open = e.credit_balance !== '0.00';
  const refundForm = open ? h('form', { id: 'refund-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'amount', label: t('refund.amount'), value: e.credit_balance.replace('.', ',') }),
      field({ name: 'date', label: t('refund.date'), value: today() }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('refund.button'))))) : null;
  if (refundForm) {
    onSubmit(refundForm, async () => {
      await call('invoice_refund', { number, amount: String(valueOf(refundForm, 'amount')), date: String(valueOf(refundForm, 'date')) });
      toast(t('refund.done'));
      await reload();
    });
  }
  const offset = open ? (e.offset_requested
    ? h('p', { id: 'offset-requested' }, t('offset.requested'))
    : h('div', { class: 'actions' }, h('button', { type: 'button', id: 'offset', onclick: async () => {
      try {
        await call('invoice_offset', { number });
        toast(t('offset.done'));
        await reload();
      } catch (err) {
        toast(err.message);
      }
    } }, t('offset.button')))) : null;
  return h('div', { id: 'credit-balance', class: open ? 'notice' : '' },
    h('p', {}, open ? t('balance.open', { amount: kronor(e.credit_balance) }) : t('balance.settled')),
    settled.length ? h('ul', { class: 'plain' }, ...settled) : null,
    open ? h('p', {}, t('balance.what_to_do')) : null,
    refundForm, offset);
}

export async function invoiceScreen(number) {
  const e = await call('invoice_view', { number });
  const reload = () => invoiceScreen(number);
  const payForm = e.kind !== 'credit_note' && e.outstanding !== '0.00' ? h('form', { id: 'pay-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'amount', label: t('pay.amount'), value: e.outstanding.replace('.', ',') }),
      field({ name: 'date', label: t('pay.date'), value: today() }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('pay.button'))))) : null;
  if (payForm) {
    onSubmit(payForm, async () => {
      await call('invoice_pay', { number, amount: String(valueOf(payForm, 'amount')), date: String(valueOf(payForm, 'date')) });
      toast(t('pay.done'));
      await reload();
    });
  }
  // Crediting asks first: the credit note that will be issued, whether it leaves a credit balance
  // (a paid invoice), and why (kept with it, never printed on it).
  const creditable = e.kind !== 'credit_note' && e.status !== 'credited' && e.status !== 'credit_balance';
  const creditForm = creditable ? creditConfirmation(e, number) : null;
  const balance = e.kind !== 'credit_note' && (e.credit_balance !== '0.00' || e.settlements.length)
    ? creditBalance(e, number, reload) : null;
  const act = (id, label, command, input, done) => h('button', { type: 'button', id, onclick: async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const result = await call(command, input);
      if (done) toast(done(result));
    } catch (err) {
      toast(err.message);
    } finally {
      button.disabled = false;
    }
  } }, label);
  const saved = (r) => (r.saved ? t('saved', { file: r.file_name }) : t('nothing_saved'));
  const actions = h('div', { class: 'actions', id: 'document-actions' },
    act('print', t('print.button'), 'invoice_print', { number }, () => t('print.done')),
    act('save-pdf', t('save_pdf.button'), 'invoice_save', { number, format: 'pdf' }, saved),
    e.e_invoice ? act('save-xml', t('save_xml.button'), 'invoice_save', { number, format: 'xml' }, saved) : null,
    e.status === 'overdue' ? act('reminder', t('reminder.button'), 'invoice_reminder', { number }, saved) : null);
  show(
    h('section', { class: 'page', id: 'invoice-screen', 'data-number': number },
      h('div', { class: 'page-head' },
        h('h1', {}, t('invoice.title', { number })),
        h('span', { class: e.status === 'overdue' ? 'badge danger' : e.status === 'paid' ? 'badge ok' : 'badge', id: 'invoice-status' }, e.status_label)),
      h('dl', { class: 'facts' },
        h('dt', {}, t('fact.buyer')), h('dd', {}, `${e.buyer.name} (${e.buyer.org_number}), ${e.buyer.address || t('fact.buyer.no_address')}`),
        h('dt', {}, t('fact.buyer_reference')), h('dd', {}, e.buyer_reference || '–'),
        h('dt', {}, t('fact.placement_reference')), h('dd', {}, e.placement_reference || '–'),
        h('dt', {}, t('fact.issued')), h('dd', {}, e.issued),
        h('dt', {}, t('fact.due')), h('dd', {}, e.due),
        h('dt', {}, t('fact.ocr')), h('dd', { class: 'mono' }, e.ocr),
        h('dt', {}, t('fact.bankgiro')), h('dd', {}, e.seller.bankgiro),
        h('dt', {}, t('fact.vat')), h('dd', {}, e.vat_exemption)),
      actions,
      e.e_invoice ? null : h('p', { class: 'notice', id: 'no-e-invoice' }, t('no_e_invoice', { name: e.buyer.name })),
      invoiceCard(e),
      e.kind !== 'credit_note' ? section(t('payments.title'),
        h('p', { id: 'invoice-account' }, t('payments.account', { paid: kronor(e.paid), credited: kronor(e.credited), outstanding: kronor(e.outstanding) })),
        e.payments.length ? h('ul', { class: 'plain' }, ...e.payments.map((p) => h('li', {}, `${p.paid_on}: ${kronor(p.amount)}`))) : null,
        e.credit_notes.length ? h('p', {}, t('payments.credit_notes'), ...e.credit_notes.flatMap((n, k) => [k ? ', ' : '', h('a', { href: `#/faktura/${encodeURIComponent(n)}` }, n)])) : null,
        payForm, balance, creditForm) : null,
    ),
  );
}
