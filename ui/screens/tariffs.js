// Tariffs (dygnsavgift per person and night) and the billing settings, including the service
// fee's schedule. Changes are kept with their date; issued invoices keep what applied.

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { kronor, today } from '../format.js';
import { organisationFields, organisationValues } from './organisation-fields.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/tariffs.js';

const t = translator(TEXT);

async function organisationPart() {
  const home = await call('home');
  const org = home.organisation;
  const form = h('form', { id: 'organisation-edit-form', novalidate: true },
    formAlert(),
    organisationFields(org ?? {}),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('organisation.save')),
      h('button', { type: 'button', id: 'logo-choose', onclick: async () => {
        try {
          const r = await call('logo_choose');
          toast(r.saved ? t('logo.saved') : t('logo.none'));
        } catch (err) {
          toast(err.message);
        }
      } }, t('logo.choose')),
      h('button', { type: 'button', class: 'quiet', onclick: async () => {
        await call('logo_remove');
        toast(t('logo.removed'));
      } }, t('logo.remove'))));
  onSubmit(form, async () => {
    await call('save_organisation', organisationValues(form));
    toast(t('organisation.saved'));
    await tariffsScreen();
  });
  return form;
}

async function certificatePart() {
  const info = await call('signing_info');
  const form = h('form', { id: 'certificate-form', novalidate: true },
    formAlert(),
    h('p', { id: 'certificate-subject' }, info
      ? (info.source === 'imported'
        ? t('certificate.imported_subject', { subject: info.subject })
        : t('certificate.own_subject', { subject: info.subject }))
      : t('certificate.none')),
    h('p', { class: 'hint' }, t('certificate.hint')),
    h('div', { class: 'row' },
      field({ name: 'password', label: t('certificate.password'), type: 'password', autocomplete: 'off' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('certificate.import')))));
  onSubmit(form, async () => {
    const r = await call('signing_import', { password: String(valueOf(form, 'password')) });
    toast(r.saved ? t('certificate.done') : t('certificate.nothing'));
    if (r.saved) await tariffsScreen();
  });
  return form;
}

function sieForm() {
  const year = today().slice(0, 4);
  const form = h('form', { id: 'sie-form', novalidate: true },
    formAlert(),
    h('p', { class: 'hint' }, t('sie.hint')),
    h('div', { class: 'row' },
      field({ name: 'from', label: t('sie.from'), value: `${year}-01-01` }),
      field({ name: 'to', label: t('sie.to'), value: `${year}-12-31` }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('sie.save')))));
  onSubmit(form, async () => {
    const r = await call('sie_save', { from: String(valueOf(form, 'from')).trim(), to: String(valueOf(form, 'to')).trim() });
    toast(r.saved ? t('sie.saved', { file: r.file_name }) : t('sie.nothing'));
  });
  return form;
}

