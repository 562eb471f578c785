// Paging through the query service as a client does: page 1, 2, 3 ... of one query, each page
// served from the query's result set, and a new query (page 1 again) seeing what has changed since.
// The world clock is frozen and the tests move it forward (no sleeps).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { emClient, list, type EmClient } from './helpers/em-client.ts';

type Node = Record<string, unknown>;
const EPOCH = new Date('2026-01-15T12:00:00.000Z');
const HOUR = 3_600_000;

let sim: RunningSimulator;
let em: EmClient;

beforeAll(async () => {
  sim = await startSimulator({ epoch: EPOCH, speed: 0 });
  em = await emClient(sim);
});
afterAll(() => sim.close());

const guidOf = (uid: unknown) => String(uid).split(':').at(-1) as string;
const now = () => sim.world.clock.now();
const pointsNow = () => [...sim.world.points.all(now())];

interface Page {
  guids: string[];
  pagesCount: number;
}

async function page(type: string, params: string, number: number, client = em): Promise<Page> {
  const response = await client.get(`/api/query?type=${type}&format=Entities&${params}&page=${number}`);
  expect(response.status, response.text).toBe(200);
  const result = response.xml.QueryResult as Node;
  const entities = (result.Entities as Node)[`${type}s`] as Node;
  return {
    guids: list<Node>(entities[type]).map((item) => guidOf(item['@_UID'])),
    pagesCount: Number((result.PagingInfo as Node)['@_PagesCount']),
  };
}

/** Every page of a query, as a client reads it: page 1, then on up to the PagesCount it gives. */
async function readAll(type: string, params: string, between: () => void = () => {}) {
  const first = await page(type, params, 1);
  const guids = [...first.guids];
  for (let number = 2; number <= first.pagesCount; number++) {
    between();
    const next = await page(type, params, number);
    expect(next.pagesCount).toBe(first.pagesCount);
    guids.push(...next.guids);
  }
  return { guids, pagesCount: first.pagesCount };
}

const filterParam = (filter: string) => `filter=${encodeURIComponent(filter)}`;

describe('paging through the query service', () => {
  it('returns every item exactly once with the right PagesCount, filtered and sorted too', async () => {
    const expected = pointsNow();
    const all = await readAll('CloudVmReplicaPoint', 'pageSize=7');
    expect(all.pagesCount).toBe(Math.ceil(expected.length / 7));
    expect(all.guids).toEqual(expected.map((point) => point.uid));

    const vm = sim.world.vms[1];
    const ofVm = await readAll('CloudVmReplicaPoint', `pageSize=3&${filterParam(`vmName=="${vm?.name}"`)}`);
    const vmPoints = expected.filter((point) => point.vm === vm);
    expect(ofVm.pagesCount).toBe(Math.ceil(vmPoints.length / 3));
    expect(ofVm.guids).toEqual(vmPoints.map((point) => point.uid));

    const newestFirst = await readAll('CloudVmReplicaPoint', 'pageSize=9&sortDesc=CreationTime');
    const byTime = [...expected].sort((a, b) => b.creationMs - a.creationMs);
    expect(newestFirst.guids).toEqual(byTime.map((point) => point.uid));
  });

  it('serves the later pages of a query from the moment of its first page, however the clock moves', async () => {
    const expected = pointsNow().map((point) => point.uid);
    // An hour between pages: points come and go, yet the pages still add up to the first page's set.
    const read = await readAll('CloudVmReplicaPoint', 'pageSize=5', () => sim.world.clock.advance(HOUR));
    expect(read.guids).toEqual(expected);
    expect(new Set(read.guids).size).toBe(expected.length);
  });

  it('shows a point created between two queries in the second', async () => {
    const before = await readAll('CloudVmReplicaPoint', 'pageSize=11');
    sim.world.clock.advance(HOUR);
    const after = await readAll('CloudVmReplicaPoint', 'pageSize=11');
    const created = after.guids.filter((guid) => !before.guids.includes(guid));
    expect(created.length).toBeGreaterThan(0);
    expect(after.guids).toEqual(pointsNow().map((point) => point.uid));
  });

  it('returns exactly the points created at or after a time, in each accepted date form', async () => {
    const points = pointsNow();
    const times = points.map((point) => point.creationMs).sort((a, b) => a - b);
    // A point's own creation time, to the millisecond: the bound includes it.
    const sinceMs = times[Math.floor(times.length / 2)] as number;
    const expected = points.filter((point) => point.creationMs >= sinceMs).map((point) => point.uid);
    expect(expected.length).toBeLessThan(points.length);
    const iso = new Date(sinceMs).toISOString();
    const read = await readAll('CloudVmReplicaPoint', `pageSize=4&${filterParam(`creationTime>="${iso}"`)}`);
    expect(read.guids).toEqual(expected);
    expect(read.pagesCount).toBe(Math.ceil(expected.length / 4));

    // OR with another field: older points of that VM match too, so none may be skipped.
    const vm = points.find((point) => point.creationMs < sinceMs)?.vm;
    const either = await readAll(
      'CloudVmReplicaPoint',
      `pageSize=6&${filterParam(`creationTime>="${iso}",vmName=="${vm?.name}"`)}`,
    );
    const ofEither = points.filter((point) => point.creationMs >= sinceMs || point.vm === vm);
    expect(ofEither.length).toBeGreaterThan(expected.length);
    expect(either.guids).toEqual(ofEither.map((point) => point.uid));

    // Whole seconds: ISO 8601 with or without Z, quoted or not, or with a space as the point's Name writes it.
    const secondMs = Math.ceil(sinceMs / 1000) * 1000;
    const fromSecond = points.filter((point) => point.creationMs >= secondMs).map((point) => point.uid);
    const seconds = new Date(secondMs).toISOString().slice(0, 19);
    for (const value of [`"${seconds}Z"`, seconds, `${seconds.replace('T', ' ')}`, `"${seconds}+00:00"`]) {
      const answer = await readAll(
        'CloudVmReplicaPoint',
        `pageSize=50&${filterParam(`CreationTime>=${value}`)}`,
      );
      expect(answer.guids, value).toEqual(fromSecond);
    }
  });

  it('shows a failover session started between two queries in the second, by creation time', async () => {
    const since = new Date(now()).toISOString();
    const params = `pageSize=2&${filterParam(`creationTime>="${since}"`)}`;
    expect((await readAll('CloudFailoverSession', params)).guids).toEqual([]);
    const run = sim.world.runs.start({ plan: 0, operation: 'test', origin: 'EnterpriseManager' });
    expect((await readAll('CloudFailoverSession', params)).guids).toEqual([run.session?.uid]);
    const all = await readAll('CloudFailoverSession', 'pageSize=6');
    expect(all.guids).toEqual(sim.world.sessions.map((session) => session.uid));
  });

  it("keeps one client's paging apart from another client starting the same query over", async () => {
    const other = await emClient(sim);
    const expected = pointsNow().map((point) => point.uid);
    const first = await page('CloudVmReplicaPoint', 'pageSize=8', 1);
    sim.world.clock.advance(HOUR);
    await page('CloudVmReplicaPoint', 'pageSize=8', 1, other);
    const guids = [...first.guids];
    for (let number = 2; number <= first.pagesCount; number++) {
      guids.push(...(await page('CloudVmReplicaPoint', 'pageSize=8', number)).guids);
    }
    expect(guids).toEqual(expected);
  });
});
