// How an acute placement's clock is shown: the deadline, the time left, and its state in words
// (not colour alone): running, warning from 12 hours before, overdue, or stopped.

import { h } from '../dom.js';
import { localTime, duration } from '../format.js';
import { translator } from '../i18n.js';
import { TEXT } from '../locales/acute-clock.js';

const t = translator(TEXT);

const STATES = {
  running: { label: t('state.running'), class: 'badge' },
  warning: { label: t('state.warning'), class: 'badge warn' },
  overdue: { label: t('state.overdue'), class: 'badge danger' },
  stopped: { label: t('state.stopped'), class: 'badge ok' },
};

export function clockText(clock) {
  if (clock.state === 'stopped') {
    return clock.decision
      ? t('text.decided')
      : t('text.all_out');
  }
  if (clock.minutes_left < 0) return t('text.overdue', { deadline: localTime(clock.deadline), ago: duration(clock.minutes_left) });
  return t('text.left', { left: duration(clock.minutes_left), deadline: localTime(clock.deadline) });
}

export function clockBadge(clock) {
  const s = clock.state === 'stopped' && !clock.decision ? { label: t('state.moved_out'), class: 'badge' } : STATES[clock.state] ?? STATES.running;
  return h('span', { class: s.class, 'data-clock-state': clock.state }, s.label);
}
