import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type FaultRequest, type RunningSimulator } from '../src/index.ts';
import { emClient, parseXml, waitFor, type EmClient } from './helpers/em-client.ts';

let sim: RunningSimulator;
let em: EmClient;

beforeAll(async () => {
  sim = await startSimulator({ epoch: new Date('2026-01-15T12:00:00Z'), speed: 0 });
  em = await emClient(sim);
});
afterEach(async () => {
  await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
});
afterAll(() => sim.close());

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.admin.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const fault = (request: Omit<FaultRequest, 'api'>) =>
  admin('POST', '/admin/faults', { api: 'enterpriseManager', ...request });
const emUrl = (path: string) => `${sim.enterpriseManager.url}${path}`;

describe('admin: call counts', () => {
  it('counts calls per METHOD and path template, and resets', async () => {
    expect((await admin('DELETE', '/admin/calls')).status).toBe(204);
    const sessions = sim.world.sessions;
    await em.get(`/api/cloud/failoverSessions/${sessions[0]?.uid}`);
    await em.get(`/api/cloud/failoverSessions/${sessions[1]?.uid}?format=Entity`);
    await em.get(`/api/cloud/failoverSessions/${sessions[2]?.uid}`);
    await em.get('/api/query?type=CloudFailoverSession');
    await em.get('/api/no/such/thing');
    const { json } = await admin('GET', '/admin/calls');
    expect(json).toEqual({
      enterpriseManager: {
        'GET (unmatched)': 1,
        'GET /api/cloud/failoverSessions/{id}': 3,
        'GET /api/query': 1,
      },
      orchestrator: {},
      serviceProviderConsole: {},
    });
    await admin('DELETE', '/admin/calls?api=enterpriseManager');
    expect((await admin('GET', '/admin/calls')).json).toEqual({
      enterpriseManager: {},
      orchestrator: {},
      serviceProviderConsole: {},
    });
  });
});

