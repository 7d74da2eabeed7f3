// Statistics: the yearly report for the verksamhetsberättelse, the half-year follow-up of acute
// placements and the kvalitetsbilaga's Lex Sarah log. Every figure comes from the program already
// formatted as the saved files show it, so the screen, the PDF and the spreadsheets agree.

import { call } from '../api.js';
import { h, show, field, select, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { today } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/statistics.js';

const t = translator(TEXT);

const MONTHS = [t('month.jan'), t('month.feb'), t('month.mar'), t('month.apr'), t('month.may'), t('month.jun'),
  t('month.jul'), t('month.aug'), t('month.sep'), t('month.oct'), t('month.nov'), t('month.dec')];

function yearValue(form) {
  const text = String(valueOf(form, 'year')).trim();
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2000 || year > 2100) throw { field: 'year', message: t('error.year') };
  return year;
}

/** A table from the program: the first column is a label, the others figures. */
function shownTable(table) {
  return h('table', { class: 'stat-table', 'data-table': table.name },
    h('thead', {}, h('tr', {}, ...table.columns.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, c)))),
    h('tbody', {}, ...(table.rows.length
      ? table.rows.map((r) => h('tr', {}, ...r.map((c, i) => (i ? h('td', { class: 'num' }, c) : h('th', { scope: 'row' }, c)))))
      : [h('tr', {}, h('td', { colspan: table.columns.length, class: 'hint' }, t('table.empty')))])));
}

// Heights through the CSS object model: the window's content security policy forbids style attributes.
function bar(kind, value, max) {
  const el = h('div', { class: `bar ${kind}` });
  el.style.height = `${(100 * value) / max}%`;
  return el;
}

/** Nights per month as bars, adults and children stacked; the table below has the numbers. */
function monthChart(months) {
  const max = Math.max(1, ...months.map((m) => m.adults + m.children));
  return h('div', { class: 'bars', role: 'img', 'aria-label': t('chart.label') },
    ...months.map((m) => h('div', { class: 'bar-col' },
      h('div', { class: 'bar-stack', title: t('chart.bar_title', { adults: m.adults, children: m.children }) },
        bar('adults', m.adults, max), bar('children', m.children, max)),
      h('span', { class: 'bar-label' }, MONTHS[m.month - 1]))),
    h('p', { class: 'legend' }, h('span', { class: 'key adults' }), t('chart.adults'), ' ', h('span', { class: 'key children' }), t('chart.children')));
}

function saveButtons(what, args) {
  const save = async (format, button) => {
    button.disabled = true;
    try {
      const r = await call('statistics_save', { ...args(), format });
      toast(r.saved ? t('toast.saved', { file: r.file_name }) : t('toast.nothing_saved'));
    } catch (err) {
      toast(err.message ?? String(err));
    } finally {
      button.disabled = false;
    }
  };
  const button = (format, label) => {
    const b = h('button', { type: 'button', 'data-save': `${what}-${format}` }, label);
    b.addEventListener('click', () => save(format, b));
    return b;
  };
  return h('div', { class: 'actions' }, button('pdf', t('button.save_pdf')), button('xlsx', t('button.save_xlsx')), button('csv', t('button.save_csv')));
}

