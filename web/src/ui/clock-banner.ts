// The terminal's clock is off the acquirer's by more than ±2 minutes (heartbeat.ts
// measures it): said on the start screen in both languages at once, with what to do,
// before payments start to be refused (the acquirer's window is 5 minutes). It goes
// when a later heartbeat finds the clock right.
import { t } from './i18n';
import type { AppState } from './state';

/** Whole minutes off, at least 1 (a skew just past 2 min reads "2", never "0"). */
export function minutesOff(skewMs: number): number {
  return Math.max(1, Math.round(Math.abs(skewMs) / 60_000));
}

export function clockBanner(s: AppState): string {
  if (s.clockSkewMs === undefined || (s.view !== 'amount' && s.view !== 'idle')) return '';
  const n = minutesOff(s.clockSkewMs);
  const lines = (['zh-CN', 'en'] as const)
    .map((L) => `<p lang="${L}">${t('clock.off', L, { n })}</p>`)
    .join('');
  return `<div class="offline clock" role="alert" data-clock-off="${Math.round(s.clockSkewMs)}">${lines}</div>`;
}
