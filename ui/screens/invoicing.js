// "Fakturera t.o.m. DATUM": a preview of every invoice and credit note the run will make, then
// one click issues them all in one go. Running it again issues nothing new.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { kronor } from '../format.js';

/** The last day of the previous month, the usual run date. */
function lastMonthEnd() {
  const now = new Date();
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 0));
  return d.toISOString().slice(0, 10);
}

export function invoiceCard(inv, { draft = false } = {}) {
  const title = inv.number ? `${inv.number} · ` : '';
  const kind = { placement: 'Placering', service_fee: 'Serviceavgift', credit_note: 'Kreditfaktura' }[inv.kind];
  return h('article', { class: `card${draft ? ' draft' : ''}`, 'data-invoice': inv.number ?? '' },
    h('h2', {}, `${title}${kind}: ${inv.buyer.name}`),
    h('p', { class: 'hint' },
      `${inv.placement ? `Placering ${inv.placement} · ` : ''}${inv.credits ? `Krediterar ${inv.credits} · ` : ''}`,
      `Period ${inv.period_from} – ${inv.period_to}${inv.final_invoice ? ' · slutfaktura' : ''}`),
    h('table', {},
      h('thead', {}, h('tr', {}, ...['Vad', 'Från', 'Till', 'Nätter', 'À-pris', 'Belopp'].map((t, i) => h('th', { scope: 'col', class: i >= 3 ? 'money' : '' }, t)))),
      h('tbody', {}, ...inv.lines.map((l) => h('tr', {},
        h('td', {}, l.description),
        h('td', { class: 'nowrap' }, l.from),
        h('td', { class: 'nowrap' }, l.to),
        h('td', { class: 'money' }, l.nights ? String(l.nights) : ''),
        h('td', { class: 'money' }, kronor(l.unit_price)),
        h('td', { class: 'money' }, kronor(l.amount)))))),
    h('dl', { class: 'facts totals' },
      h('dt', {}, 'Summa rader'), h('dd', {}, kronor(inv.lines_total)),
      h('dt', {}, 'Öresavrundning'), h('dd', {}, kronor(inv.rounding)),
      h('dt', { class: 'total-row' }, 'Att betala'), h('dd', { class: 'total-row' }, kronor(inv.total))),
  );
}

export async function invoicingScreen(go) {
  const result = h('div', { id: 'invoicing-result' });
  const form = h('form', { id: 'invoicing-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'through', label: 'Fakturera t.o.m.', value: lastMonthEnd(), hint: 'ÅÅÅÅ-MM-DD. Nätter och serviceavgifter t.o.m. detta datum.' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'preview' }, 'Förhandsgranska'))),
  );
  onSubmit(form, async () => {
    const through = String(valueOf(form, 'through')).trim();
    const preview = await call('invoice_preview', { through });
    if (!preview.invoices.length) {
      result.replaceChildren(h('p', { id: 'nothing-to-invoice', class: 'status' },
        `Inget att fakturera t.o.m. ${through}: allt är redan fakturerat.`));
      return;
    }
    const total = preview.invoices.filter((i) => i.kind !== 'credit_note').length;
    const credits = preview.invoices.length - total;
    const issue = h('button', { type: 'button', class: 'primary', id: 'issue' },
      `Utfärda ${total} ${total === 1 ? 'faktura' : 'fakturor'}${credits ? ` och ${credits} kreditfakturor` : ''}`);
    issue.addEventListener('click', async () => {
      issue.disabled = true;
      try {
        const issued = await call('invoice_issue', { through });
        toast(`${issued.length} dokument är utfärdade.`);
        result.replaceChildren(
          h('p', { class: 'status', id: 'issued' }, `Utfärdade: `, ...issued.flatMap((i, k) => [k ? ', ' : '',
            h('a', { href: `#/faktura/${encodeURIComponent(i.number)}` }, i.number)])),
          ...issued.map((i) => invoiceCard(i)));
      } catch (err) {
        issue.disabled = false;
        toast(err.message);
      }
    });
    result.replaceChildren(
      h('p', { class: 'lead' }, 'Förhandsgranskning: inget är utfärdat ännu. Kontrollera och utfärda.'),
      h('div', { class: 'actions' }, issue),
      ...preview.invoices.map((i) => invoiceCard(i, { draft: true })));
  });
  show(
    h('section', { class: 'page', id: 'invoicing-screen' },
      h('h1', {}, 'Fakturering'),
      h('p', { class: 'lead' }, 'En faktura per placering och kalendermånad för de nätter som inte är fakturerade, kreditfakturor där uppgifterna har ändrats efter faktureringen, och serviceavgiftens delbetalningar. Inga namn står på fakturorna.'),
      form,
      result),
  );
  void go;
}
