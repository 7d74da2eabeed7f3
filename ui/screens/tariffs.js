// Tariffs (dygnsavgift per person and night) and the billing settings, including the service
// fee's schedule. Changes are kept with their date; issued invoices keep what applied.

import { call } from '../api.js';
import { h, show, field, select, checkbox, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { kronor } from '../format.js';
import { organisationFields, organisationValues } from './organisation-fields.js';

async function organisationPart() {
  const home = await call('home');
  const org = home.organisation;
  const form = h('form', { id: 'organisation-edit-form', novalidate: true },
    formAlert(),
    organisationFields(org ?? {}),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Spara organisationens uppgifter'),
      h('button', { type: 'button', id: 'logo-choose', onclick: async () => {
        try {
          const r = await call('logo_choose');
          toast(r.saved ? 'Logotypen är sparad; den står på fakturor som utfärdas härefter.' : 'Ingen bild valdes.');
        } catch (err) {
          toast(err.message);
        }
      } }, 'Välj logotyp (PNG) …'),
      h('button', { type: 'button', class: 'quiet', onclick: async () => {
        await call('logo_remove');
        toast('Logotypen är borttagen.');
      } }, 'Ta bort logotypen')));
  onSubmit(form, async () => {
    await call('save_organisation', organisationValues(form));
    toast('Organisationens uppgifter är sparade. Redan utfärdade fakturor behåller de gamla.');
    await tariffsScreen();
  });
  return form;
}

