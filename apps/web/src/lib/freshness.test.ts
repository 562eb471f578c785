import type { SourceStatus } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { describeSourceProblem, oldestAge, sourceAges, sourceProblems } from './freshness.ts';

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
      {
        id: 'em-dr',
        status: 'degraded',
        stale: true,
        asOf: '2026-11-24T09:48:00.000Z',
        ageSeconds: 12 * 60 + 30,
        error: 'No answer in 20 s',
      },
      { id: 'vro', status: 'down', stale: true, asOf: null, ageSeconds: null, error: 'Connection refused' },
    ]);
  });

  it('says which data may be out of date and how old it is', () => {
    expect(
      describeSourceProblem({
        id: 'em-dr',
        status: 'ok',
        stale: true,
        asOf: null,
        ageSeconds: 750,
        error: null,
      }),
    ).toBe('Data from em-dr may be out of date: it is 12 min old (stale).');
    expect(
      describeSourceProblem({
        id: 'em-dr',
        status: 'down',
        stale: true,
        asOf: null,
        ageSeconds: 7380,
        error: null,
      }),
    ).toBe('Data from em-dr may be out of date: it is 2 h 3 min old (source down).');
    expect(
      describeSourceProblem({
        id: 'vro',
        status: 'down',
        stale: true,
        asOf: null,
        ageSeconds: null,
        error: null,
      }),
    ).toBe('No data from vro: the source is down, so its items are missing.');
  });
});

describe('a source that refused the sign-in', () => {
  it('is a problem source, named as such', () => {
    const refused: SourceStatus = {
      id: 'vro',
      status: 'auth_failed',
      asOf: '2026-11-24T09:30:00.000Z',
      stale: true,
    };
    const [problem] = sourceProblems([refused], asOf);
    expect(problem).toMatchObject({ id: 'vro', status: 'auth_failed', ageSeconds: 1800 });
    expect(describeSourceProblem(problem!)).toBe(
      'Data from vro may be out of date: it is 30 min old (sign-in refused).',
    );
    expect(describeSourceProblem({ ...problem!, ageSeconds: null })).toBe(
      "No data from vro: it refused Lifeboat's sign-in, so its items are missing.",
    );
  });
});

describe('sourceAges and oldestAge', () => {
  it('gives every enabled source the age of its data now, and the oldest of them', () => {
    const ages = sourceAges(
      [
        { id: 'em-hq', status: 'ok', asOf: '2026-11-24T09:59:00.000Z', stale: false },
        { id: 'em-dr', status: 'degraded', asOf: '2026-11-24T09:40:00.000Z', stale: true },
        { id: 'vro', status: 'down', asOf: null, stale: true },
        { id: 'vspc', status: 'disabled', asOf: '2026-11-20T00:00:00.000Z', stale: true },
      ],
      asOf,
      10,
    );
    expect(ages.map((a) => [a.id, a.ageSeconds])).toEqual([
      ['em-hq', 70],
      ['em-dr', 1210],
      ['vro', null],
    ]);
    expect(oldestAge(ages)).toBe(1210);
    expect(oldestAge([])).toBeNull();
  });
});
