// Swedish presentation of the program's machine values. Money arrives as kronor strings with
// two decimals ("550000.00") and is formatted by string operations: no floating point.

const NBSP = '\u00a0';

export function kronor(decimal) {
  const negative = decimal.startsWith('-');
  const [whole, frac = '00'] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '−' : ''}${grouped},${frac.padEnd(2, '0')}${NBSP}kr`;
}

export function days(n) {
  return n === 1 ? '1 dag' : `${n} dagar`;
}
