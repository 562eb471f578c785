// The simulated Service Provider Console REST API v3, driven over HTTP the way Veeam documents it:
// OAuth tokens from /api/v3/token, bearer-authenticated GETs, the {meta, data, errors} envelope,
// limit/offset/filter/sort/expand, and the console's error bodies (HTTP 520 for server errors, 429
// with retryAfter for throttling).

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiServer } from '../src/fault-injection/api-server.ts';
import { createServiceProviderConsoleApi } from '../src/service-provider-console/service-provider-console-api.ts';
import { startServiceProviderConsoleServer } from '../src/service-provider-console/service-provider-console-server.ts';
import { createWorld, type World } from '../src/world/world.ts';

const USERNAME = 'vspc\\lifeboat';
const PASSWORD = 'correct horse';
const EPOCH = new Date('2025-03-01T12:00:00Z');
const JOBS_PATH = '/api/v3/infrastructure/backupServers/jobs/replicationVmJobs';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}[+-]\d{2}:\d{2}$/;

interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}
interface ErrorBody {
  errors: { message?: string; type: string; code: number; parameterName?: string; retryAfter?: number }[];
}
type Item = Record<string, unknown> & { instanceUid: string };
interface Page {
  meta: { pagingInfo: { total: number; count: number; offset: number } };
  data: Item[];
  errors: null;
}
interface BackupServerJob {
  name: string;
  status: string;
  type: string;
  lastRun: string;
  lastEndTime: string;
  lastDuration: number;
  failureMessage: string | null;
  lastSessionTasks: { objectUid: string; status: string; endTime: string | null }[];
  [key: string]: unknown;
}

function start(world: World, accessMinutes?: number): Promise<ApiServer> {
  return startServiceProviderConsoleServer(world, {
    host: '127.0.0.1',
    port: 0,
    username: USERNAME,
    password: PASSWORD,
    accessMinutes,
  });
}

