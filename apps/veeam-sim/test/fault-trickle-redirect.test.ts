import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type FaultRequest, type RunningSimulator } from '../src/index.ts';
import { logon } from './helpers/em-client.ts';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ epoch: new Date('2026-01-15T12:00:00Z'), speed: 0 });
});
afterEach(async () => {
  await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
});
afterAll(() => sim.close());

async function fault(request: FaultRequest): Promise<number> {
  const response = await fetch(`${sim.admin.url}/admin/faults`, {
    method: 'POST',
    body: JSON.stringify(request),
  });
  await response.arrayBuffer();
  return response.status;
}

const emRoot = () => `${sim.enterpriseManager.url}/api/`;

describe('trickle (F3)', () => {
  it('sends the headers at once and the body at the asked rate', async () => {
    const whole = Buffer.from(await (await fetch(emRoot())).arrayBuffer());
    // About one second of body, whatever the root document's size.
    const bytesPerSecond = whole.length;
    expect(await fault({ api: 'enterpriseManager', trickleBytesPerSecond: bytesPerSecond, count: 1 })).toBe(
      200,
    );
    const started = performance.now();
    const response = await fetch(emRoot());
    const headersAfter = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(whole.length));
    const body = Buffer.from(await response.arrayBuffer());
    const elapsed = performance.now() - started;
    expect(body.equals(whole)).toBe(true);
    expect(headersAfter).toBeLessThan(2_000);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(6_000);
    // The rule was for one call: the next body comes at full speed.
    const next = performance.now();
    await (await fetch(emRoot())).arrayBuffer();
    expect(performance.now() - next).toBeLessThan(2_000);
  });

  it('paces a streamed (chunked) list the same way', async () => {
    const headers = { 'X-RestSvcSessionId': await logon(sim) };
    const url = `${sim.enterpriseManager.url}/api/cloud/vmReplicaPoints`;
    const whole = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
    await fault({ api: 'enterpriseManager', trickleBytesPerSecond: Math.ceil(whole.length / 0.8), count: 1 });
    const started = performance.now();
    const response = await fetch(url, { headers });
    expect(response.headers.get('content-length')).toBeNull();
    const body = Buffer.from(await response.arrayBuffer());
    const elapsed = performance.now() - started;
    expect(body.equals(whole)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(6_000);
  });

  it('stops sending when the client gives up, and keeps serving', async () => {
    await fault({ api: 'orchestrator', trickleBytesPerSecond: 1 });
    const controller = new AbortController();
    const response = await fetch(`${sim.orchestrator.url}/api/v3/Plans`, { signal: controller.signal });
    expect(response.status).toBe(401);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect((first?.value as Uint8Array | undefined)?.length).toBe(1);
    controller.abort();
    await fetch(`${sim.admin.url}/admin/faults?api=orchestrator`, { method: 'DELETE' });
    const again = await fetch(`${sim.orchestrator.url}/api/v3/Plans`);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ message: 'Authorization has been denied for this request.' });
  });
});

describe('redirect (F15)', () => {
  it('answers 302 with the Location asked for, on every API', async () => {
    const canary = 'http://127.0.0.1:9/canary';
    for (const [api, url] of [
      ['enterpriseManager', emRoot()],
      ['orchestrator', `${sim.orchestrator.url}/api/v3/Plans`],
      ['serviceProviderConsole', `${sim.serviceProviderConsole.url}/api/v3/token`],
    ] as const) {
      await fault({ api, redirectTo: canary, count: 1 });
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(canary);
      expect(await response.text()).toBe('');
      expect((await fetch(url, { redirect: 'manual' })).status).not.toBe(302);
    }
  });

  it('refuses a Location that is not an absolute http(s) URL', async () => {
    expect(await fault({ api: 'enterpriseManager', redirectTo: '/relative' })).toBe(400);
    expect(await fault({ api: 'enterpriseManager', redirectTo: 'file:///etc/passwd' })).toBe(400);
  });
});

describe('Retry-After in the error body', () => {
  it('gives the Service Provider Console 429 the injected delay in header and body alike', async () => {
    await fault({ api: 'serviceProviderConsole', status: 429, retryAfterSeconds: 7, count: 1 });
    const response = await fetch(`${sim.serviceProviderConsole.url}/api/v3/token`, { method: 'POST' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({
      errors: [{ type: 'transport', code: 429, retryAfter: 7 }],
    });
  });
});
