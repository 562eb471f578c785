// Several instances on one PostgreSQL (issue 14), at `medium`, against the built simulator and the
// built BFF on a throwaway PostgreSQL (Debian's packages, as npm test uses):
// (a) list reads (a page of 50, at 50 connections) on a follower instance against the instance that
//     polls the sources;
// (b) the time from a change polled by instance A (its event published, once stored) to that event
//     at a browser on instance B (which first reads the change from the database);
// (c) each instance's memory (resident, after the reads) on PostgreSQL against one instance on the
//     embedded database, after the same sync and the same reads.
// The cluster runs with fsync off, as in the tests: the figures are Lifeboat's, not the disk's.
// Usage: npm run bench -- scale-out   (the runner builds first)
import { startThrowawayPostgres } from '../scripts/postgres.mjs';
import { ensurePostgres } from '../scripts/tooling.mjs';
import { benchChildren, login, rssMiB, round, source } from './lib/children.mjs';
import { load, percentile } from './lib/load.mjs';

const SCALE = 'medium';
const POLL_SECONDS = 2;
const CHANGES = 20;
const LOAD_MS = 10_000;
const LISTS = ['/api/v1/vm-rpo?limit=50', '/api/v1/replica-points?limit=50&sort=pointTime'];
const USERS = [{ username: 'viewer', password: 'bench-viewer-password', roles: ['viewer'] }];

const { startSim, startBff, onCleanup, cleanup } = benchChildren('scale-out');
const figures = {
  bench: 'scale-out',
  followerVsLeaderReads: null,
  fanoutP95Ms: null,
  rssMiBPostgres: null,
  rssMiBEmbedded: null,
};

try {
  ensurePostgres();
  const postgres = await startThrowawayPostgres();
  onCleanup(() => postgres.stop());
  const sim = await startSim(SCALE);
  onCleanup(() => sim.stop());
  const sources = ['enterpriseManager', 'orchestrator', 'serviceProviderConsole'].map((api, i) =>
    source(
      ['em', 'vro', 'vspc'][i],
      ['enterprise-manager', 'orchestrator', 'service-provider-console'][i],
      sim[api],
      POLL_SECONDS,
    ),
  );

  // A starts first and takes every source's lease; B, started once A has synced, follows.
  const a = await startBff('a', { sources, users: USERS, database: postgres.url });
  const cookie = await login(a.url, 'viewer', USERS[0].password);
  const synced = await waitFor(async () => {
    const items = await sourcesOf(a.url, cookie);
    return items.every((s) => s.lastSuccessAt) ? items : null;
  }, 300_000);
  console.log(
    `${SCALE}, instance A synced every source (em in ${synced.find((s) => s.id === 'em').latencyMs} ms)`,
  );
  const b = await startBff('b', { sources, users: USERS, database: postgres.url });
  await waitFor(
    async () => (await sourcesOf(b.url, cookie)).every((s) => s.status === 'ok' && !s.stale),
    120_000,
  );
  const polling = async (bff) =>
    (await (await fetch(`${bff.url}/metrics`)).text()).match(/lifeboat_source_polling\{[^}]*\} 1/g)?.length ??
    0;
  console.log(`sources polled: by A ${await polling(a)}, by B ${await polling(b)} (of ${sources.length})`);

  // (a) reads, on the polling instance then on the follower.
  const reads = async (bff) => {
    const results = [];
    for (const path of LISTS) {
      await load(`${bff.url}${path}`, { connections: 50, durationMs: 2_000, headers: { Cookie: cookie } });
      results.push(
        await load(`${bff.url}${path}`, {
          connections: 50,
          durationMs: LOAD_MS,
          headers: { Cookie: cookie },
        }),
      );
    }
    return results;
  };
  const leaderReads = await reads(a);
  const followerReads = await reads(b);
  LISTS.forEach((path, i) => {
    const [l, f] = [leaderReads[i], followerReads[i]];
    console.log(
      `${path} at 50 connections: polling instance ${Math.round(l.rps)} req/s (p99 ${Math.round(l.p99)} ms, ${l.errors} errors); ` +
        `follower ${Math.round(f.rps)} req/s (p99 ${Math.round(f.p99)} ms, ${f.errors} errors) = ${round(f.rps / l.rps, 2)}x`,
    );
  });
  figures.followerVsLeaderReads = round(
    Math.min(...LISTS.map((_, i) => followerReads[i].rps / leaderReads[i].rps)),
    2,
  );
  figures.rssMiBPostgres = Math.max(rssMiB(a.pid), rssMiB(b.pid));
  console.log(
    `resident memory after the reads, on PostgreSQL: A ${rssMiB(a.pid)} MiB, B ${rssMiB(b.pid)} MiB`,
  );

  // (b) fan-out: the simulated world's clock moves on, A polls the new points, B's browser hears.
  const stream = await openEvents(b.url, cookie);
  const delays = [];
  try {
    for (let i = 0; i < CHANGES; i++) {
      const heard = stream.next(
        (e) => e.type === 'inventory' && e.source === 'em' && e.collections.includes('replicaPoints'),
      );
      await fetch(`${sim.admin.url}/admin/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advanceMs: 15 * 60_000 }),
      });
      const { event, receivedAt } = await heard;
      delays.push(receivedAt - Date.parse(event.at));
    }
  } finally {
    stream.close();
  }
  figures.fanoutP95Ms = Math.round(percentile(delays, 0.95));
  console.log(
    `fan-out of ${CHANGES} changes polled by A to a browser on B: median ${Math.round(percentile(delays, 0.5))} ms, ` +
      `p95 ${figures.fanoutP95Ms} ms, max ${Math.round(Math.max(...delays))} ms`,
  );
  await Promise.all([a.stop(), b.stop()]);

  // (c) one instance on the embedded database, the same sync and the same reads.
  const embedded = await startBff('embedded', { sources, users: USERS });
  const embeddedCookie = await login(embedded.url, 'viewer', USERS[0].password);
  await waitFor(
    async () => (await sourcesOf(embedded.url, embeddedCookie)).every((s) => s.status === 'ok' && !s.stale),
    300_000,
  );
  for (const path of LISTS)
    await load(`${embedded.url}${path}`, {
      connections: 50,
      durationMs: LOAD_MS,
      headers: { Cookie: embeddedCookie },
    });
  figures.rssMiBEmbedded = rssMiB(embedded.pid);
  console.log(
    `resident memory after the same reads, on the embedded database: ${figures.rssMiBEmbedded} MiB`,
  );
  await embedded.stop();
} finally {
  await cleanup();
}
console.log(JSON.stringify(figures));

async function sourcesOf(url, cookie) {
  const res = await fetch(`${url}/api/v1/sources`, { headers: { Cookie: cookie } });
  return (await res.json()).items;
}

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not done in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A browser's event stream: `next(match)` resolves with the next matching event and when it came. */
async function openEvents(url, cookie) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, { headers: { Cookie: cookie }, signal: abort.signal });
  const waiting = [];
  void (async () => {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((l) => l.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = JSON.parse(data.slice(6));
          const receivedAt = Date.now();
          for (const w of waiting.splice(0)) {
            if (w.match(event)) w.resolve({ event, receivedAt });
            else waiting.push(w);
          }
        }
      }
    } catch {
      // Closed.
    }
  })();
  return {
    next: (match) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such event in 30 s')), 30_000);
        waiting.push({ match, resolve: (v) => (clearTimeout(timer), resolve(v)) });
      }),
    close: () => abort.abort(),
  };
}