// The report of a calendar year ({ year }) or of any period ({ from, to }), beside the same
// period a year before; the organisation's year can be entered for a calendar year.
async function yearlyPart(spec) {
  const data = await call('statistics_yearly', spec);
  const year = spec.year;
  const byName = Object.fromEntries(data.tables.map((table) => [table.name, table]));
  const keyTable = h('table', { class: 'stat-table', id: 'key-figures' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('key_figures.measure')), h('th', { scope: 'col', class: 'num' }, data.name), h('th', { scope: 'col', class: 'num' }, data.previous_name))),
    h('tbody', {}, ...data.key_figures.map(([label, value, previous]) => h('tr', {},
      h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value), h('td', { class: 'num muted' }, previous)))));
  const tableCard = (name) => (byName[name] ? h('section', { class: 'card' }, h('h2', {}, byName[name].title), shownTable(byName[name])) : null);
  const attrs = year ? { 'data-year': year } : { 'data-from': spec.from, 'data-to': spec.to };
  return h('div', { id: 'yearly-report', ...attrs },
    section(t('key_figures.title', { year: data.name }),
      h('p', { class: 'hint' }, t('key_figures.hint', { previous: data.previous_name })),
      data.suppress ? h('p', { class: 'hint' }, t('key_figures.suppressed')) : null,
      keyTable),
    h('section', { class: 'card' }, h('h2', {}, t('nights.title')), monthChart(data.report.nights_per_month), shownTable(byName.natter_manad)),
    h('div', { class: 'cards' },
      tableCard('kommuner'), tableCard('kommuntyp'), tableCard('vald'), tableCard('alder'),
      tableCard('utflyttning'), tableCard('vistelse')),
    tableCard('belaggning_manad'),
    tableCard('kon'),
    tableCard('barnens_rattigheter'),
    h('div', { class: 'cards' }, tableCard('organisationen'), year ? organisationPart(year, data) : null),
    h('div', { class: 'cards', id: 'support-figures' },
      tableCard('stodkontakter'), tableCard('stod_kanal'), tableCard('stod_grupp'), tableCard('stod_amne')),
    h('div', { class: 'cards', id: 'request-figures' },
      tableCard('forfragningar'), tableCard('nekade_skal'), tableCard('forfragningar_fran')));
}

// The organisation's year: a manager enters staff, volunteers and the IVO permit's places for the
// year shown; the figures beside them come from the records. A new entry never replaces the old.
function organisationPart(year, data) {
  const o = data.report.organisation;
  const number = (x) => (x === null || x === undefined ? '' : String(x).replace('.', ','));
  const form = h('form', { id: 'organisation-year-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'staff_fte', label: t('org.staff_fte'), value: number(o.staff_fte), hint: t('org.staff_fte_hint'), attrs: { inputmode: 'decimal' } }),
      field({ name: 'volunteers', label: t('org.volunteers'), value: number(o.volunteers), attrs: { inputmode: 'numeric' } }),
      field({ name: 'volunteer_hours', label: t('org.volunteer_hours'), value: number(o.volunteer_hours), attrs: { inputmode: 'numeric' } }),
      field({ name: 'ivo_places', label: t('org.ivo_places'), value: number(o.ivo_places), hint: t('org.ivo_places_hint'), attrs: { inputmode: 'numeric' } })),
    h('button', { type: 'submit' }, t('org.button', { year })));
  onSubmit(form, async () => {
    const v = (n) => String(valueOf(form, n)).trim();
    const count = (n, optional) => {
      if (optional && v(n) === '') return null;
      const x = Number(v(n));
      if (v(n) === '' || !Number.isInteger(x) || x < 0) throw { field: n, message: t('error.count') };
      return x;
    };
    await call('save_organisation_year', {
      year, staff_fte: v('staff_fte'), volunteers: count('volunteers'), volunteer_hours: count('volunteer_hours'), ivo_places: count('ivo_places', true),
    });
    toast(t('org.toast', { year }));
    document.getElementById('yearly-report').replaceWith(await yearlyPart({ year }));
  });
  return h('section', { class: 'card', id: 'organisation-year' },
    h('h2', {}, t('org.title', { year })),
    h('p', { class: 'hint' }, t('org.hint')),
    form);
}

