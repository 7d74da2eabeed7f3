// The invoice register with status and filters, what each municipality owes, and one invoice
// with its payments and credit notes.

import { call } from '../api.js';
import { h, show, field, select, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { kronor, today } from '../format.js';
import { invoiceCard } from './invoicing.js';

const SHOWING = [
  { value: 'all', label: 'Alla' },
  { value: 'open', label: 'Obetalda (även förfallna)' },
  { value: 'overdue', label: 'Förfallna' },
  { value: 'paid', label: 'Betalda' },
  { value: 'credited', label: 'Krediterade' },
  { value: 'credit_notes', label: 'Kreditfakturor' },
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
    h('td', {}, { placement: 'Placering', service_fee: 'Serviceavgift', credit_note: 'Kredit' }[e.kind]),
    h('td', {}, e.buyer_name),
    h('td', {}, e.placement ?? ''),
    h('td', { class: 'nowrap' }, e.issued),
    h('td', { class: 'nowrap' }, e.due),
    h('td', { class: 'money' }, kronor(e.total)),
    h('td', {}, h('span', { class: e.status === 'overdue' ? 'badge danger' : e.status === 'paid' ? 'badge ok' : 'badge' }, e.status_label)),
    h('td', { class: 'money' }, e.kind === 'credit_note' ? '' : kronor(e.outstanding)));
}

function countText(reg) {
  if (reg.matching === 0) return 'Inga fakturor motsvarar urvalet.';
  if (reg.matching > reg.rows.length) {
    return `Visar de ${reg.rows.length} senaste av ${reg.matching} fakturor. Välj år, status eller kommun för att se andra.`;
  }
  return reg.matching === 1 ? '1 faktura.' : `${reg.matching} fakturor.`;
}

function monthForm() {
  const form = h('form', { id: 'month-form', class: 'filters', novalidate: true },
    formAlert(),
    field({ name: 'month', label: 'Spara en månads fakturor i en mapp', value: today().slice(0, 7), hint: 'ÅÅÅÅ-MM: PDF och e-faktura för varje faktura och kreditfaktura.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Välj mapp …')));
  onSubmit(form, async () => {
    const r = await call('invoices_save_month', { month: String(valueOf(form, 'month')).trim() });
    toast(r.saved ? `Sparat i ${r.file_name}.` : 'Inget sparades.');
  });
  return form;
}