async function certificatePart() {
  const info = await call('signing_info');
  const form = h('form', { id: 'certificate-form', novalidate: true },
    formAlert(),
    h('p', { id: 'certificate-subject' }, info
      ? `Fakturorna signeras med certifikatet «${info.subject}» (${info.source === 'imported' ? 'importerat' : 'skapat av Fristad'}).`
      : 'Inget certifikat ännu; Fristad skapar ett när organisationens uppgifter finns.'),
    h('p', { class: 'hint' }, 'Har organisationen ett eget certifikat (PKCS#12, .p12 eller .pfx)? Ange dess lösenord och välj filen. Redan utfärdade fakturor behåller sin signatur.'),
    h('div', { class: 'row' },
      field({ name: 'password', label: 'Lösenord till filen', type: 'password', autocomplete: 'off' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Välj fil och importera …'))));
  onSubmit(form, async () => {
    const r = await call('signing_import', { password: String(valueOf(form, 'password')) });
    toast(r.saved ? 'Certifikatet är importerat.' : 'Inget importerades.');
    if (r.saved) await tariffsScreen();
  });
  return form;
}

function sieForm() {
  const year = new Date().getFullYear();
  const form = h('form', { id: 'sie-form', novalidate: true },
    formAlert(),
    h('p', { class: 'hint' }, 'Fakturor, kreditfakturor och inbetalningar för perioden som en SIE 4-fil till redovisningsprogrammet.'),
    h('div', { class: 'row' },
      field({ name: 'from', label: 'Från', value: `${year}-01-01` }),
      field({ name: 'to', label: 'Till och med', value: `${year}-12-31` }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Spara SIE-fil …'))));
  onSubmit(form, async () => {
    const r = await call('sie_save', { from: String(valueOf(form, 'from')).trim(), to: String(valueOf(form, 'to')).trim() });
    toast(r.saved ? `Sparat: ${r.file_name}` : 'Inget sparades.');
  });
  return form;
}

export async function tariffsScreen() {
  const data = await call('billing_settings');
  const s = data.settings;
  const tariffForm = h('form', { id: 'tariff-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'valid_from', label: 'Gäller från', hint: 'ÅÅÅÅ-MM-DD' }),
      select({ name: 'category', label: 'Gäller', options: [{ value: 'adult', label: 'Vuxen' }, { value: 'child', label: 'Barn' }] }),
      field({ name: 'iop', label: 'IOP-kommun (kr per natt)' }),
      field({ name: 'standard', label: 'Övriga kommuner (kr per natt)' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Spara taxan'))));
  onSubmit(tariffForm, async () => {
    const v = (n) => String(valueOf(tariffForm, n)).trim();
    await call('save_tariff', { valid_from: v('valid_from'), category: v('category'), iop: v('iop'), standard: v('standard') });
    toast('Taxan är sparad.');
    await tariffsScreen();
  });
  const settingsForm = h('form', { id: 'settings-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'payment_terms_days', label: 'Betalningsvillkor (dagar)', value: String(s.payment_terms_days) }),
      select({ name: 'night_counting', label: 'Nätter räknas', value: s.night_counting, options: [
        { value: 'midnights', label: 'Midnätter på boendet (boendenätter)' },
        { value: 'started_days', label: 'Varje påbörjat dygn' }] })),
    checkbox({ name: 'round_totals', label: 'Avrunda fakturans summa till hela kronor (öresavrundning)', checked: s.round_totals }),
    field({ name: 'vat_exemption_text', label: 'Text om momsundantag på fakturorna', value: s.vat_exemption_text }),
    h('div', { class: 'row' },
      select({ name: 'service_fee_schedule', label: 'Serviceavgiften faktureras', value: s.service_fee_schedule, options: [
        { value: 'yearly', label: 'En gång per år' }, { value: 'half_yearly', label: 'Halvårsvis' },
        { value: 'quarterly', label: 'Kvartalsvis' }, { value: 'monthly', label: 'Månadsvis' }] }),
      field({ name: 'service_fee_from', label: 'Fristad fakturerar serviceavgiften från', value: s.service_fee_from ?? '', hint: 'Tomt: Fristad fakturerar inte serviceavgiften.' })),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Konton i bokföringsunderlaget (SIE)'),
      h('div', { class: 'row' },
        field({ name: 'accounts.receivables', label: 'Kundfordringar', value: s.accounts.receivables }),
        field({ name: 'accounts.bank', label: 'Bank (bankgiro)', value: s.accounts.bank }),
        field({ name: 'accounts.placement_revenue', label: 'Dygnsavgifter', value: s.accounts.placement_revenue }),
        field({ name: 'accounts.service_fee_revenue', label: 'Serviceavgift', value: s.accounts.service_fee_revenue }),
        field({ name: 'accounts.rounding', label: 'Öresavrundning', value: s.accounts.rounding }))),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Statistik'),
      checkbox({ name: 'suppress_small_cells', label: 'Visa antal under 3 personer som «<3» i statistiken (skyddar mot att någon känns igen)', checked: s.suppress_small_cells })),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Säkerhet'),
      field({ name: 'idle_lock_minutes', label: 'Lås Fristad efter så många minuter utan användning', value: String(s.idle_lock_minutes), hint: '1–240 minuter. Den som kommer tillbaka loggar in igen.' }),
      field({ name: 'clipboard_clear_seconds', label: 'Töm urklippet så många sekunder efter att återställningsnyckeln kopierats', value: String(s.clipboard_clear_seconds), hint: '5–600 sekunder.' })),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Gallring'),
      h('div', { class: 'row' },
        field({ name: 'retention.personal_details_years', label: 'År efter sista vistelsen innan namn och personnummer tas bort', value: String(s.retention.personal_details_years) }),
        field({ name: 'retention.journal_years', label: 'År efter sista vistelsen innan journalanteckningar tas bort', value: String(s.retention.journal_years) }))),
    h('button', { type: 'submit', class: 'primary' }, 'Spara inställningarna'));
  onSubmit(settingsForm, async () => {
    const v = (n) => String(valueOf(settingsForm, n)).trim();
    const days = Number(v('payment_terms_days'));
    if (!Number.isInteger(days) || days < 0) throw { field: 'payment_terms_days', message: 'Ange ett antal dagar.' };
    const idle = Number(v('idle_lock_minutes'));
    if (!Number.isInteger(idle)) throw { field: 'idle_lock_minutes', message: 'Ange ett antal minuter.' };
    await call('save_billing_settings', {
      payment_terms_days: days, round_totals: valueOf(settingsForm, 'round_totals'), vat_exemption_text: v('vat_exemption_text'),
      night_counting: v('night_counting'), service_fee_schedule: v('service_fee_schedule'), service_fee_from: v('service_fee_from'),
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
    toast('Inställningarna är sparade.');
    await tariffsScreen();
  });
  show(
    h('section', { class: 'page', id: 'tariffs-screen' },
      h('h1', {}, 'Taxor och inställningar'),
      section('Dygnsavgifter',
        data.tariffs.length ? h('table', { id: 'tariff-list' },
          h('thead', {}, h('tr', {}, ...['Gäller från', 'Gäller', 'IOP-kommun', 'Övriga'].map((t, i) => h('th', { scope: 'col', class: i >= 2 ? 'money' : '' }, t)))),
          h('tbody', {}, ...data.tariffs.map((t) => h('tr', {},
            h('td', {}, t.valid_from), h('td', {}, t.category === 'adult' ? 'Vuxen' : 'Barn'),
            h('td', { class: 'money' }, kronor(t.iop)), h('td', { class: 'money' }, kronor(t.standard)))))) : h('p', {}, 'Inga taxor ännu: lägg in dygnsavgifterna innan du fakturerar.'),
        h('p', { class: 'hint' }, 'En taxa gäller från sitt datum tills nästa taxa för samma slag börjar. En natt prissätts med taxan som gäller det datum natten börjar.'),
        tariffForm),
      section('Fakturering', settingsForm),
      section('Bokföringsunderlag', sieForm()),
      section('Signering av fakturor', await certificatePart()),
      section('Organisationen', await organisationPart()),
    ),
  );
}
