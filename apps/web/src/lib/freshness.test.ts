import type { SourceStatus } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { describeSourceProblem, sourceProblems } from './freshness.ts';

const asOf = '2026-11-24T10:00:00.000Z';

describe('sourceProblems', () => {
  it('lists stale, degraded and down sources with the age of their data, skipping fresh and disabled ones', () => {
    const sources: SourceStatus[] = [
      { id: 'em-hq', status: 'ok', asOf: '2026-11-24T09:59:30.000Z', stale: false },
      {
        id: 'em-dr',
        status: 'degraded',
        asOf: '2026-11-24T09:48:00.000Z',
        stale: true,
        error: { code: 'timeout', message: 'No answer in 20 s' },
      },
      {
        id: 'vro',
        status: 'down',
        asOf: null,
        stale: true,
        error: { code: 'request_failed', message: 'Connection refused' },
      },
      { id: 'vspc', status: 'disabled', asOf: null, stale: false },
    ];
    expect(sourceProblems(sources, asOf, 30)).toEqual([
      { id: 'em-dr', status: 'degraded', stale: true, ageSeconds: 12 * 60 + 30, error: 'No answer in 20 s' },
      { id: 'vro', status: 'down', stale: true, ageSeconds: null, error: 'Connection refused' },
    ]);
  });

  it('says which data may be out of date and how old it is', () => {
    expect(
      describeSourceProblem({ id: 'em-dr', status: 'ok', stale: true, ageSeconds: 750, error: null }),
    ).toBe('Data from em-dr may be out of date: it is 12 min old (stale).');
    expect(
      describeSourceProblem({ id: 'em-dr', status: 'down', stale: true, ageSeconds: 7380, error: null }),
    ).toBe('Data from em-dr may be out of date: it is 2 h 3 min old (source down).');
    expect(
      describeSourceProblem({ id: 'vro', status: 'down', stale: true, ageSeconds: null, error: null }),
    ).toBe('No data from vro: the source is down, so its items are missing.');
  });
});
