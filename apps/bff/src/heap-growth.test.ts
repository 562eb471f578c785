import { describe, expect, it } from 'vitest';
import { GROWING_PERCENT, growingPercent, STEADY_PERCENT } from './heap-growth.ts';

const MB = 1024 * 1024;

describe('the heap growing percent after a full collection', () => {
  it('stays small from the first collection on while what is live grows', () => {
    expect(growingPercent(GROWING_PERCENT, 0, 8 * MB, false)).toBe(GROWING_PERCENT);
    // A first sync: 3 to 10% more live at each full collection.
    expect(growingPercent(GROWING_PERCENT, 350 * MB, 361 * MB, false)).toBe(GROWING_PERCENT);
  });

  it('turns large once what is live holds steady or shrinks', () => {
    expect(growingPercent(GROWING_PERCENT, 418 * MB, 418 * MB, false)).toBe(STEADY_PERCENT);
    expect(growingPercent(GROWING_PERCENT, 424 * MB, 390 * MB, false)).toBe(STEADY_PERCENT);
  });

  it('stays large while what is live wavers, and turns small when it grows again', () => {
    expect(growingPercent(STEADY_PERCENT, 418 * MB, 431 * MB, false)).toBe(STEADY_PERCENT);
    expect(growingPercent(STEADY_PERCENT, 431 * MB, 418 * MB, false)).toBe(STEADY_PERCENT);
    // A full read after a steady spell (a reconcile) builds its map beside the one served.
    expect(growingPercent(STEADY_PERCENT, 418 * MB, 470 * MB, false)).toBe(GROWING_PERCENT);
  });

  it('stays small while a full read runs, however little what is live grew', () => {
    expect(growingPercent(GROWING_PERCENT, 350 * MB, 352 * MB, true)).toBe(GROWING_PERCENT);
    expect(growingPercent(STEADY_PERCENT, 418 * MB, 418 * MB, true)).toBe(GROWING_PERCENT);
  });
});
