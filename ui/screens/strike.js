// Striking out an entry recorded wrongly (a support contact, a request for a place): kept and
// listed crossed over with why, never counted; the right one is recorded anew. The reason's field
// is named by the entry, so that one list's many forms stay apart.

import { call } from '../api.js';
import { h, field, formAlert, onSubmit, valueOf, toast } from '../dom.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/strike.js';

const t = translator(TEXT);

/** The last cell of an entry's row: why it was struck out, or the form that strikes it out. */
export function strikeCell(command, entry, reload) {
  if (entry.struck) {
    return h('td', { class: 'struck-why' }, t('struck', { reason: entry.struck.reason, by: entry.struck.by }));
  }
  const name = `strike.${entry.id}.reason`;
  const form = h('form', { class: 'inline-form', id: `strike-${entry.id}`, novalidate: true },
    formAlert(),
    field({ name, label: t('field.reason') }),
    h('button', { type: 'submit' }, t('button.strike')));
  onSubmit(form, async () => {
    try {
      await call(command, { id: entry.id, reason: String(valueOf(form, name)).trim() });
    } catch (err) {
      throw err?.field === 'reason' ? { ...err, message: err.message, field: name } : err;
    }
    toast(t('toast.struck'));
    await reload();
  });
  return h('td', {}, h('details', { class: 'row-action strike' }, h('summary', {}, t('summary')), form));
}