describe('admin: faults', () => {
  it('goes down (connection refused) and comes back up on the same port', async () => {
    expect((await fault({ down: true })).json).toMatchObject({ enterpriseManager: { down: true } });
    const refused = await fetch(emUrl('/api/')).catch(
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    await fault({ up: true });
    expect((await fetch(emUrl('/api/'))).status).toBe(200);
    // Sessions survive an outage, as they do when only the network drops.
    expect((await em.get('/api/backupServers')).status).toBe(200);
  });

  it('DELETE /admin/faults brings a down API back', async () => {
    await fault({ down: true });
    await admin('DELETE', '/admin/faults?api=enterpriseManager');
    expect((await fetch(emUrl('/api/'))).status).toBe(200);
  });

  it('adds latency with jitter', async () => {
    await fault({ latencyMs: 150, jitterMs: 50 });
    const started = performance.now();
    await fetch(emUrl('/api/'));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('answers a status for the next `count` calls, with the API error body and Retry-After', async () => {
    await fault({ status: 503, count: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const response = await em.get('/api/backupServers');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('3');
      expect((response.xml.Error as Record<string, string>)['@_Status']).toBe('ServiceUnavailable');
    }
    expect((await em.get('/api/backupServers')).status).toBe(200);
  });

  it('injects 403 and 500 only on the path asked for', async () => {
    await fault({ status: 403, path: '/api/query' });
    expect((await em.get('/api/query?type=BackupServer')).status).toBe(403);
    expect((await em.get('/api/backupServers')).status).toBe(200);
    await admin('DELETE', '/admin/faults');
    await fault({ status: 500, count: 1, path: '/api/cloud/failoverSessions/{id}' });
    const response = await em.get(`/api/cloud/failoverSessions/${sim.world.sessions[0]?.uid}`);
    expect(response.status).toBe(500);
    expect((response.xml.Error as Record<string, string>)['@_Status']).toBe('InternalServerError');
  });

  it('expires every live session: the next call gets 401 and a new logon works', async () => {
    const mine = await emClient(sim);
    expect((await mine.get('/api/backupServers')).status).toBe(200);
    await fault({ expireSessions: true });
    const expired = await mine.get('/api/backupServers');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
    const again = await emClient(sim);
    expect((await again.get('/api/backupServers')).status).toBe(200);
    em = again;
  });

  it('hangs: accepts the request and never answers', async () => {
    await fault({ hang: true, count: 1 });
    const outcome = await fetch(emUrl('/api/'), { signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect((await fetch(emUrl('/api/'))).status).toBe(200);
  });

  it('resets the connection in the middle of the body', async () => {
    await fault({ resetMidBody: true, count: 1 });
    const outcome = await fetch(emUrl('/api/cloud/vmReplicaPoints'), {
      headers: { 'X-RestSvcSessionId': em.token },
    })
      .then(async (response) => {
        expect(response.status).toBe(200);
        return response.text();
      })
      .then(
        () => 'complete',
        () => 'failed',
      );
    expect(outcome).toBe('failed');
    expect((await em.get('/api/backupServers')).status).toBe(200);
  });

  it('answers with a proxy HTML error page', async () => {
    await fault({ htmlErrorPage: true, count: 1 });
    const page = await fetch(emUrl('/api/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<html>');
    await fault({ htmlErrorPage: 502, count: 1 });
    expect((await fetch(emUrl('/api/'))).status).toBe(502);
  });

  it('sends a malformed body with the real status', async () => {
    await fault({ malformedBody: true, count: 1 });
    const response = await fetch(emUrl('/api/backupServers'), {
      headers: { 'X-RestSvcSessionId': em.token },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => parseXml(text)).toThrow();
    expect((await em.get('/api/backupServers')).status).toBe(200);
  });

  it('reports the faults in force, and refuses bad requests', async () => {
    await fault({ latencyMs: 10, status: 429, count: 3, path: '/api/query' });
    const { json } = await admin('GET', '/admin/faults');
    expect(json).toEqual({
      enterpriseManager: {
        down: false,
        latencyMs: 10,
        jitterMs: 0,
        rules: [{ kind: 'status', status: 429, remaining: 3, path: '/api/query' }],
      },
      orchestrator: { down: false, latencyMs: 0, jitterMs: 0, rules: [] },
      serviceProviderConsole: { down: false, latencyMs: 0, jitterMs: 0, rules: [] },
    });
    expect((await admin('POST', '/admin/faults', { api: 'nope', down: true })).status).toBe(400);
    expect((await admin('POST', '/admin/faults', { api: 'enterpriseManager', stauts: 500 })).status).toBe(
      400,
    );
    expect((await admin('POST', '/admin/faults', { api: 'enterpriseManager', status: 'x' })).status).toBe(
      400,
    );
    expect((await admin('GET', '/admin/nothing')).status).toBe(404);
  });
});

describe('oversized request bodies', () => {
  it('answers 413 in each API’s own error format', async () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const form = 'application/x-www-form-urlencoded';
    const post = async (url: string, contentType: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': contentType, ...headers },
        body: big,
      });
      return { status: response.status, text: await response.text() };
    };
    const plan = `${sim.enterpriseManager.url}/api/cloud/cloudFailoverPlans/${sim.world.plans[0]?.uid}?action=start`;
    const emAnswer = await post(plan, 'application/xml', { 'X-RestSvcSessionId': em.token });
    expect(emAnswer.status).toBe(413);
    expect((parseXml(emAnswer.text).Error as Record<string, string>)['@_Status']).toBe(
      'RequestEntityTooLarge',
    );
    expect(await post(`${sim.orchestrator.url}/api/token`, form)).toEqual({
      status: 413,
      text: JSON.stringify({ message: 'The request body exceeds 65536 bytes.' }),
    });
    const vspc = await post(`${sim.serviceProviderConsole.url}/api/v3/token`, form);
    expect(vspc.status).toBe(413);
    expect(JSON.parse(vspc.text)).toEqual({
      errors: [{ message: 'The request body exceeds 65536 bytes.', type: 'logical', code: 413 }],
    });
    expect(await post(`${sim.admin.url}/admin/faults`, 'application/json')).toEqual({
      status: 413,
      text: `${JSON.stringify({ error: 'body too large' })}\n`,
    });
  });
});

describe('admin: clock', () => {
  it('shows the world clock, changes its speed and moves it forward', async () => {
    const before = (await admin('GET', '/admin/clock')).json as { now: string; speed: number };
    expect(before.speed).toBe(0);
    const after = (await admin('POST', '/admin/clock', { advanceMs: 3_600_000, speed: 0 })).json as {
      now: string;
    };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(3_600_000);
    expect((await admin('POST', '/admin/clock', { speed: -2 })).status).toBe(400);
    await waitFor(() => sim.world.clock.now() === Date.parse(after.now));
  });
});
