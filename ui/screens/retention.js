// Retention (gallring): what a run would remove, the earlier runs, and a run after confirming.

import { call } from '../api.js';
import { h, show, toast } from '../dom.js';
import { localTime } from '../format.js';

function facts(o) {
  return h('dl', { class: 'facts', id: 'retention-preview' },
    h('dt', {}, 'Personer vars namn, personnummer och födelsedatum tas bort'), h('dd', {}, String(o.people)),
    h('dt', {}, 'Placeringar vars fritext och ändringshistorik tas bort'), h('dd', {}, String(o.placements)),
    h('dt', {}, 'Ändringsposter som tas bort'), h('dd', {}, String(o.corrections)),
    h('dt', {}, 'Journalanteckningar som tas bort'), h('dd', {}, String(o.journal_notes)),
    h('dt', {}, 'Fakturor som behålls'), h('dd', {}, String(o.invoices_kept)));
}

export async function retentionScreen() {
  const page = await call('retention_preview');
  const o = page.preview;
  const empty = o.people + o.placements + o.corrections + o.journal_notes === 0;
  const run = h('button', { type: 'button', class: 'primary', id: 'retention-run', disabled: empty }, 'Gallra nu');
  const confirm = h('div', { class: 'confirm', id: 'retention-confirm', hidden: true, role: 'alertdialog', 'aria-labelledby': 'retention-confirm-text' },
    h('p', { id: 'retention-confirm-text' }, 'Det som räknas upp ovan tas bort för gott och kan inte återställas, annat än från en äldre säkerhetskopia. Fortsätta?'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'retention-confirm-yes' }, 'Ja, gallra'),
      h('button', { type: 'button', id: 'retention-confirm-no' }, 'Avbryt')));
  run.addEventListener('click', () => { confirm.hidden = false; confirm.querySelector('#retention-confirm-no').focus(); });
  confirm.querySelector('#retention-confirm-no').addEventListener('click', () => { confirm.hidden = true; run.focus(); });
  confirm.querySelector('#retention-confirm-yes').addEventListener('click', async () => {
    try {
      const done = await call('retention_run');
      toast(`Gallrat: ${done.people} personer, ${done.placements} placeringar, ${done.journal_notes} anteckningar.`);
      await retentionScreen();
    } catch (err) {
      toast(err.message);
    }
  });
  show(
    h('section', { class: 'page', id: 'retention-screen' },
      h('h1', {}, 'Gallring'),
      h('p', { class: 'subnav' }, 'Administration: ', h('a', { href: '#/konton' }, 'Konton'), ' · ', h('strong', {}, 'Gallring'), ' · ', h('a', { href: '#/sakerhetskopior' }, 'Säkerhetskopior')),
      h('p', { class: 'lead' }, `Uppgifter om personer tas bort ${page.policy.personal_details_years} år efter att deras sista vistelse slutade, `
        + `journalanteckningar efter ${page.policy.journal_years} år (tiderna ändras under Taxor och inställningar). `
        + 'Fakturor tas aldrig bort: de innehåller inga namn och ska sparas i sju år enligt bokföringslagen. Statistiken för tidigare år blir densamma.'),
      h('h2', {}, `En gallring i dag`),
      h('p', {}, `Vistelser som slutade före ${o.details_before} (personuppgifter) och före ${o.journal_before} (journal).`),
      facts(o),
      h('div', { class: 'actions' }, run),
      confirm,
      h('h2', {}, 'Tidigare gallringar'),
      page.runs.length
        ? h('table', { id: 'retention-runs' },
          h('thead', {}, h('tr', {}, ...['Tid', 'Av', 'Personer', 'Placeringar', 'Anteckningar', 'Ändringsposter'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...page.runs.map((r) => h('tr', {},
            h('td', {}, localTime(r.run_at)), h('td', {}, r.actor), h('td', {}, String(r.people)),
            h('td', {}, String(r.placements)), h('td', {}, String(r.journal_notes)), h('td', {}, String(r.corrections))))))
        : h('p', {}, 'Ingen gallring har gjorts.')),
  );
}
