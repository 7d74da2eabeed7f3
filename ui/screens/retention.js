// Retention (gallring): what a run would remove, the earlier runs, and a run after confirming.

import { call } from '../api.js';
import { h, show, toast } from '../dom.js';
import { localTime } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/retention.js';

const t = translator(TEXT);

function facts(o) {
  return h('dl', { class: 'facts', id: 'retention-preview' },
    h('dt', {}, t('preview.people')), h('dd', {}, String(o.people)),
    h('dt', {}, t('preview.placements')), h('dd', {}, String(o.placements)),
    h('dt', {}, t('preview.corrections')), h('dd', {}, String(o.corrections)),
    h('dt', {}, t('preview.journal_notes')), h('dd', {}, String(o.journal_notes)),
    h('dt', {}, t('preview.invoices_kept')), h('dd', {}, String(o.invoices_kept)));
}

export async function retentionScreen() {
  const page = await call('retention_preview');
  const o = page.preview;
  const empty = o.people + o.placements + o.corrections + o.journal_notes === 0;
  const run = h('button', { type: 'button', class: 'primary', id: 'retention-run', disabled: empty }, t('button.run'));
  const confirm = h('div', { class: 'confirm', id: 'retention-confirm', hidden: true, role: 'alertdialog', 'aria-labelledby': 'retention-confirm-text' },
    h('p', { id: 'retention-confirm-text' }, t('confirm.text')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'retention-confirm-yes' }, t('confirm.yes')),
      h('button', { type: 'button', id: 'retention-confirm-no' }, t('confirm.no'))));
  run.addEventListener('click', () => { confirm.hidden = false; confirm.querySelector('#retention-confirm-no').focus(); });
  confirm.querySelector('#retention-confirm-no').addEventListener('click', () => { confirm.hidden = true; run.focus(); });
  confirm.querySelector('#retention-confirm-yes').addEventListener('click', async () => {
    try {
      const done = await call('retention_run');
      toast(t('toast.done', { people: done.people, placements: done.placements, notes: done.journal_notes }));
      await retentionScreen();
    } catch (err) {
      toast(err.message);
    }
  });
  show(
    h('section', { class: 'page', id: 'retention-screen' },
      h('h1', {}, t('title')),
      h('p', { class: 'subnav' }, t('subnav.administration'), ' ', h('a', { href: '#/konton' }, t('subnav.accounts')), ' · ', h('strong', {}, t('subnav.retention')), ' · ', h('a', { href: '#/sakerhetskopior' }, t('subnav.backups'))),
      h('p', { class: 'lead' }, t('lead', { details_years: page.policy.personal_details_years, journal_years: page.policy.journal_years })),
      h('h2', {}, t('today.title')),
      h('p', {}, t('today.text', { details_before: o.details_before, journal_before: o.journal_before })),
      facts(o),
      h('div', { class: 'actions' }, run),
      confirm,
      h('h2', {}, t('runs.title')),
      page.runs.length
        ? h('table', { id: 'retention-runs' },
          h('thead', {}, h('tr', {}, ...[t('runs.column.time'), t('runs.column.by'), t('runs.column.people'), t('runs.column.placements'), t('runs.column.notes'),
            t('runs.column.corrections')].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, ...page.runs.map((r) => h('tr', {},
            h('td', {}, localTime(r.run_at)), h('td', {}, r.actor), h('td', {}, String(r.people)),
            h('td', {}, String(r.placements)), h('td', {}, String(r.journal_notes)), h('td', {}, String(r.corrections))))))
        : h('p', {}, t('runs.empty'))),
  );
}
