// GET /metrics as Prometheus scrapes it, against the simulator: per-source health, data age and
// polls; VMs by RPO grade and plans by state matching what the API says; HTTP durations by route
// template; the process. promtool (Debian's prometheus package) checks the exposition and the
// example alert rules. Scraping is for the allowed networks or the metrics token, nobody else.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ListEnvelope, Overview, Plan, VmRpo } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPromtool } from '../../../scripts/promtool.mjs';
import {
  ALL_SOURCES,
  FAST_ALL_KINDS,
  get,
  login,
  simAdmin,
  startStack,
  waitAllFresh,
  waitFor,
  type Session,
  type Stack,
} from './harness.ts';

const ALERT_RULES = fileURLToPath(new URL('../../../docs/prometheus/lifeboat-alerts.yml', import.meta.url));

/** The samples of an exposition: `name{labels} value` lines, labels parsed. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]),
      );
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}
const sum = (all: ReturnType<typeof samples>, name: string, where: Record<string, string> = {}) =>
  all
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((n, s) => n + s.value, 0);

function promtool(args: string[], input?: string) {
  const bin = findPromtool();
  if (!bin) throw new Error("promtool is missing: npm test unpacks it from Debian's prometheus package");
  return spawnSync(bin, args, { input, encoding: 'utf8' });
}

describe('metrics from an allowed network', () => {
  let stack: Stack;
  let viewer: Session;
  beforeAll(async () => {
    stack = await startStack(FAST_ALL_KINDS);
    viewer = await login(stack.url, 'viewer');
    await waitAllFresh(stack.url, viewer);
  });
  afterAll(() => stack?.close());

  const scrape = async () => {
    const res = await fetch(`${stack.url}/metrics`);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('says what the API says: sources, VMs by RPO grade, plans by state, requests by route', async () => {
    // The first request of a route, asked in another case and with a trailing slash (Express
    // serves it), names the route as the API writes it, for itself and every later request.
    expect((await get(stack.url, '/API/V1/plans/?limit=1', viewer)).status).toBe(200);
    const rpo = await get<ListEnvelope<VmRpo>>(stack.url, '/api/v1/vm-rpo?limit=1', viewer);
    const plans = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?limit=1', viewer);
    const overview = await get<Overview>(stack.url, '/api/v1/overview', viewer);
    expect((await get(stack.url, '/api/v1/plans/made.up', viewer)).status).toBe(404);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const all = samples(res.text);

    for (const source of ALL_SOURCES) {
      expect(sum(all, 'lifeboat_source_up', { source })).toBe(1);
      expect(sum(all, 'lifeboat_source_stale', { source })).toBe(0);
      expect(sum(all, 'lifeboat_source_polls_total', { source, outcome: 'ok' })).toBeGreaterThan(0);
      expect(
        all.some((s) => s.name === 'lifeboat_source_data_age_seconds' && s.labels.source === source),
      ).toBe(true);
    }
    expect(sum(all, 'lifeboat_vms')).toBe(rpo.body.total);
    for (const [grade, n] of Object.entries(overview.body.rpo))
      expect(sum(all, 'lifeboat_vms', { grade })).toBe(n);
    expect(sum(all, 'lifeboat_plans')).toBe(plans.body.total);
    // Durations by the route's template, never by the path asked for.
    expect(
      sum(all, 'lifeboat_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/vm-rpo',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sum(all, 'lifeboat_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/plans',
        status: '200',
      }),
    ).toBe(2);
    // A refusal thrown out of the routers is still labelled by the whole template.
    const notFound = { method: 'GET', route: '/api/v1/plans/:id', status: '404' };
    expect(sum(all, 'lifeboat_http_request_duration_seconds_count', notFound)).toBe(1);
    expect(all.some((s) => s.labels.route?.includes('?') || s.labels.route?.includes('made.up'))).toBe(false);
    // The process: memory and event-loop delay.
    expect(sum(all, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(all.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('has no per-VM label: every label set stays bounded however large the estate', async () => {
    const rpo = await get<ListEnvelope<VmRpo>>(stack.url, '/api/v1/vm-rpo?limit=500', viewer);
    const { text } = await scrape();
    const labelValues = new Set(samples(text).flatMap((s) => Object.values(s.labels)));
    for (const vm of rpo.body.items) expect(labelValues.has(vm.vmName)).toBe(false);
  });

  it("passes promtool's checks, and so do the example alert rules", async () => {
    const { text } = await scrape();
    const metrics = promtool(['check', 'metrics'], text);
    expect(metrics.stderr + metrics.stdout).toBe('');
    expect(metrics.status).toBe(0);
    const rules = promtool(['check', 'rules', ALERT_RULES]);
    expect(rules.stdout).toContain('SUCCESS');
    expect(rules.status).toBe(0);
  });

  it('shows a failing source as down and counts its failed polls by error code', async () => {
    const admin = simAdmin(stack.sim!);
    await admin.fault('orchestrator', { status: 500 });
    try {
      // The Enterprise Manager is never shown failed meanwhile, and is shown up beside the failing
      // Orchestrator. (Up in every scrape would flake: with 1 s polls, one poll late on a busy
      // machine leaves its data stale, so degraded, for a moment.)
      await waitFor(async () => {
        const s = samples((await scrape()).text);
        const em = s.find((x) => x.name === 'lifeboat_source_up' && x.labels.source === 'em-sim');
        expect(em?.labels.status).toMatch(/^(ok|degraded)$/);
        const down = sum(s, 'lifeboat_source_up', { source: 'vro-sim' }) === 0;
        return (
          down &&
          sum(s, 'lifeboat_source_polls_total', { source: 'vro-sim', outcome: 'http_status' }) > 0 &&
          em!.value === 1
        );
      });
    } finally {
      await admin.clearFaults();
    }
  });
});

describe('who may scrape', () => {
  let stack: Stack;
  afterAll(() => stack?.close());

  it('with a token and no allowed network: the token, and nothing else', async () => {
    stack = await startStack({ metrics: { allowFrom: ['10.0.0.0/8'], token: 'scrape-token-1234567890' } });
    const as = (auth?: string) =>
      fetch(`${stack.url}/metrics`, auth ? { headers: { Authorization: auth } } : {}).then((r) => r.status);
    expect(await as()).toBe(401);
    expect(await as('Bearer wrong-token')).toBe(401);
    expect(await as('Bearer scrape-token-1234567890')).toBe(200);
    await stack.close();

    stack = await startStack({ metrics: { allowFrom: [], token: null } });
    expect(await as()).toBe(403);
    expect(await as('Bearer scrape-token-1234567890')).toBe(403);
  });
});
