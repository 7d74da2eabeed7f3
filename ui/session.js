// Who is signed in, as the program last said. Screens use it only to hide what the role may not
// do; the program itself refuses such calls whatever the screen shows.

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

export const roleLabels = { staff: 'Personal', manager: 'Chef', admin: 'Administratör' };
