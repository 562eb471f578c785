import { readFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connector, InventorySnapshot } from '../connector.ts';
import {
  advanceClock,
  countCalls,
  injectFault,
  resetSimulator,
  type Fault,
  type Sim,
} from '../testing/simulator.ts';
import { errorCode, failure } from '../testing/upstream-failure.ts';
import { enterpriseManager } from './connector.ts';

let sim: Sim;
let connector: Connector;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, speed: 0 });
});
afterAll(async () => {
  await connector?.close();
  await sim.close();
});
beforeEach(async () => {
  await connector?.close();
  await resetSimulator(sim);
  connector = connect();
});

function connect(
  overrides: {
    timeoutSeconds?: number;
    password?: string;
    maxResponseBytes?: number;
    to?: Sim;
    ca?: string;
    pinnedSha256?: string;
    url?: string;
    pageSize?: number;
  } = {},
) {
  const target = overrides.to ?? sim;
  return enterpriseManager.create(
    {
      id: 'em-test',
      kind: 'enterprise-manager',
      name: 'EM',
      url: overrides.url ?? target.enterpriseManager.url,
      username: target.enterpriseManager.username,
      password: overrides.password ?? target.enterpriseManager.password,
      ...(overrides.ca ? { ca: overrides.ca } : {}),
      ...(overrides.pinnedSha256 ? { pinnedSha256: overrides.pinnedSha256 } : {}),
      timeoutSeconds: overrides.timeoutSeconds ?? 5,
      maxResponseBytes: overrides.maxResponseBytes ?? 8 * 1024 * 1024,
      timing: { logonBackoffMs: 500, breakerHalfOpenMs: 200 },
    },
    enterpriseManager.settings.parse({ pageSize: overrides.pageSize ?? 500 }),
  );
}

const fault = (f: Fault) => injectFault(sim, 'enterpriseManager', f);
const callsAt = (target: Sim, prefix: string) => countCalls(target, 'enterpriseManager', prefix);
const calls = (prefix: string) => callsAt(sim, prefix);

