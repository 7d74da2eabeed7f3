// Who is signed in, as the program last said. Screens use it only to hide what the role may not
// do; the program itself refuses such calls whatever the screen shows.
import { translator } from './i18n.js';
import { TEXT } from './locales/common.js';

const t = translator(TEXT);

let current = null;
let allowed = new Set();

/** The signed-in account and the actions its role allows, as the program's table says. */
export function setUser(user, may) {
  current = user ?? null;
  allowed = new Set(current ? may ?? [] : []);
}

export function user() {
  return current;
}

/** Whether the signed-in account may do `action` (a name in the program's permission table). */
export function can(action) {
  return allowed.has(action);
}

export const roleLabels = { staff: t('role.staff'), manager: t('role.manager'), admin: t('role.admin') };