// What looks wrong in the shown period's records, each with a link to the record.
function checkPart(spec) {
  const list = h('div', { id: 'check-findings' });
  const button = h('button', { type: 'button', id: 'run-check' }, t('check.button'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const findings = await call('statistics_check', spec());
      list.replaceChildren(findings.length
        ? h('ul', { class: 'plain' }, ...findings.map((f) => h('li', { 'data-kind': f.kind },
          f.placement
            ? h('a', { href: `#/placering/${encodeURIComponent(f.placement)}` }, f.text)
            : h('a', { href: '#/forfragningar' }, f.text))))
        : h('p', {}, t('check.none')));
      list.querySelector('a, p')?.focus();
    } catch (err) {
      list.replaceChildren(h('p', { class: 'problem', role: 'alert' }, err.message ?? String(err)));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {}, h('p', { class: 'hint' }, t('check.hint')), button, list);
}

async function followUpPart(year, half) {
  const data = await call('statistics_follow_up', { year, half });
  return h('div', { id: 'follow-up', 'data-year': year, 'data-half': half },
    h('div', { class: 'cards' }, ...data.tables.map((table) => h('section', { class: 'card' }, h('h3', {}, table.title), shownTable(table)))));
}

async function lexSarahPart() {
  const list = await call('lex_sarah_list');
  const form = h('form', { id: 'lex-sarah-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'reported_on', label: t('lex.field.date'), value: today() }),
      field({ name: 'note', label: t('lex.field.note'), hint: t('lex.field.note_hint') }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('lex.button.log')))));
  onSubmit(form, async () => {
    const added = await call('add_lex_sarah', { reported_on: String(valueOf(form, 'reported_on')).trim(), note: String(valueOf(form, 'note')).trim() });
    toast(added ? t('lex.toast.logged') : t('lex.toast.exists'));
    document.getElementById('lex-sarah').replaceWith(await lexSarahPart());
  });
  return h('div', { id: 'lex-sarah' },
    h('p', { class: 'hint' }, t('lex.hint')),
    form,
    list.length
      ? h('table', { id: 'lex-sarah-list' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('lex.column.date')), h('th', { scope: 'col' }, t('lex.column.note')))),
        h('tbody', {}, ...list.map((r) => h('tr', {}, h('td', { class: 'nowrap' }, r.reported_on), h('td', {}, r.note)))))
      : h('p', {}, t('lex.empty')));
}

export async function statisticsScreen(arg) {
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  const year = /^\d{4}$/.test(arg ?? '') ? Number(arg) : thisYear;
  const half = Number(now.slice(5, 7)) <= 6 ? 1 : 2;

  const yearForm = h('form', { id: 'year-form', class: 'filters', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'year', label: t('field.year'), value: String(year), attrs: { inputmode: 'numeric' } }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.show_year')))));
  const yearly = h('div', {}, await yearlyPart({ year }));
  onSubmit(yearForm, async () => {
    const y = yearValue(yearForm);
    yearly.replaceChildren(await yearlyPart({ year: y }));
    history.replaceState(null, '', `#/statistik/${y}`);
  });
  // Any period (Socialstyrelsen's surveys have their own), shown in the same place.
  const periodForm = h('form', { id: 'period-form', class: 'filters', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'from', label: t('field.from'), value: `${thisYear}-01-01` }),
      field({ name: 'to', label: t('field.to'), value: now }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('button.show_period')))));
  onSubmit(periodForm, async () => {
    const v = (n) => String(valueOf(periodForm, n)).trim();
    yearly.replaceChildren(await yearlyPart({ from: v('from'), to: v('to') }));
  });
  const shownSpec = () => {
    const d = document.getElementById('yearly-report').dataset;
    return d.year ? { year: Number(d.year) } : { from: d.from, to: d.to };
  };

  const halfForm = h('form', { id: 'half-form', class: 'filters', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'year', label: t('field.year'), value: String(thisYear), attrs: { inputmode: 'numeric' } }),
      select({ name: 'half', label: t('field.half'), value: String(half), options: [
        { value: '1', label: t('half.first') }, { value: '2', label: t('half.second') }] }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('button.show_half')))));
  const halfValues = () => ({ year: yearValue(halfForm), half: Number(valueOf(halfForm, 'half')) });
  const followUp = h('div', {}, await followUpPart(thisYear, half));
  onSubmit(halfForm, async () => {
    const v = halfValues();
    followUp.replaceChildren(await followUpPart(v.year, v.half));
  });

  show(
    h('section', { class: 'page', id: 'statistics-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'lead' }, t('lead')),
      section(t('section.yearly'), yearForm,
        periodForm,
        saveButtons('yearly', shownSpec)),
      yearly,
      section(t('section.check'), checkPart(shownSpec)),
      section(t('section.follow_up'), halfForm,
        saveButtons('followup', () => {
          const r = document.getElementById('follow-up').dataset;
          return { year: Number(r.year), half: Number(r.half) };
        }),
        followUp),
      section(t('section.lex_sarah'), await lexSarahPart()),
    ),
  );
}
