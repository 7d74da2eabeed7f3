// The only way the page talks to the program: Fristad's own commands over Tauri's IPC.
// Errors come back as {code, message, field}; the message is Swedish and meant to be shown as is.

import { translator } from './i18n.js';
import { TEXT } from './locales/common.js';

const t = translator(TEXT);

export async function call(command, input) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (!invoke) {
    throw { code: 'no_program', message: t('error.no_program') };
  }
  try {
    return await invoke(command, input === undefined ? {} : { input });
  } catch (err) {
    if (err && typeof err === 'object' && 'message' in err) throw err;
    throw { code: 'internal', message: t('error.unexpected', { error: String(err) }) };
  }
}
