// How an acute placement's clock is shown: the deadline, the time left, and its state in words
// (not colour alone): running, warning from 12 hours before, overdue, or stopped.

import { h } from '../dom.js';
import { localTime, duration } from '../format.js';

const STATES = {
  running: { label: 'Pågår', class: 'badge' },
  warning: { label: 'Mindre än 12 timmar kvar', class: 'badge warn' },
  overdue: { label: 'Försenad', class: 'badge danger' },
  stopped: { label: 'Avgjord', class: 'badge ok' },
};

export function clockText(clock) {
  if (clock.state === 'stopped') {
    return clock.decision
      ? 'Relationsvåldsenheten har beslutat; klockan är stoppad.'
      : 'Alla har flyttat ut; klockan är stoppad.';
  }
  if (clock.minutes_left < 0) return `Två dygn passerade ${localTime(clock.deadline)} (${duration(clock.minutes_left)} sedan)`;
  return `${duration(clock.minutes_left)} kvar, till ${localTime(clock.deadline)}`;
}

export function clockBadge(clock) {
  const s = clock.state === 'stopped' && !clock.decision ? { label: 'Utflyttad', class: 'badge' } : STATES[clock.state] ?? STATES.running;
  return h('span', { class: s.class, 'data-clock-state': clock.state }, s.label);
}
