// The simulator's answers have the shape of Veeam's documented examples: for each example in
// test/fixtures/veeam-examples, the simulator's twin response has the same keys, recursively, with
// values of the same JSON types. The one key allowed beyond an example is the envelope's `errors`
// (null on success), which the OpenAPI schema defines and the examples leave out.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/fault-injection/api-server.ts';
import { startServiceProviderConsoleServer } from '../src/service-provider-console/service-provider-console-server.ts';
import { createWorld, type World } from '../src/world/world.ts';

const FIXTURES = new URL('./fixtures/veeam-examples/', import.meta.url);
const ENVELOPE_EXTRAS = new Set(['errors']);

/** An example's JSON: the file without its first line (the source comment). */
function example(name: string): unknown {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n') + 1));
}

/** The seed document's example response: the JSON after "Response Body:" on its last line. */
function seedResponse(): unknown {
  const text = readFileSync(new URL('service-provider-console-replication-vm-job.txt', FIXTURES), 'utf8');
  const match = /Response Body:\s*(\{.*\})\s*\|?\s*$/s.exec(text);
  if (!match) throw new Error('the seed document has no example response body');
  return JSON.parse(match[1] as string);
}

const jsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Differences between the shape of `actual` and `expected`, as readable paths (empty when alike). */
function shapeDifferences(
  actual: unknown,
  expected: unknown,
  path = '$',
  extras: ReadonlySet<string> = new Set(),
): string[] {
  if (jsonType(actual) !== jsonType(expected))
    return [`${path}: ${jsonType(actual)} where the example has ${jsonType(expected)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0 || actual.length === 0) return [];
    return actual.flatMap((item, index) => shapeDifferences(item, expected[0], `${path}[${index}]`));
  }
  if (jsonType(expected) !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const missing = Object.keys(e)
    .filter((key) => !(key in a))
    .map((key) => `${path}.${key}: missing`);
  const extra = Object.keys(a)
    .filter((key) => !(key in e) && !extras.has(key))
    .map((key) => `${path}.${key}: not in the example`);
  const nested = Object.keys(e)
    .filter((key) => key in a)
    .flatMap((key) => shapeDifferences(a[key], e[key], `${path}.${key}`));
  return [...missing, ...extra, ...nested];
}

describe('Service Provider Console answers have the shape of the documentation examples', () => {
  let world: World;
  let server: ApiServer;
  let token: string;

  beforeAll(async () => {
    world = createWorld({ scale: 'small', seed: 1, speed: 0, epoch: new Date('2025-03-01T12:00:00Z') });
    server = await startServiceProviderConsoleServer(world, {
      host: '127.0.0.1',
      port: 0,
      username: 'vspc\\admin',
      password: 'secret',
    });
    const response = await fetch(`${server.url}/api/v3/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: 'vspc\\admin', password: 'secret' }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  afterAll(() => server.close());

  async function twin(path: string, status: number): Promise<unknown> {
    const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(status);
    return response.json();
  }

  it('the seed document: GET …/jobs/replicationVmJobs/{jobUid}', async () => {
    // A job that sends its data through WAN accelerators: the example's accelerator UIDs are strings.
    const job = world.jobs.find((candidate) => candidate.index % 3 === 0)!;
    const actual = await twin(`/api/v3/infrastructure/backupServers/jobs/replicationVmJobs/${job.uid}`, 200);
    expect(shapeDifferences(actual, seedResponse(), '$', ENVELOPE_EXTRAS)).toEqual([]);
  });

  it('vspc_get_backupServers_uid_jobs_replicationVmJobs_objects.json', async () => {
    const actual = await twin(
      `/api/v3/infrastructure/backupServers/${world.backupServers[0]!.uid}/jobs/replicationVmJobs/objects`,
      200,
    );
    expect((actual as { data: unknown[] }).data.length).toBeGreaterThan(0);
    const expected = example('vspc_get_backupServers_uid_jobs_replicationVmJobs_objects.json');
    expect(shapeDifferences(actual, expected, '$', ENVELOPE_EXTRAS)).toEqual([]);
  });

  it('vspc_error_400.json: the error body, word for word for the same mistake', async () => {
    const actual = await twin('/api/v3/infrastructure/backupServers/jobs/replicationVmJobs?offset=-1', 400);
    expect(actual).toEqual(example('vspc_error_400.json'));
  });

  it('vspc_get_asyncActions.json and vspc_get_asyncActions_id.json: the collection and item envelopes', async () => {
    const collection = (await twin(
      '/api/v3/infrastructure/backupServers/jobs/replicationVmJobs',
      200,
    )) as Record<string, unknown>;
    const expectedCollection = example('vspc_get_asyncActions.json') as Record<string, unknown>;
    expect(
      shapeDifferences(
        { ...collection, data: [] },
        { ...expectedCollection, data: [] },
        '$',
        ENVELOPE_EXTRAS,
      ),
    ).toEqual([]);
    const item = (await twin(
      `/api/v3/infrastructure/backupServers/jobs/replicationVmJobs/${world.jobs[0]!.uid}`,
      200,
    )) as Record<string, unknown>;
    const expectedItem = example('vspc_get_asyncActions_id.json') as Record<string, unknown>;
    expect(
      shapeDifferences({ ...item, data: {} }, { ...expectedItem, data: {} }, '$', ENVELOPE_EXTRAS),
    ).toEqual([]);
  });

  it('a 401 and a 429 keep the error body shape', async () => {
    const unauthorized = await fetch(
      `${server.url}/api/v3/infrastructure/backupServers/jobs/replicationVmJobs`,
    );
    // The documented 400 names the parameter at fault; an authentication error has none to name.
    const { message, type, code } = (example('vspc_error_400.json') as { errors: Record<string, unknown>[] })
      .errors[0]!;
    expect(shapeDifferences(await unauthorized.json(), { errors: [{ message, type, code }] })).toEqual([]);
    await server.applyFaults({ api: 'serviceProviderConsole', status: 429, retryAfterSeconds: 25, count: 1 });
    const throttled = await twin('/api/v3/infrastructure/backupServers/jobs/replicationVmJobs', 429);
    // The throttling page's example: {"errors":[{"type":"transport","code":429,"retryAfter":25}]}.
    expect(
      shapeDifferences(throttled, { errors: [{ type: 'transport', code: 429, retryAfter: 25 }] }),
    ).toEqual([]);
  });
});