export async function tariffsScreen() {
  // Shown again after a save: if the user has gone elsewhere meanwhile, stay there.
  const here = location.hash;
  const data = await call('billing_settings');
  if (location.hash !== here) return;
  const s = data.settings;
  // How nights are counted and the fee's schedule are dated terms (as last decided here); a
  // change asks from when it applies and why.
  const terms = data.terms;
  const termsBox = h('fieldset', { class: 'group', id: 'settings-terms-change', hidden: true },
    h('legend', {}, t('terms.legend')),
    h('p', { class: 'hint' }, t('terms.text', {
      nights: terms.night_counting_from ?? t('terms.start'), fee: terms.fee_schedule_from ?? t('terms.start') })),
    h('div', { class: 'row' },
      field({ name: 'terms_from', label: t('terms.from'), hint: t('terms.from.hint') }),
      field({ name: 'terms_reason', label: t('terms.reason') })));
  const tariffDocs = h('ul', { id: 'tariff-effect-documents' });
  const tariffEffect = h('div', { class: 'notice', id: 'tariff-effect', hidden: true },
    h('p', {}, t('tariff.effect.text', { first: terms.night_counting_from ?? '' })),
    tariffDocs,
    checkbox({ name: 'reprice', label: t('tariff.effect.reprice') }));
  const tariffForm = h('form', { id: 'tariff-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'valid_from', label: t('tariff.valid_from'), hint: t('tariff.valid_from.hint') }),
      select({ name: 'category', label: t('tariff.category'), options: [{ value: 'adult', label: t('tariff.adult') }, { value: 'child', label: t('tariff.child') }] }),
      field({ name: 'iop', label: t('tariff.iop') }),
      field({ name: 'standard', label: t('tariff.standard') }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('tariff.save')))),
    tariffEffect);
  // A tariff from a date inside what is invoiced re-prices those nights: what the next run would
  // credit and invoice is shown first, and saving needs its own tick.
  const tariffInput = () => {
    const v = (n) => String(valueOf(tariffForm, n)).trim();
    return { valid_from: v('valid_from'), category: v('category'), iop: v('iop'), standard: v('standard'), reprice: valueOf(tariffForm, 'reprice') === true };
  };
  let tariffAsked = 0;
  let tariffQuestion = '';
  const showTariffEffect = async () => {
    const input = tariffInput();
    const first = terms.night_counting_from;
    const reprices = Boolean(first && /^\d{4}-\d{2}-\d{2}$/.test(input.valid_from) && input.valid_from < first);
    tariffEffect.hidden = !reprices;
    if (!reprices || !input.iop || !input.standard) return;
    const question = JSON.stringify({ ...input, reprice: false });
    if (question === tariffQuestion) return;
    tariffQuestion = question;
    const mine = ++tariffAsked;
    try {
      const e = await call('tariff_change_preview', input);
      if (mine !== tariffAsked) return;
      const docs = [...e.credit_notes.map((i) => h('li', {}, t('tariff.effect.credit', { number: i.credits, total: kronor(i.total) }))),
        ...e.invoices.map((i) => h('li', {}, t('tariff.effect.invoice', { placement: i.placement ?? '', from: i.period_from, to: i.period_to, total: kronor(i.total) })))];
      tariffDocs.replaceChildren(...docs);
    } catch (err) {
      if (mine === tariffAsked) tariffDocs.replaceChildren(h('li', { class: 'problem' }, err.message));
    }
  };
  for (const name of ['valid_from', 'category', 'iop', 'standard']) {
    tariffForm.querySelector(`[name="${name}"]`).addEventListener('change', showTariffEffect);
  }
  onSubmit(tariffForm, async () => {
    await call('save_tariff', tariffInput());
    toast(t('tariff.saved'));
    await tariffsScreen();
  });
  const settingsForm = h('form', { id: 'settings-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'payment_terms_days', label: t('settings.payment_terms'), value: String(s.payment_terms_days) }),
      select({ name: 'night_counting', label: t('settings.night_counting'), value: terms.night_counting, options: [
        { value: 'midnights', label: t('settings.night_counting.midnights') },
        { value: 'started_days', label: t('settings.night_counting.started_days') }] })),
    checkbox({ name: 'round_totals', label: t('settings.round_totals'), checked: s.round_totals }),
    field({ name: 'vat_exemption_text', label: t('settings.vat_exemption'), value: s.vat_exemption_text }),
    h('div', { class: 'row' },
      select({ name: 'service_fee_schedule', label: t('settings.schedule'), value: terms.fee_schedule, options: [
        { value: 'yearly', label: t('settings.schedule.yearly') }, { value: 'half_yearly', label: t('settings.schedule.half_yearly') },
        { value: 'quarterly', label: t('settings.schedule.quarterly') }, { value: 'monthly', label: t('settings.schedule.monthly') }] }),
      field({ name: 'service_fee_from', label: t('settings.service_fee_from'), value: s.service_fee_from ?? '', hint: t('settings.service_fee_from.hint') })),
    termsBox,
    h('fieldset', { class: 'group' },
      h('legend', {}, t('accounts.legend')),
      h('div', { class: 'row' },
        field({ name: 'accounts.receivables', label: t('accounts.receivables'), value: s.accounts.receivables }),
        field({ name: 'accounts.bank', label: t('accounts.bank'), value: s.accounts.bank }),
        field({ name: 'accounts.placement_revenue', label: t('accounts.placement_revenue'), value: s.accounts.placement_revenue }),
        field({ name: 'accounts.service_fee_revenue', label: t('accounts.service_fee_revenue'), value: s.accounts.service_fee_revenue }),
        field({ name: 'accounts.rounding', label: t('accounts.rounding'), value: s.accounts.rounding }))),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('statistics.legend')),
      checkbox({ name: 'suppress_small_cells', label: t('statistics.suppress'), checked: s.suppress_small_cells })),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('security.legend')),
      field({ name: 'idle_lock_minutes', label: t('security.idle_lock'), value: String(s.idle_lock_minutes), hint: t('security.idle_lock.hint') }),
      field({ name: 'clipboard_clear_seconds', label: t('security.clipboard'), value: String(s.clipboard_clear_seconds), hint: t('security.clipboard.hint') })),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('retention.legend')),
      h('div', { class: 'row' },
        field({ name: 'retention.personal_details_years', label: t('retention.personal_details'), value: String(s.retention.personal_details_years) }),
        field({ name: 'retention.journal_years', label: t('retention.journal'), value: String(s.retention.journal_years) }))),
    h('button', { type: 'submit', class: 'primary' }, t('settings.save')));
  const termsChanged = () => valueOf(settingsForm, 'night_counting') !== terms.night_counting
    || valueOf(settingsForm, 'service_fee_schedule') !== terms.fee_schedule;
  for (const name of ['night_counting', 'service_fee_schedule']) {
    settingsForm.querySelector(`[name="${name}"]`).addEventListener('change', () => { termsBox.hidden = !termsChanged(); });
  }
  onSubmit(settingsForm, async () => {
    const v = (n) => String(valueOf(settingsForm, n)).trim();
    const days = Number(v('payment_terms_days'));
    if (!Number.isInteger(days) || days < 0) throw { field: 'payment_terms_days', message: t('settings.error.days') };
    const idle = Number(v('idle_lock_minutes'));
    if (!Number.isInteger(idle)) throw { field: 'idle_lock_minutes', message: t('settings.error.minutes') };
    await call('save_billing_settings', {
      payment_terms_days: days, round_totals: valueOf(settingsForm, 'round_totals'), vat_exemption_text: v('vat_exemption_text'),
      night_counting: v('night_counting'), service_fee_schedule: v('service_fee_schedule'), service_fee_from: v('service_fee_from'),
      terms_from: v('terms_from'), terms_reason: v('terms_reason'),
      accounts: {
        receivables: v('accounts.receivables'), bank: v('accounts.bank'), placement_revenue: v('accounts.placement_revenue'),
        service_fee_revenue: v('accounts.service_fee_revenue'), rounding: v('accounts.rounding'),
      },
      suppress_small_cells: valueOf(settingsForm, 'suppress_small_cells'),
      idle_lock_minutes: idle,
      clipboard_clear_seconds: Number(v('clipboard_clear_seconds')),
      retention: {
        personal_details_years: Number(v('retention.personal_details_years')),
        journal_years: Number(v('retention.journal_years')),
      },
    });
    toast(t('settings.saved'));
    await tariffsScreen();
  });
  show(
    h('section', { class: 'page', id: 'tariffs-screen' },
      h('h1', {}, t('title')),
      section(t('tariffs.title'),
        data.tariffs.length ? h('table', { id: 'tariff-list' },
          h('thead', {}, h('tr', {}, ...[t('tariffs.column.valid_from'), t('tariffs.column.category'), t('tariffs.column.iop'), t('tariffs.column.standard')]
            .map((text, i) => h('th', { scope: 'col', class: i >= 2 ? 'money' : '' }, text)))),
          h('tbody', {}, ...data.tariffs.map((tariff) => h('tr', {},
            h('td', {}, tariff.valid_from), h('td', {}, tariff.category === 'adult' ? t('tariff.adult') : t('tariff.child')),
            h('td', { class: 'money' }, kronor(tariff.iop)), h('td', { class: 'money' }, kronor(tariff.standard)))))) : h('p', {}, t('tariffs.none')),
        h('p', { class: 'hint' }, t('tariffs.hint')),
        tariffForm),
      section(t('section.billing'), settingsForm),
      section(t('section.bookkeeping'), sieForm()),
      section(t('section.signing'), await certificatePart()),
      section(t('section.organisation'), await organisationPart()),
    ),
  );
}
