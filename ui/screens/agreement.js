// An agreement's terms, editable. Saving records a new version with a note on what changed and
// why; earlier versions stay and are listed below the form.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, toast } from '../dom.js';
import { kronor } from '../format.js';

function feeRow(fee, index, onRemove) {
  const f = (name, label, value, extra = {}) =>
    field({ name: `service_fees.${index}.${name}`, label, value, ...extra });
  return h('div', { class: 'fee-row', 'data-fee-row': true },
    f('from', 'Från', fee.from, { hint: 'ÅÅÅÅ-MM-DD' }),
    f('to', 'Till och med', fee.to, { hint: 'Tomt: tills vidare' }),
    f('yearly', 'Belopp per år (kr)', fee.yearly, { hint: fee.yearly ? kronor(fee.yearly.replace(/\s/g, '').replace(',', '.')) : ' ' }),
    f('basis', 'Grund (avtal eller beslut)', fee.basis),
    h('button', { type: 'button', class: 'quiet', onclick: onRemove }, 'Ta bort'),
  );
}

function collectFees(form) {
  return [...form.querySelectorAll('[data-fee-row]')].map((row) => {
    const get = (suffix) => row.querySelector(`input[name$=".${suffix}"]`).value;
    return { from: get('from'), to: get('to'), yearly: get('yearly'), basis: get('basis') };
  });
}

export async function agreementScreen(key) {
  let data;
  try {
    data = await call('agreement_form', { key });
  } catch (err) {
    show(h('section', { class: 'panel' }, h('h1', {}, 'Avtal'), h('p', { class: 'problem', role: 'alert' }, err.message)));
    return;
  }
  const t = data.terms;
  const fees = h('div', { class: 'fees' });
  const renderFees = (list) => {
    fees.replaceChildren(...list.map((fee, i) => feeRow(fee, i, () => {
      const current = collectFees(form);
      current.splice(i, 1);
      renderFees(current);
    })));
  };
  const form = h('form', { id: 'agreement-form', novalidate: true },
    formAlert(),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Avtalet'),
      field({ name: 'title', label: 'Namn', value: t.title }),
      field({ name: 'signed_on', label: 'Undertecknat', value: t.signed_on, hint: 'ÅÅÅÅ-MM-DD' }),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Motpart'),
      h('div', { class: 'row' },
        field({ name: 'counterparty_name', label: 'Namn', value: t.counterparty_name }),
        field({ name: 'counterparty_unit', label: 'Förvaltning', value: t.counterparty_unit }),
      ),
      h('div', { class: 'row' },
        field({ name: 'counterparty_org_number', label: 'Organisationsnummer', value: t.counterparty_org_number }),
        field({ name: 'counterparty_address', label: 'Adress', value: t.counterparty_address }),
      ),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Period och uppsägning'),
      h('div', { class: 'row' },
        field({ name: 'first_period_start', label: 'Första periodens början', value: t.first_period_start, hint: 'ÅÅÅÅ-MM-DD' }),
        field({ name: 'first_period_end', label: 'Första periodens slut', value: t.first_period_end, hint: 'ÅÅÅÅ-MM-DD' }),
      ),
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'renews', id: 'f-renews', checked: t.renews }),
        h('span', {}, 'Förlängs automatiskt med en period av samma längd om ingen säger upp avtalet'),
      ),
      h('div', { class: 'row' },
        field({ name: 'notice_months', label: 'Uppsägning senast (månader före periodens slut)', value: t.notice_months }),
        field({ name: 'notice_given_on', label: 'Uppsagt den', value: t.notice_given_on, hint: 'Tomt om avtalet inte är uppsagt' }),
      ),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Serviceavgift'),
      h('p', { class: 'hint' }, 'En senare rad gäller före en tidigare där de överlappar, t.ex. ett beslut som ändrar beloppet under några år.'),
      h('p', { class: 'field-error', 'data-error-for': 'service_fees' }),
      fees,
      h('button', { type: 'button', class: 'quiet', id: 'add-fee', onclick: () => renderFees([...collectFees(form), { from: '', to: '', yearly: '', basis: '' }]) }, 'Lägg till rad'),
    ),
    field({ name: 'change_note', label: 'Vad ändrades och varför?', hint: 'Sparas med ändringen, t.ex. ”Nytt beslut i nämnden 2026-05-20”.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-agreement' }, 'Spara ändringen')),
  );
  renderFees(t.service_fees);
  onSubmit(form, async () => {
    const v = (name) => form.querySelector(`[name="${name}"]`).value;
    const terms = {
      title: v('title'),
      counterparty_name: v('counterparty_name'),
      counterparty_unit: v('counterparty_unit'),
      counterparty_org_number: v('counterparty_org_number'),
      counterparty_address: v('counterparty_address'),
      signed_on: v('signed_on'),
      first_period_start: v('first_period_start'),
      first_period_end: v('first_period_end'),
      renews: form.querySelector('[name="renews"]').checked,
      notice_months: v('notice_months'),
      notice_given_on: v('notice_given_on'),
      service_fees: collectFees(form),
    };
    await call('save_agreement', { key, terms, change_note: v('change_note') });
    toast('Ändringen är sparad som en ny version.');
    await agreementScreen(key);
  });
  show(
    h('section', { class: 'page', id: 'agreement-screen' },
      h('h1', {}, `Avtal med ${t.counterparty_name}`),
      h('p', { class: 'lead' }, 'Perioden som gäller och sista dag för uppsägning räknas fram ur villkoren. Varje ändring sparas som en ny version.'),
      form,
      h('section', { class: 'card', id: 'agreement-versions' },
        h('h2', {}, 'Versioner'),
        h('ul', { class: 'versions' },
          ...data.versions.map((ver) => h('li', {},
            h('strong', {}, `Version ${ver.version}`), ` · ${ver.recorded_at} · ${ver.recorded_by}`,
            h('div', { class: 'hint' }, ver.change_note)))),
      ),
    ),
  );
}
