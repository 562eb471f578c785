import type { SourceStatus } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { ageNow, ageText, answerAge, wallClock, whenText, zoneName } from './data-age.ts';

const asOf = '2026-11-24T10:00:00.000Z';
const received = 5_000_000;

describe('the age of the data on a tile', () => {
  it('is measured on the server clock, plus the time since the answer arrived', () => {
    expect(ageNow('2026-11-24T09:58:00.000Z', asOf, received, received)).toBe(120);
    expect(ageNow('2026-11-24T09:58:00.000Z', asOf, received, received + 12_000)).toBe(132);
    // Server clock skew (data "newer" than the answer) counts as fresh, never negative.
    expect(ageNow('2026-11-24T10:00:05.000Z', asOf, received, received)).toBe(0);
  });

  it('of a summary is the age of its oldest source; disabled sources and sources without data do not count', () => {
    const sources: SourceStatus[] = [
      { id: 'a', status: 'ok', asOf: '2026-11-24T09:59:30.000Z', stale: false },
      { id: 'b', status: 'degraded', asOf: '2026-11-24T09:40:00.000Z', stale: true },
      { id: 'c', status: 'disabled', asOf: '2026-11-20T00:00:00.000Z', stale: true },
      { id: 'd', status: 'down', asOf: null, stale: true },
    ];
    expect(answerAge({ asOf, sources }, received, received + 5_000)).toEqual({
      asOf: '2026-11-24T09:40:00.000Z',
      ageSeconds: 1205,
    });
  });

  it('of an answer without source data is the age of the answer itself', () => {
    expect(answerAge({ asOf, sources: [] }, received, received + 3_000)).toEqual({ asOf, ageSeconds: 3 });
  });
});

describe('age text', () => {
  it('says when and how long ago, in seconds while it is short', () => {
    const clock = wallClock('2026-11-24T09:58:00.000Z');
    expect(clock).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(ageText({ asOf: '2026-11-24T09:58:00.000Z', ageSeconds: 12 })).toBe(`as of ${clock}, 12 s ago`);
    expect(ageText({ asOf: '2026-11-24T09:58:00.000Z', ageSeconds: 132.4 })).toBe(
      `as of ${clock}, 2 min 12 s ago`,
    );
    expect(whenText({ asOf: '2026-11-24T09:58:00.000Z', ageSeconds: 0 })).toBe(`${clock}, 0 s ago`);
  });

  it("names the display's time zone for its clock", () => {
    const zone = zoneName(Date.parse('2026-11-24T09:58:00.000Z'));
    expect(zone).toMatch(/^(UTC|GMT([+-]\d{1,2}(:\d{2})?)?|[A-Z]{2,5})$/);
  });

  it('names the day once the data is half a day old, so an old time is not read as today', () => {
    const text = ageText({ asOf: '2026-11-23T09:58:00.000Z', ageSeconds: 13 * 3600 });
    expect(text).toMatch(/^as of 23 Nov \d{2}:\d{2}:\d{2}, 13 h ago$/);
  });
});