function postToken(server: ApiServer, fields: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/api/v3/token`, { method: 'POST', body: new URLSearchParams(fields) });
}

async function logIn(server: ApiServer): Promise<Tokens> {
  const response = await postToken(server, {
    grant_type: 'password',
    username: USERNAME,
    password: PASSWORD,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

function get(server: ApiServer, pathAndQuery: string, token: string | undefined): Promise<Response> {
  return fetch(
    `${server.url}${pathAndQuery}`,
    token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } },
  );
}

const filterQuery = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

describe('Service Provider Console API', () => {
  let world: World;
  let server: ApiServer;
  let token: string;

  beforeAll(async () => {
    world = createWorld({ scale: 'small', seed: 1, speed: 0, epoch: EPOCH });
    server = await start(world);
    token = (await logIn(server)).access_token;
  });
  afterAll(() => server.close());

  async function getJson<T>(pathAndQuery: string, status = 200): Promise<T> {
    const response = await get(server, pathAndQuery, token);
    expect(response.status, await response.clone().text()).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return (await response.json()) as T;
  }

  describe('authentication', () => {
    it('issues a bearer token pair for the password grant, as a form post', async () => {
      const tokens = await logIn(server);
      expect(tokens).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token: expect.any(String),
      });
      expect((await get(server, JOBS_PATH, tokens.access_token)).status).toBe(200);
    });

    it('accepts the token request as multipart/form-data too', async () => {
      const form = new FormData();
      form.set('grant_type', 'password');
      form.set('username', USERNAME);
      form.set('password', PASSWORD);
      const response = await fetch(`${server.url}/api/v3/token`, { method: 'POST', body: form });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Tokens).token_type).toBe('bearer');
    });

    it('answers bad credentials with 401 and a security error', async () => {
      const response = await postToken(server, {
        grant_type: 'password',
        username: USERNAME,
        password: 'wrong',
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as ErrorBody;
      expect(body).toEqual({ errors: [{ message: expect.any(String), type: 'security', code: 401 }] });
    });

    it('refuses a token request without a grant type, naming the parameter', async () => {
      const response = await postToken(server, { username: USERNAME, password: PASSWORD });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).errors[0]).toMatchObject({
        type: 'logical',
        code: 400,
        parameterName: 'grant_type',
      });
    });

    it('refuses a JSON token request: the endpoint takes forms', async () => {
      const response = await fetch(`${server.url}/api/v3/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', username: USERNAME, password: PASSWORD }),
      });
      expect(response.status).toBe(415);
    });

    it('rotates the refresh token: the new pair works and the old refresh token is void', async () => {
      const first = await logIn(server);
      const refreshed = await postToken(server, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      });
      expect(refreshed.status).toBe(200);
      const second = (await refreshed.json()) as Tokens;
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await get(server, JOBS_PATH, second.access_token)).status).toBe(200);
      const reused = await postToken(server, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      });
      expect(reused.status).toBe(401);
      expect(((await reused.json()) as ErrorBody).errors[0]).toMatchObject({ type: 'security', code: 401 });
    });

    it('answers a missing or unknown bearer token with 401', async () => {
      for (const attempt of [undefined, 'not-a-token']) {
        const response = await get(server, JOBS_PATH, attempt);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(((await response.json()) as ErrorBody).errors[0]).toMatchObject({
          type: 'security',
          code: 401,
        });
      }
    });

    it('expires access tokens after their lifetime; the refresh token still gets a new one', async () => {
      const shortLived = await start(world, 0.002); // 120 ms
      try {
        const tokens = await logIn(shortLived);
        expect(tokens.expires_in).toBe(1);
        await vi.waitFor(
          async () => expect((await get(shortLived, JOBS_PATH, tokens.access_token)).status).toBe(401),
          {
            timeout: 5_000,
            interval: 25,
          },
        );
        const refreshed = await postToken(shortLived, {
          grant_type: 'refresh_token',
          refresh_token: tokens.refresh_token,
        });
        expect(refreshed.status).toBe(200);
      } finally {
        await shortLived.close();
      }
    });

    it('voids every token when the admin API expires sessions', async () => {
      const separate = await start(world);
      try {
        const tokens = await logIn(separate);
        await separate.applyFaults({ api: 'serviceProviderConsole', expireSessions: true });
        expect((await get(separate, JOBS_PATH, tokens.access_token)).status).toBe(401);
        const refreshed = await postToken(separate, {
          grant_type: 'refresh_token',
          refresh_token: tokens.refresh_token,
        });
        expect(refreshed.status).toBe(401);
      } finally {
        await separate.close();
      }
    });
  });

  describe('replication VM jobs', () => {
    it('lists every job in the envelope, as BackupServerReplicationVmJob items of cloud jobs', async () => {
      const page = await getJson<Page>(JOBS_PATH);
      expect(page.errors).toBeNull();
      expect(page.meta.pagingInfo).toEqual({ total: world.jobs.length, count: world.jobs.length, offset: 0 });
      expect(page.data.map((item) => item.instanceUid)).toEqual(world.jobs.map((job) => job.uid));
      for (const item of page.data) {
        expect(Object.keys(item)).toEqual([
          'instanceUid',
          'protectedVmCount',
          'isCloudJob',
          'cloudHostUid',
          'targetHostUid',
          'sourceWanAcceleratorUid',
          'targetWanAcceleratorUid',
          'throughWanAccelerators',
        ]);
        expect(item).toMatchObject({
          isCloudJob: true,
          targetHostUid: '00000000-0000-0000-0000-000000000000',
        });
        expect(item.throughWanAccelerators).toBe(item.sourceWanAcceleratorUid !== null);
      }
    });

    it('returns one job by UID with data as an object, and 404 or 400 for unknown or malformed UIDs', async () => {
      const job = world.jobs[2]!;
      const body = await getJson<{ data: Item; errors: null }>(`${JOBS_PATH}/${job.uid.toUpperCase()}`);
      const listed = (await getJson<Page>(JOBS_PATH)).data.find((item) => item.instanceUid === job.uid);
      expect(body).toEqual({ data: listed, errors: null });
      const missing = await getJson<ErrorBody>(`${JOBS_PATH}/00000000-0000-4000-8000-000000000000`, 404);
      expect(missing.errors[0]).toMatchObject({ type: 'logical', code: 404 });
      const malformed = await getJson<ErrorBody>(`${JOBS_PATH}/not-a-guid`, 400);
      expect(malformed.errors[0]).toMatchObject({ code: 400, parameterName: 'jobUid' });
    });

    it('lists the jobs of one backup server', async () => {
      let total = 0;
      for (const backupServer of world.backupServers) {
        const page = await getJson<Page>(
          `/api/v3/infrastructure/backupServers/${backupServer.uid}/jobs/replicationVmJobs`,
        );
        const expected = world.jobs
          .filter((job) => job.backupServer === backupServer.index)
          .map((job) => job.uid);
        expect(page.data.map((item) => item.instanceUid)).toEqual(expected);
        total += page.meta.pagingInfo.total;
      }
      expect(total).toBe(world.jobs.length);
      const unknown = await getJson<ErrorBody>(
        '/api/v3/infrastructure/backupServers/00000000-0000-4000-8000-000000000000/jobs/replicationVmJobs',
        404,
      );
      expect(unknown.errors[0]?.code).toBe(404);
    });

    it('embeds the BackupServerJob with expand=BackupServerJob, with offset date-times of 7 fraction digits', async () => {
      const page = await getJson<Page>(`${JOBS_PATH}?expand=BackupServerJob`);
      page.data.forEach((item, index) => {
        const job = world.jobs[index]!;
        const embedded = (item._embedded as { backupServerJob: BackupServerJob }).backupServerJob;
        expect(embedded).toMatchObject({
          instanceUid: job.uid,
          name: job.name,
          type: 'ReplicationVM',
          backupServerUid: world.backupServers[job.backupServer]!.uid,
          organizationUid: world.tenants[job.tenant]!.uid,
          isEnabled: true,
          scheduleType: 'Periodically',
          targetType: 'Cloud',
          retentionLimit: job.retention,
          retentionLimitType: 'RestorePoints',
        });
        for (const field of ['creationTime', 'lastRun', 'lastEndTime'] as const)
          expect(embedded[field]).toMatch(DATE_TIME);
        expect(embedded.lastSessionTasks.map((task) => task.objectUid)).toEqual(
          job.vms.map((vm) => world.vms[vm]!.uid),
        );
      });
    });

    it('shows jobs whose recent runs failed as Failed with a failure message, and healthy ones without', async () => {
      const page = await getJson<Page>(`${JOBS_PATH}?expand=BackupServerJob`);
      const byUid = new Map(
        page.data.map((item) => [
          item.instanceUid,
          (item._embedded as { backupServerJob: BackupServerJob }).backupServerJob,
        ]),
      );
      for (const job of world.jobs) {
        const embedded = byUid.get(job.uid)!;
        if (job.profile === 'healthy') {
          expect(['Success', 'Warning']).toContain(embedded.status);
        } else {
          expect(embedded.status).toBe('Failed');
          expect(embedded.failureMessage).toEqual(expect.any(String));
          expect(embedded.lastSessionTasks.every((task) => task.status === 'Failed')).toBe(true);
        }
        if (embedded.status === 'Success') expect(embedded.failureMessage).toBeNull();
      }
    });

    it('agrees with the restore points: a successful run created each VM’s newest point, a failed one none', async () => {
      const now = world.clock.now();
      const page = await getJson<Page>(`${JOBS_PATH}?expand=BackupServerJob`);
      page.data.forEach((item, index) => {
        const job = world.jobs[index]!;
        const embedded = (item._embedded as { backupServerJob: BackupServerJob }).backupServerJob;
        for (const task of embedded.lastSessionTasks) {
          const vm = world.vms.find((candidate) => candidate.uid === task.objectUid)!;
          const newest = world.points.latest(vm.index, now);
          if (task.status === 'Failed') {
            expect(newest === undefined || newest.creationMs < Date.parse(embedded.lastRun)).toBe(true);
          } else {
            expect(newest?.creationMs).toBe(Date.parse(task.endTime!));
          }
        }
        expect(embedded.status === 'Failed').toBe(job.profile !== 'healthy');
      });
    });

    it('moves on with the world clock: new sessions start on schedule', async () => {
      const moving = createWorld({ scale: 'small', seed: 1, speed: 0, epoch: EPOCH });
      const separate = await start(moving);
      try {
        const bearer = (await logIn(separate)).access_token;
        const lastRuns = async () => {
          const page = (await (
            await get(separate, `${JOBS_PATH}?expand=BackupServerJob`, bearer)
          ).json()) as Page;
          return page.data.map((item) =>
            Date.parse((item._embedded as { backupServerJob: BackupServerJob }).backupServerJob.lastRun),
          );
        };
        const before = await lastRuns();
        moving.clock.advance(2 * 3_600_000);
        const after = await lastRuns();
        after.forEach((ms, index) => expect(ms).toBeGreaterThan(before[index]!));

        // Just after a job's next scheduled start, its session is running and its VMs are not done yet.
        const job = moving.jobs[0]!;
        const interval = job.intervalMinutes * 60_000;
        const nextStart =
          job.anchorMs + (Math.floor((moving.clock.now() - job.anchorMs) / interval) + 1) * interval;
        moving.clock.advance(nextStart + 1_000 - moving.clock.now());
        const page = (await (
          await get(separate, `${JOBS_PATH}/?expand=BackupServerJob`, bearer)
        ).json()) as Page;
        const running = (page.data[0]!._embedded as { backupServerJob: BackupServerJob }).backupServerJob;
        expect(running).toMatchObject({ status: 'Running', failureMessage: null });
        expect(Date.parse(running.lastRun)).toBe(nextStart);
        expect(Date.parse(running.lastEndTime)).toBeLessThan(nextStart);
        for (const task of running.lastSessionTasks) expect(['Pending', 'Running']).toContain(task.status);
      } finally {
        await separate.close();
      }
    });

    it('lists the VMs the jobs of a backup server protect, with their latest session', async () => {
      const backupServer = world.backupServers[0]!;
      const page = await getJson<Page>(
        `/api/v3/infrastructure/backupServers/${backupServer.uid}/jobs/replicationVmJobs/objects`,
      );
      const jobs = world.jobs.filter((job) => job.backupServer === backupServer.index);
      const vms = jobs.flatMap((job) => job.vms.map((vm) => world.vms[vm]!));
      expect(page.data.map((item) => item.instanceUid)).toEqual(vms.map((vm) => vm.uid));
      expect(page.meta.pagingInfo).toEqual({ total: vms.length, count: vms.length, offset: 0 });
      for (const item of page.data) {
        const vm = vms.find((candidate) => candidate.uid === item.instanceUid)!;
        expect(item).toMatchObject({ jobUid: world.jobs[vm.job]!.uid, name: vm.name, isExcluded: false });
        expect((item.lastSession as { startTime: string }).startTime).toMatch(DATE_TIME);
      }
    });
  });

  describe('paging', () => {
    it('pages with limit and offset, counting the whole collection in total', async () => {
      const first = await getJson<Page>(`${JOBS_PATH}?limit=2`);
      expect(first.meta.pagingInfo).toEqual({ total: 5, count: 2, offset: 0 });
      const last = await getJson<Page>(`${JOBS_PATH}?limit=2&offset=4`);
      expect(last.meta.pagingInfo).toEqual({ total: 5, count: 1, offset: 4 });
      expect(last.data[0]?.instanceUid).toBe(world.jobs[4]!.uid);
      const beyond = await getJson<Page>(`${JOBS_PATH}?offset=10`);
      expect(beyond).toEqual({
        meta: { pagingInfo: { total: 5, count: 0, offset: 10 } },
        data: [],
        errors: null,
      });
    });

    it('refuses limits outside 1..500 and negative offsets, naming the parameter', async () => {
      for (const limit of ['0', '501', 'ten']) {
        const body = await getJson<ErrorBody>(`${JOBS_PATH}?limit=${limit}`, 400);
        expect(body.errors).toEqual([
          { message: expect.any(String), type: 'logical', code: 400, parameterName: 'limit' },
        ]);
      }
      const offset = await getJson<ErrorBody>(`${JOBS_PATH}?offset=-1`, 400);
      expect(offset).toEqual({
        errors: [
          {
            message: 'Property value must be larger or equal to 0.',
            type: 'logical',
            code: 400,
            parameterName: 'offset',
          },
        ],
      });
    });

    it('returns 100 items by default and up to 500 on request', async () => {
      const medium = createWorld({ scale: 'medium', seed: 1, speed: 0, epoch: EPOCH });
      const separate = await start(medium);
      try {
        const bearer = (await logIn(separate)).access_token;
        const path = `/api/v3/infrastructure/backupServers/${medium.backupServers[0]!.uid}/jobs/replicationVmJobs/objects`;
        const standard = (await (await get(separate, path, bearer)).json()) as Page;
        expect(standard.meta.pagingInfo.count).toBe(100);
        expect(standard.meta.pagingInfo.total).toBeGreaterThan(100);
        const large = (await (await get(separate, `${path}?limit=500`, bearer)).json()) as Page;
        expect(large.meta.pagingInfo.count).toBe(Math.min(500, large.meta.pagingInfo.total));
      } finally {
        await separate.close();
      }
    });
  });

  describe('filter and sort', () => {
    const uids = async (query: string) =>
      (await getJson<Page>(`${JOBS_PATH}?${query}`)).data.map((item) => item.instanceUid);

    it('filters on top-level properties with equals, notEquals, in, lessThan and greaterThan', async () => {
      const [a, b] = [world.jobs[0]!, world.jobs[3]!];
      expect(
        await uids(filterQuery([{ property: 'instanceUid', operation: 'equals', value: a.uid }])),
      ).toEqual([a.uid]);
      expect(
        await uids(filterQuery([{ property: 'instanceUid', operation: 'notEquals', value: a.uid }])),
      ).not.toContain(a.uid);
      expect(
        await uids(filterQuery([{ property: 'instanceUid', operation: 'in', value: [a.uid, b.uid] }])),
      ).toEqual([a.uid, b.uid]);
      const counts = (await getJson<Page>(JOBS_PATH)).data.map((item) => item.protectedVmCount as number);
      const pivot = [...counts].sort()[2]!;
      expect(
        (await uids(filterQuery([{ property: 'protectedVmCount', operation: 'lessThan', value: pivot }])))
          .length,
      ).toBe(counts.filter((count) => count < pivot).length);
      expect(
        (
          await uids(
            filterQuery([{ property: 'protectedVmCount', operation: 'greaterThan', value: String(pivot) }]),
          )
        ).length,
      ).toBe(counts.filter((count) => count > pivot).length);
      expect(
        await uids(filterQuery([{ property: 'throughWanAccelerators', operation: 'equals', value: true }])),
      ).toEqual(world.jobs.filter((job) => job.index % 3 === 0).map((job) => job.uid));
    });

    it('filters on the embedded job, with collations, whether or not it is expanded', async () => {
      const failed = world.jobs.filter((job) => job.profile !== 'healthy').map((job) => job.uid);
      const byStatus = await getJson<Page>(
        `${JOBS_PATH}?${filterQuery([{ property: '_embedded.backupServerJob.status', operation: 'equals', value: 'Failed' }])}`,
      );
      expect(byStatus.data.map((item) => item.instanceUid)).toEqual(failed);
      expect(byStatus.data.every((item) => !('_embedded' in item))).toBe(true);
      const job = world.jobs[1]!;
      const part = job.name.split(' ')[0]!.toUpperCase();
      const contains = [
        {
          property: '_embedded.backupServerJob.name',
          operation: 'contains',
          collation: 'ignorecase',
          value: part,
        },
      ];
      const expected = world.jobs
        .filter((candidate) => candidate.name.toUpperCase().includes(part))
        .map((candidate) => candidate.uid);
      expect(await uids(`${filterQuery(contains)}&expand=BackupServerJob`)).toEqual(expected);
      expect(await uids(filterQuery([{ ...contains[0], collation: 'ordinal' }]))).toEqual([]);
    });

    it('compares date-times by instant, whatever their offset', async () => {
      const page = await getJson<Page>(`${JOBS_PATH}?expand=BackupServerJob`);
      const lastRuns = page.data.map(
        (item) => (item._embedded as { backupServerJob: BackupServerJob }).backupServerJob.lastRun,
      );
      const pivot = [...lastRuns].sort()[2]!;
      const asUtc = new Date(Date.parse(pivot)).toISOString();
      const later = await uids(
        filterQuery([
          { property: '_embedded.backupServerJob.lastRun', operation: 'greaterThan', value: asUtc },
        ]),
      );
      expect(later.length).toBe(lastRuns.filter((run) => Date.parse(run) > Date.parse(pivot)).length);
    });

    it('refuses a malformed filter with a 400 naming the filter parameter', async () => {
      for (const filter of [
        '[{',
        '{"property":"name"}',
        '[{"property":"instanceUid","operation":"near","value":"x"}]',
        '[{"property":"nope","operation":"equals","value":"x"}]',
        '[{"property":"instanceUid","operation":"in","value":"x"}]',
      ]) {
        const body = await getJson<ErrorBody>(`${JOBS_PATH}?filter=${encodeURIComponent(filter)}`, 400);
        expect(body.errors).toEqual([
          { message: expect.any(String), type: 'logical', code: 400, parameterName: 'filter' },
        ]);
      }
    });

    it('sorts by a property, ascending or descending', async () => {
      const names = (query: string) =>
        getJson<Page>(`${JOBS_PATH}?expand=BackupServerJob&sort=${encodeURIComponent(query)}`).then((page) =>
          page.data.map(
            (item) => (item._embedded as { backupServerJob: BackupServerJob }).backupServerJob.name,
          ),
        );
      const sorted = world.jobs.map((job) => job.name).sort();
      expect(await names('[{"property":"_embedded.backupServerJob.name","direction":"ascending"}]')).toEqual(
        sorted,
      );
      expect(await names('[{"property":"_embedded.backupServerJob.name","direction":"descending"}]')).toEqual(
        [...sorted].reverse(),
      );
      const bad = await getJson<ErrorBody>(
        `${JOBS_PATH}?sort=${encodeURIComponent('[{"property":"name","direction":"up"}]')}`,
        400,
      );
      expect(bad.errors[0]).toMatchObject({ parameterName: 'sort' });
    });

    it('refuses an unknown expansion', async () => {
      const body = await getJson<ErrorBody>(`${JOBS_PATH}?expand=Everything`, 400);
      expect(body.errors[0]).toMatchObject({ parameterName: 'expand' });
    });
  });

  describe('errors', () => {
    it('answers an unknown path with 404 and a wrong method with 405, in the error body', async () => {
      const missing = await getJson<ErrorBody>('/api/v3/nothing/here', 404);
      expect(missing.errors[0]).toMatchObject({ type: 'logical', code: 404 });
      const response = await fetch(`${server.url}${JOBS_PATH}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    });

    it('answers every injected server error as HTTP 520, keeping the original code in the body', async () => {
      for (const status of [500, 503]) {
        await server.applyFaults({ api: 'serviceProviderConsole', status, count: 1 });
        const response = await get(server, JOBS_PATH, token);
        expect(response.status).toBe(520);
        const body = (await response.json()) as ErrorBody;
        expect(body).toEqual({
          errors: [
            { message: expect.any(String), type: status === 500 ? 'unspecified' : 'transport', code: status },
          ],
        });
      }
      expect((await get(server, JOBS_PATH, token)).status).toBe(200);
    });

    it('throttles with 429 and retryAfter when the fault injector asks for it', async () => {
      await server.applyFaults({
        api: 'serviceProviderConsole',
        status: 429,
        retryAfterSeconds: 25,
        count: 1,
      });
      const response = await get(server, JOBS_PATH, token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('25');
      expect(await response.json()).toEqual({ errors: [{ type: 'transport', code: 429, retryAfter: 25 }] });
    });

    it('challenges an injected 401 with WWW-Authenticate: Bearer, as its own 401s', async () => {
      await server.applyFaults({ api: 'serviceProviderConsole', status: 401, count: 1 });
      const response = await get(server, JOBS_PATH, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await response.json()) as ErrorBody).errors[0]).toMatchObject({ type: 'security', code: 401 });
    });

    it('puts the injector’s retryAfter in the 429 body when it is passed on', () => {
      const handler = createServiceProviderConsoleApi({ world, username: USERNAME, password: PASSWORD });
      const answer = (
        handler.errorResponse as (
          status: number,
          message: string,
          retryAfterSeconds?: number,
        ) => { status: number; body?: unknown }
      )(429, 'throttled', 7);
      expect(answer.status).toBe(429);
      expect(JSON.parse(answer.body as string)).toEqual({
        errors: [{ type: 'transport', code: 429, retryAfter: 7 }],
      });
    });
  });
});
