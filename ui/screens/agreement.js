// An agreement's terms, editable. Saving records a new version with a note on what changed and
// why; earlier versions stay and are listed below the form.

import { call } from '../api.js';
import { h, show, field, formAlert, onSubmit, toast } from '../dom.js';
import { kronor } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/agreement.js';

const t = translator(TEXT);

function feeRow(fee, index, onRemove) {
  const f = (name, label, value, extra = {}) =>
    field({ name: `service_fees.${index}.${name}`, label, value, ...extra });
  return h('div', { class: 'fee-row', 'data-fee-row': true },
    f('from', t('fee.from'), fee.from, { hint: t('hint.date') }),
    f('to', t('fee.to'), fee.to, { hint: t('fee.to_hint') }),
    f('yearly', t('fee.yearly'), fee.yearly, { hint: fee.yearly ? kronor(fee.yearly.replace(/\s/g, '').replace(',', '.')) : ' ' }),
    f('basis', t('fee.basis'), fee.basis),
    h('button', { type: 'button', class: 'quiet', onclick: onRemove }, t('fee.remove')),
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
    show(h('section', { class: 'panel' }, h('h1', {}, t('title.plain')), h('p', { class: 'problem', role: 'alert' }, err.message)));
    return;
  }
  const cur = data.terms;
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
      h('legend', {}, t('group.agreement')),
      field({ name: 'title', label: t('field.name'), value: cur.title }),
      field({ name: 'signed_on', label: t('field.signed_on'), value: cur.signed_on, hint: t('hint.date') }),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('group.counterparty')),
      h('div', { class: 'row' },
        field({ name: 'counterparty_name', label: t('field.name'), value: cur.counterparty_name }),
        field({ name: 'counterparty_unit', label: t('field.counterparty_unit'), value: cur.counterparty_unit }),
      ),
      h('div', { class: 'row' },
        field({ name: 'counterparty_org_number', label: t('field.org_number'), value: cur.counterparty_org_number }),
        field({ name: 'counterparty_address', label: t('field.address'), value: cur.counterparty_address }),
      ),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('group.period')),
      h('div', { class: 'row' },
        field({ name: 'first_period_start', label: t('field.first_period_start'), value: cur.first_period_start, hint: t('hint.date') }),
        field({ name: 'first_period_end', label: t('field.first_period_end'), value: cur.first_period_end, hint: t('hint.date') }),
      ),
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'renews', id: 'f-renews', checked: cur.renews }),
        h('span', {}, t('field.renews')),
      ),
      h('div', { class: 'row' },
        field({ name: 'notice_months', label: t('field.notice_months'), value: cur.notice_months }),
        field({ name: 'notice_given_on', label: t('field.notice_given_on'), value: cur.notice_given_on, hint: t('field.notice_given_on_hint') }),
      ),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('group.fees')),
      h('p', { class: 'hint' }, t('fees.hint')),
      h('p', { class: 'field-error', 'data-error-for': 'service_fees' }),
      fees,
      h('button', { type: 'button', class: 'quiet', id: 'add-fee', onclick: () => renderFees([...collectFees(form), { from: '', to: '', yearly: '', basis: '' }]) }, t('fees.add')),
    ),
    field({ name: 'change_note', label: t('field.change_note'), hint: t('field.change_note_hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-agreement' }, t('button.save'))),
  );
  renderFees(cur.service_fees);
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
    toast(t('toast.saved'));
    await agreementScreen(key);
  });
  show(
    h('section', { class: 'page', id: 'agreement-screen' },
      h('h1', {}, t('title', { name: cur.counterparty_name })),
      h('p', { class: 'lead' }, t('lead')),
      form,
      h('section', { class: 'card', id: 'agreement-versions' },
        h('h2', {}, t('versions.title')),
        h('ul', { class: 'versions' },
          ...data.versions.map((ver) => h('li', {},
            h('strong', {}, t('versions.version', { version: ver.version })), ` · ${ver.recorded_at} · ${ver.recorded_by}`,
            h('div', { class: 'hint' }, ver.change_note)))),
      ),
    ),
  );
}