describe('the Enterprise Manager connector against the simulator', () => {
  it('reads every session, point and protected VM in one poll, with one logon', async () => {
    const snap = await connector.fetchInventory();
    expect(snap.failoverSessions).toHaveLength(sim.world.sessions.length);
    expect(snap.replicaPoints).toHaveLength(sim.world.points.count(sim.world.clock.now()));
    expect(snap.protectedVms?.length).toBeGreaterThan(0);
    expect(snap.unreadable).toEqual({ count: 0, firstError: null });
    await connector.fetchInventory();
    expect(await calls('POST /api/sessionMngr')).toBe(1);
  });

  it('logs on again exactly once when the session expires, however many reads are waiting', async () => {
    await connector.fetchInventory();
    await fault({ expireSessions: true });
    const results = await Promise.all(Array.from({ length: 10 }, () => connector.fetchInventory()));
    expect(results.every((r) => (r.failoverSessions?.length ?? 0) > 0)).toBe(true);
    expect(await calls('POST /api/sessionMngr')).toBe(2);
  });

  it('says auth_failed for a wrong password, and does not retry the logon in a loop', async () => {
    const bad = connect({ password: 'wrong' });
    const err = await failure(bad.fetchInventory());
    expect(err.code).toBe('auth_failed');
    expect(await calls('POST /api/sessionMngr')).toBe(1);
    await bad.close();
  });

  it('retries a read through two 503s and a reset, and ends fresh (F5)', async () => {
    await fault({ status: 503, path: '/api/query', count: 2 });
    const before = await calls('GET /api/query');
    const snap = await connector.fetchInventory();
    expect(snap.plans?.length).toBeGreaterThan(0);
    // The first query page took three attempts; the rest one each.
    expect((await calls('GET /api/query')) - before).toBe(3 + 2);
    await fault({ resetMidBody: true, path: '/api/query', count: 1 });
    expect((await connector.fetchInventory()).failoverSessions?.length).toBeGreaterThan(0);
  });

  it('tells a refused connection, a reset, a timeout, an HTML page and a broken body apart', async () => {
    // Each case on a new connector, so the circuit opened by one case does not answer the next.
    const pollOnce = async () => {
      const c = connect();
      try {
        return await c.fetchInventory();
      } finally {
        await c.close();
      }
    };
    // Three failures in a row: the read's two retries are used up.
    await fault({ resetMidBody: true, path: '/api/query', count: 3 });
    expect((await failure(pollOnce())).code).toBe('request_failed');

    await fault({ htmlErrorPage: 502, path: '/api/query', count: 3 });
    expect((await failure(pollOnce())).message).toMatch(/502/);

    await fault({ htmlErrorPage: true, path: '/api/query', count: 1 });
    expect((await failure(pollOnce())).code).toBe('malformed_response');

    await fault({ malformedBody: true, path: '/api/query', count: 1 });
    expect((await failure(pollOnce())).code).toBe('malformed_response');

    const quick = connect({ timeoutSeconds: 1 });
    await fault({ hang: true, path: '/api/query', count: 1 });
    const started = Date.now();
    expect((await failure(quick.fetchInventory())).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(8_000);
    await quick.close();

    await fault({ down: true });
    const fresh = connect();
    const refused = await failure(fresh.fetchInventory());
    expect([refused.code, refused.message]).toEqual(['request_failed', 'connection refused']);
    await fresh.close();
  });

  it('refuses a response over the size cap instead of parsing it', async () => {
    const small = connect({ maxResponseBytes: 10_000 });
    const err = await failure(small.fetchInventory());
    expect(err.code).toBe('too_large');
    await small.close();
  });

  it('fetches one session fresh by id, and refuses an id that is not a Veeam id before sending anything', async () => {
    const uid = sim.world.sessions[0]!.uid;
    const s = await connector.getFailoverSession!(uid);
    expect(s.ref.nativeId).toBe(uid);
    const before = await calls('GET');
    for (const id of ['../../x', 'a%2Fb', `${uid}/Run`, '']) {
      expect((await failure(connector.getFailoverSession!(id))).code).toBe('invalid_id');
    }
    expect(await calls('GET')).toBe(before);
  });
});

describe('reading only what changed after the first poll (decision 012)', () => {
  const MINUTE = 60_000;
  const simPointIds = () => [...sim.world.points.all(sim.world.clock.now())].map((p) => p.uid.toLowerCase());
  const ids = (snap: InventorySnapshot) => snap.replicaPoints!.map((p) => p.ref.nativeId);

  it('reads new points by creation time: each point once, none missed at the boundary', async () => {
    const first = await connector.fetchInventory();
    expect(ids(first).sort()).toEqual(simPointIds().sort());
    for (const step of [7, 15, 31]) {
      await advanceClock(sim, step * MINUTE);
      const snap = await connector.fetchInventory();
      expect(new Set(ids(snap)).size).toBe(ids(snap).length);
      const have = new Set(ids(snap));
      expect(simPointIds().filter((id) => !have.has(id))).toEqual([]);
    }
  });

  it('costs one query page for the new sessions and one for the new points when nothing changed', async () => {
    // Small pages, so a full read takes many queries.
    const paged = connect({ pageSize: 10 });
    await paged.fetchInventory();
    expect(await calls('GET /api/query')).toBeGreaterThan(10);
    const before = await calls('GET /api/query');
    await paged.fetchInventory();
    expect(await calls('GET /api/query')).toBe(before + 2);
    await paged.close();
  });

  it('reads the overlap every half of it, back from the newest point of the last such read, and from the newest point between', async () => {
    // The query filters sent, as a proxy in front of the simulator sees them.
    const asked: string[] = [];
    const proxy = createServer((req, res) => {
      asked.push(decodeURIComponent(req.url!));
      const target = new URL(req.url!, sim.enterpriseManager.url);
      const up = request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const watched = connect({ url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    const start = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(start);
    try {
      // The newest point's time, to the second, as the filter states it.
      const markOf = (snap: InventorySnapshot) =>
        Math.floor(Math.max(...snap.replicaPoints!.map((p) => Date.parse(p.pointTime))) / 1000) * 1000;
      const from = () =>
        asked.flatMap((u) => {
          const m = /type=CloudVmReplicaPoint.*creationTime>="([^"]+)"/.exec(u);
          return m ? [Date.parse(m[1]!)] : [];
        });
      const mark = markOf(await watched.fetchInventory());
      // New points upstream: the next read starts at the newest read so far, and moves it on.
      await advanceClock(sim, 2 * 60 * MINUTE);
      const moved = markOf(await watched.fetchInventory());
      expect(moved).toBeGreaterThan(mark);
      clock.mockReturnValue(start + 29_000);
      await watched.fetchInventory();
      // Half the overlap after the full read: from an overlap before the newest point it had read,
      // so a point that showed late since then is read too; then from the newest again.
      clock.mockReturnValue(start + 30_000);
      await watched.fetchInventory();
      await watched.fetchInventory();
      expect(from()).toEqual([mark, moved, mark - 60_000, moved]);
    } finally {
      clock.mockRestore();
      await watched.close();
      proxy.close();
    }
  });

  it('keeps a collection that did not change as the same array, so a caller need not compare items', async () => {
    const first = await connector.fetchInventory();
    const second = await connector.fetchInventory();
    expect(second.replicaPoints).toBe(first.replicaPoints);
    expect(second.failoverSessions).toBe(first.failoverSessions);
    expect(second.plans).toBe(first.plans);
  });

  it('drops the points the upstream deleted at the next full read', async () => {
    const start = Date.now();
    await connector.fetchInventory();
    // Retention deletes the oldest points as new ones arrive.
    await advanceClock(sim, 6 * 60 * MINUTE);
    const incremental = await connector.fetchInventory();
    const current = new Set(simPointIds());
    expect(ids(incremental).some((id) => !current.has(id))).toBe(true);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(start + 31 * MINUTE);
    try {
      const reconciled = await connector.fetchInventory();
      expect(ids(reconciled).sort()).toEqual([...current].sort());
    } finally {
      clock.mockRestore();
    }
  });

  it('reads everything on every poll from a server that refuses the creation-time filter', async () => {
    await connector.fetchInventory();
    await fault({ path: '/api/query', status: 400, count: 1 });
    const snap = await connector.fetchInventory();
    expect(ids(snap).sort()).toEqual(simPointIds().sort());
  });
});

describe('hostile and misbehaving Enterprise Manager answers (security-and-resilience §7.1-7.2)', () => {
  // What each hostile body must come to: a typed error, or a clean read of what can be read.
  const expected: Record<string, string> = {
    'billion-laughs': 'malformed_response',
    'xxe-file': 'malformed_response',
    'xxe-http': 'malformed_response',
    'parameter-entity': 'malformed_response',
    'numeric-flood': 'malformed_response',
    'out-of-range-refs': 'ok',
    'deep-nesting-65': 'malformed_response',
    'deep-nesting-100000': 'malformed_response',
    'huge-attribute': 'too_large',
    'invalid-utf8': 'malformed_response',
    'utf16-bom': 'malformed_response',
    'latin1-declared': 'malformed_response',
    truncated: 'malformed_response',
    'two-roots': 'malformed_response',
  };

  it.each(Object.entries(expected))(
    '%s → %s, quickly, and nothing is fetched from the entities named',
    async (name, outcome) => {
      let canaryHits = 0;
      const canary = createServer((_req, res) => {
        canaryHits++;
        res.end('root:x:0:0');
      });
      await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
      const canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/x`;
      try {
        await fault({ hostileBody: name, canaryUrl, path: '/api/query', count: 1 });
        const started = performance.now();
        const result = await connector.fetchInventory().then(
          (snap) => ({ code: 'ok', snap }),
          (err: unknown) => ({ code: errorCode(err), snap: null }),
        );
        expect(result.code).toBe(outcome);
        expect(performance.now() - started).toBeLessThan(5_000);
        expect(JSON.stringify(result.snap ?? '')).not.toContain('root:x');
        expect(canaryHits).toBe(0);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      } finally {
        await new Promise((r) => canary.close(r));
      }
    },
  );

  it('never follows a redirect', async () => {
    let hits = 0;
    const elsewhere = createServer((_req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    await fault({
      redirectTo: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/api/query`,
      path: '/api/query',
    });
    try {
      const err = await failure(connector.fetchInventory());
      expect(err.code).toBe('redirected');
      expect(hits).toBe(0);
    } finally {
      await new Promise((r) => elsewhere.close(r));
    }
  });

  it('gives up on a body that trickles in past the deadline', async () => {
    const quick = connect({ timeoutSeconds: 1 });
    await fault({ trickleBytesPerSecond: 100, path: '/api/query', count: 1 });
    const started = Date.now();
    expect((await failure(quick.fetchInventory())).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(8_000);
    await quick.close();
  });
});

describe('TLS to a self-signed Enterprise Manager', () => {
  it('trusts it through the configured CA file, and refuses it without', async () => {
    const tls = await startSimulator({ seed: 7, speed: 0, tls: true });
    try {
      expect(tls.enterpriseManager.url).toMatch(/^https:/);
      const trusted = connect({ to: tls, ca: readFileSync(tls.caFile!, 'utf8') });
      expect((await trusted.fetchInventory()).failoverSessions?.length).toBeGreaterThan(0);
      await trusted.close();
      const untrusted = connect({ to: tls });
      expect((await failure(untrusted.fetchInventory())).code).toBe('tls_untrusted');
      await untrusted.close();
    } finally {
      await tls.close();
    }
  });

  it('trusts it by its pinned certificate fingerprint, and refuses any other certificate (F14)', async () => {
    const tls = await startSimulator({ seed: 7, speed: 0, tls: true });
    try {
      const fingerprint = await certificateFingerprint(tls.enterpriseManager.url);
      const pinned = connect({ to: tls, pinnedSha256: fingerprint });
      expect((await pinned.fetchInventory()).failoverSessions?.length).toBeGreaterThan(0);
      await pinned.close();
      const before = await callsAt(tls, 'POST');
      const wrongPin = connect({ to: tls, pinnedSha256: 'ab'.repeat(32) });
      const err = await failure(wrongPin.fetchInventory());
      expect([err.code, err.message]).toEqual(['tls_untrusted', expect.stringMatching(/PINNED/)]);
      await wrongPin.close();
      // Refused before any request: not even the logon reached the server.
      expect(await callsAt(tls, 'POST')).toBe(before);
    } finally {
      await tls.close();
    }
  });
});

describe('a host name that does not resolve (F13)', () => {
  it('says the host was not found, distinct from a refused connection', async () => {
    const nowhere = connect({ url: 'https://lifeboat-test.invalid' });
    const err = await failure(nowhere.fetchInventory());
    expect([err.code, err.message]).toEqual([
      'request_failed',
      expect.stringMatching(/host (not found|name lookup failed)/),
    ]);
    await nowhere.close();
  });
});

/** The SHA-256 fingerprint of the certificate a TLS server presents, as openssl prints it. */
function certificateFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}
