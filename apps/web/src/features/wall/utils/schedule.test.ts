import { describe, expect, it } from 'vitest';
import { msUntilCycle, nextCycle, panelIndex, secondsToNextRefresh } from './schedule.ts';

const start = 1_000_000;

describe('panel rotation', () => {
  it('shows each panel for the period, then the next, and starts over after the last', () => {
    const at = (seconds: number) => panelIndex(start, start + seconds * 1000, 15_000, 4);
    expect([0, 14.9, 15, 29.9, 30, 45, 59.9, 60, 75].map(at)).toEqual([0, 0, 1, 1, 2, 3, 3, 0, 1]);
  });

  it('stays on the first panel for a clock set back, and with nothing to rotate', () => {
    expect(panelIndex(start, start - 60_000, 15_000, 4)).toBe(0);
    expect(panelIndex(start, start + 60_000, 15_000, 0)).toBe(0);
  });
});

describe('the refresh countdown', () => {
  it('counts down whole seconds from the period to 1, never showing 0', () => {
    const at = (ms: number) => secondsToNextRefresh(start, start + ms, 15_000);
    expect([0, 1, 999, 1_000, 14_000, 14_001, 14_999, 15_000, 15_001].map(at)).toEqual([
      15, 15, 15, 14, 1, 1, 1, 15, 15,
    ]);
  });

  it('agrees with the refresh timer: the next cycle is due when the countdown ends', () => {
    const now = start + 21_500;
    expect(nextCycle(start, now, 15_000)).toBe(2);
    expect(msUntilCycle(start, now, 15_000, 2)).toBe(8_500);
    expect(secondsToNextRefresh(start, now, 15_000)).toBe(9);
  });

  it('never schedules a cycle in the past, and a timer firing early still aims at the next one', () => {
    expect(msUntilCycle(start, start + 40_000, 15_000, 2)).toBe(0);
    // A timer set for cycle 2 that fires 1 ms early: the next due is cycle 2 again, so the caller keeps cycle + 1.
    expect(nextCycle(start, start + 29_999, 15_000)).toBe(2);
    expect(nextCycle(start, start + 30_000, 15_000)).toBe(3);
  });
});
