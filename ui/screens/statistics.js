// Statistics: the yearly report for the verksamhetsberättelse, the half-year follow-up of acute
// placements and the kvalitetsbilaga's Lex Sarah log. Every figure comes from the program already
// formatted as the saved files show it, so the screen, the PDF and the spreadsheets agree.

import { call } from '../api.js';
import { h, show, field, select, formAlert, onSubmit, valueOf, toast, section } from '../dom.js';
import { today } from '../format.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

function yearValue(form) {
  const text = String(valueOf(form, 'year')).trim();
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2000 || year > 2100) throw { field: 'year', message: 'Ange ett år med fyra siffror, t.ex. 2025.' };
  return year;
}

/** A table from the program: the first column is a label, the others figures. */
function shownTable(t) {
  return h('table', { class: 'stat-table', 'data-table': t.name },
    h('thead', {}, h('tr', {}, ...t.columns.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, c)))),
    h('tbody', {}, ...(t.rows.length
      ? t.rows.map((r) => h('tr', {}, ...r.map((c, i) => (i ? h('td', { class: 'num' }, c) : h('th', { scope: 'row' }, c)))))
      : [h('tr', {}, h('td', { colspan: t.columns.length, class: 'hint' }, 'Inget att redovisa för perioden.'))])));
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
  return h('div', { class: 'bars', role: 'img', 'aria-label': 'Stapeldiagram: boendenätter per månad, vuxna och barn. Siffrorna står i tabellen.' },
    ...months.map((m) => h('div', { class: 'bar-col' },
      h('div', { class: 'bar-stack', title: `${m.adults} vuxna, ${m.children} barn` },
        bar('adults', m.adults, max), bar('children', m.children, max)),
      h('span', { class: 'bar-label' }, MONTHS[m.month - 1]))),
    h('p', { class: 'legend' }, h('span', { class: 'key adults' }), 'Vuxna ', h('span', { class: 'key children' }), 'Barn'));
}

