// Who is signed in, as the program last said. Screens use it only to hide what the role may not
// do; the program itself refuses such calls whatever the screen shows.
import { translator } from './i18n.js';
import { TEXT } from './locales/common.js';

const t = translator(TEXT);

const rank = { staff: 1, manager: 2, admin: 3 };
let current = null;

export function setUser(user) {
  current = user ?? null;
}

export function user() {
  return current;
}

/** Whether the signed-in account has at least `role`. */
export function can(role) {
  return current !== null && rank[current.role] >= rank[role];
}

export const roleLabels = { staff: t('role.staff'), manager: t('role.manager'), admin: t('role.admin') };