export async function invoicesScreen() {
  let reg = await call('invoices_list', { showing: 'all' });
  const body = h('tbody', {});
  const count = h('p', { id: 'invoice-count', class: 'hint', role: 'status' });
  const filters = h('form', { class: 'filters', id: 'invoice-filters' },
    select({ name: 'year', label: 'År', options: [{ value: '', label: 'Alla år' }, ...reg.years.map((y) => ({ value: String(y), label: String(y) }))] }),
    select({ name: 'showing', label: 'Status', options: SHOWING, value: 'all' }),
    select({ name: 'municipality', label: 'Kommun', options: [{ value: '', label: 'Alla' },
      ...reg.municipalities.map(([value, label]) => ({ value, label }))] }));
  const render = () => {
    body.replaceChildren(...reg.rows.map(invoiceRow));
    count.textContent = countText(reg);
  };
  filters.addEventListener('change', async () => {
    reg = await call('invoices_list', filterOf(filters));
    render();
  });
  render();
  show(
    h('section', { class: 'page', id: 'invoices-screen' },
      h('div', { class: 'page-head' },
        h('h1', {}, 'Fakturor'),
        h('a', { href: '#/fakturering', class: 'button-link primary' }, 'Fakturera')),
      reg.last_through ? h('p', { class: 'hint' }, `Senaste fakturering gjordes t.o.m. ${reg.last_through}.`) : null,
      reg.balances.length ? section('Att få betalt', h('table', { id: 'balances' },
        h('thead', {}, h('tr', {}, ...['Kommun', 'Obetalt', 'Varav förfallet', 'Fakturor'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...reg.balances.map((b) => h('tr', {},
          h('td', {}, b.name), h('td', { class: 'money' }, kronor(b.outstanding)),
          h('td', { class: 'money' }, kronor(b.overdue)), h('td', {}, String(b.invoices_unpaid))))))) : null,
      filters,
      monthForm(),
      reg.years.length
        ? h('div', {}, count, h('table', { id: 'invoice-list' },
          h('thead', {}, h('tr', {}, ...['Nummer', 'Slag', 'Kommun', 'Placering', 'Datum', 'Förfaller', 'Belopp', 'Status', 'Kvar'].map((t) => h('th', { scope: 'col' }, t)))),
          body))
        : h('p', {}, 'Inga fakturor ännu.'),
    ),
  );
}

export async function invoiceScreen(number) {
  const e = await call('invoice_view', { number });
  const reload = () => invoiceScreen(number);
  const payForm = e.kind !== 'credit_note' && e.outstanding !== '0.00' ? h('form', { id: 'pay-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'amount', label: 'Belopp (kr)', value: e.outstanding.replace('.', ',') }),
      field({ name: 'date', label: 'Betalningsdag', value: today() }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Registrera betalningen')))) : null;
  if (payForm) {
    onSubmit(payForm, async () => {
      await call('invoice_pay', { number, amount: String(valueOf(payForm, 'amount')), date: String(valueOf(payForm, 'date')) });
      toast('Betalningen är registrerad.');
      await reload();
    });
  }
  const creditable = e.kind !== 'credit_note' && e.status !== 'credited';
  const creditForm = creditable ? h('details', { class: 'row-action' },
    h('summary', {}, 'Kreditera fakturan'),
    h('p', {}, 'En kreditfaktura tar bort det som återstår av fakturan ur bokföringen. Nätter som fortfarande ska betalas faktureras igen vid nästa fakturering, med de uppgifter som gäller då.'),
    h('button', { type: 'button', id: 'credit', onclick: async () => {
      try {
        const note = await call('invoice_credit', { number });
        toast(`Kreditfaktura ${note.number} är utfärdad.`);
        location.hash = `#/faktura/${encodeURIComponent(note.number)}`;
      } catch (err) {
        toast(err.message);
      }
    } }, 'Utfärda kreditfaktura')) : null;
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
  const saved = (r) => (r.saved ? `Sparat: ${r.file_name}` : 'Inget sparades.');
  const actions = h('div', { class: 'actions', id: 'document-actions' },
    act('print', 'Skriv ut', 'invoice_print', { number }, () => 'Fakturan är öppnad i PDF-visaren; skriv ut därifrån.'),
    act('save-pdf', 'Spara PDF …', 'invoice_save', { number, format: 'pdf' }, saved),
    act('save-xml', 'Spara e-faktura …', 'invoice_save', { number, format: 'xml' }, saved),
    e.status === 'overdue' ? act('reminder', 'Påminnelse …', 'invoice_reminder', { number }, saved) : null);
  show(
    h('section', { class: 'page', id: 'invoice-screen', 'data-number': number },
      h('div', { class: 'page-head' },
        h('h1', {}, `Faktura ${number}`),
        h('span', { class: e.status === 'overdue' ? 'badge danger' : e.status === 'paid' ? 'badge ok' : 'badge', id: 'invoice-status' }, e.status_label)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Köpare'), h('dd', {}, `${e.buyer.name} (${e.buyer.org_number}), ${e.buyer.address || 'adress saknas'}`),
        h('dt', {}, 'Er referens'), h('dd', {}, e.buyer_reference || '–'),
        h('dt', {}, 'Placeringens referens'), h('dd', {}, e.placement_reference || '–'),
        h('dt', {}, 'Fakturadatum'), h('dd', {}, e.issued),
        h('dt', {}, 'Förfallodag'), h('dd', {}, e.due),
        h('dt', {}, 'OCR'), h('dd', { class: 'mono' }, e.ocr),
        h('dt', {}, 'Bankgiro'), h('dd', {}, e.seller.bankgiro),
        h('dt', {}, 'Moms'), h('dd', {}, e.vat_exemption)),
      actions,
      invoiceCard(e),
      e.kind !== 'credit_note' ? section('Betalningar',
        h('p', { id: 'invoice-account' }, `Betalt ${kronor(e.paid)} · krediterat ${kronor(e.credited)} · kvar att betala ${kronor(e.outstanding)}`),
        e.payments.length ? h('ul', { class: 'plain' }, ...e.payments.map((p) => h('li', {}, `${p.paid_on}: ${kronor(p.amount)}`))) : null,
        e.credit_notes.length ? h('p', {}, 'Kreditfakturor: ', ...e.credit_notes.flatMap((n, k) => [k ? ', ' : '', h('a', { href: `#/faktura/${encodeURIComponent(n)}` }, n)])) : null,
        payForm, creditForm) : null,
    ),
  );
}