function saveButtons(what, args) {
  const save = async (format, button) => {
    button.disabled = true;
    try {
      const r = await call('statistics_save', { ...args(), format });
      toast(r.saved ? `Sparat: ${r.file_name}` : 'Inget sparades.');
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
  return h('div', { class: 'actions' }, button('pdf', 'Spara PDF …'), button('xlsx', 'Spara Excel (XLSX) …'), button('csv', 'Spara CSV …'));
}

async function yearlyPart(year) {
  const data = await call('statistics_yearly', { year });
  const byName = Object.fromEntries(data.tables.map((t) => [t.name, t]));
  const keyTable = h('table', { class: 'stat-table', id: 'key-figures' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Mått'), h('th', { scope: 'col', class: 'num' }, String(year)), h('th', { scope: 'col', class: 'num' }, String(year - 1)))),
    h('tbody', {}, ...data.key_figures.map(([label, value, previous]) => h('tr', {},
      h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value), h('td', { class: 'num muted' }, previous)))));
  const tableCard = (name) => (byName[name] ? h('section', { class: 'card' }, h('h2', {}, byName[name].title), shownTable(byName[name])) : null);
  return h('div', { id: 'yearly-report', 'data-year': year },
    section(`Nyckeltal ${year}`,
      h('p', { class: 'hint' }, `Jämfört med ${year - 1}. En natt räknas till dagen den börjar; en person räknas en gång per år hur många gånger hon eller han än kom.`),
      data.suppress ? h('p', { class: 'hint' }, 'Antal under 3 personer visas som «<3» (inställning under Taxor).') : null,
      keyTable),
    h('section', { class: 'card' }, h('h2', {}, 'Boendenätter per månad'), monthChart(data.report.nights_per_month), shownTable(byName.natter_manad)),
    h('div', { class: 'cards' },
      tableCard('kommuner'), tableCard('kommuntyp'), tableCard('vald'), tableCard('alder'),
      tableCard('utflyttning'), tableCard('vistelse')),
    tableCard('belaggning_manad'));
}

async function followUpPart(year, half) {
  const data = await call('statistics_follow_up', { year, half });
  return h('div', { id: 'follow-up', 'data-year': year, 'data-half': half },
    h('div', { class: 'cards' }, ...data.tables.map((t) => h('section', { class: 'card' }, h('h3', {}, t.title), shownTable(t)))));
}

async function lexSarahPart() {
  const list = await call('lex_sarah_list');
  const form = h('form', { id: 'lex-sarah-form', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'reported_on', label: 'Datum för rapporten', value: today() }),
      field({ name: 'note', label: 'Kort anteckning (inga namn)', hint: 't.ex. vad som brast, utan att någon kan kännas igen' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Logga rapporten'))));
  onSubmit(form, async () => {
    const added = await call('add_lex_sarah', { reported_on: String(valueOf(form, 'reported_on')).trim(), note: String(valueOf(form, 'note')).trim() });
    toast(added ? 'Lex Sarah-rapporten är loggad.' : 'Den rapporten finns redan i loggen.');
    document.getElementById('lex-sarah').replaceWith(await lexSarahPart());
  });
  return h('div', { id: 'lex-sarah' },
    h('p', { class: 'hint' }, 'Missförhållanden eller risker för missförhållanden som rapporterats och utretts (14 kap. 3 § SoL). Räknas i kvalitetsbilagan; orosanmälningar räknas från placeringarna.'),
    form,
    list.length
      ? h('table', { id: 'lex-sarah-list' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Datum'), h('th', { scope: 'col' }, 'Anteckning'))),
        h('tbody', {}, ...list.map((r) => h('tr', {}, h('td', { class: 'nowrap' }, r.reported_on), h('td', {}, r.note)))))
      : h('p', {}, 'Inga Lex Sarah-rapporter loggade.'));
}

export async function statisticsScreen(arg) {
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  const year = /^\d{4}$/.test(arg ?? '') ? Number(arg) : thisYear;
  const half = Number(now.slice(5, 7)) <= 6 ? 1 : 2;

  const yearForm = h('form', { id: 'year-form', class: 'filters', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'year', label: 'År', value: String(year), attrs: { inputmode: 'numeric' } }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Visa året'))));
  const yearly = h('div', {}, await yearlyPart(year));
  onSubmit(yearForm, async () => {
    const y = yearValue(yearForm);
    yearly.replaceChildren(await yearlyPart(y));
    history.replaceState(null, '', `#/statistik/${y}`);
  });

  const halfForm = h('form', { id: 'half-form', class: 'filters', novalidate: true },
    formAlert(),
    h('div', { class: 'row' },
      field({ name: 'year', label: 'År', value: String(thisYear), attrs: { inputmode: 'numeric' } }),
      select({ name: 'half', label: 'Halvår', value: String(half), options: [
        { value: '1', label: '1 januari – 30 juni' }, { value: '2', label: '1 juli – 31 december' }] }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Visa halvåret'))));
  const halfValues = () => ({ year: yearValue(halfForm), half: Number(valueOf(halfForm, 'half')) });
  const followUp = h('div', {}, await followUpPart(thisYear, half));
  onSubmit(halfForm, async () => {
    const v = halfValues();
    followUp.replaceChildren(await followUpPart(v.year, v.half));
  });

  show(
    h('section', { class: 'page', id: 'statistics-screen' },
      h('h1', {}, 'Statistik'),
      h('p', { class: 'lead' }, 'Siffrorna till verksamhetsberättelsen och uppföljningen av akutplaceringar, räknade ur registret som det ser ut nu. Inga namn eller personuppgifter finns i rapporterna.'),
      section('Verksamhetsberättelsen', yearForm,
        saveButtons('yearly', () => ({ year: Number(document.getElementById('yearly-report').dataset.year) }))),
      yearly,
      section('Uppföljning av akutplaceringar (halvår)', halfForm,
        saveButtons('followup', () => {
          const r = document.getElementById('follow-up').dataset;
          return { year: Number(r.year), half: Number(r.half) };
        }),
        followUp),
      section('Lex Sarah (kvalitetsbilagan)', await lexSarahPart()),
    ),
  );
}
