// Service-provider scale on one BFF (issue 13), against the built simulator and the built BFF:
// (a) Enterprise Manager normalization against fast-xml-parser's raw parse of the same page;
// (b) at `medium`, through a counting proxy: the bytes of a steady poll against a full sync, the
//     poll time and the upstream calls with 100 reading clients against none and one;
// (c) at `large` (about 1,000,000 restore points): the first full sync against merely downloading
//     the same pages, the BFF's peak memory, /healthz p99 while it runs, and list reads (a page of
//     50) against a hello-world Express app at 50 connections, once the BFF is idle after the sync
//     (its restart copy written; the figures while it is written are printed too).
// Usage: npm run bench -- inventory [--large-scale medium]   (the runner builds first)
import { benchChildren, cpuMs, login as signIn, mean, peakRssMiB, round, source } from './lib/children.mjs';
import { countingProxy } from './lib/counting-proxy.mjs';
import { fetchPage, measureEmNormalize } from './lib/em-normalize.mjs';
import { load, percentile } from './lib/load.mjs';

const LARGE = process.argv.includes('--large-scale')
  ? process.argv[process.argv.indexOf('--large-scale') + 1]
  : 'large';
const PASSWORD = 'bench-viewer-password';
/** The longest the first sync at LARGE may take before the bench gives up on it. */
const LARGE_SYNC_LIMIT_MS = 30 * 60_000;
/**
 * Steady polls averaged: a minute at a poll every 2 s, so the reads of the overlap
 * window (every 30 s, decision 012) count as often as they come.
 */
const STEADY_POLLS = 30;
const CLIENTS = 100;
const WINDOW_MS = 20_000;
const LOAD_MS = 10_000;

const { startChild, startSim, startBff: startChildBff, cleanup } = benchChildren('inventory');

const figures = {
  bench: 'inventory',
  largeSyncVsDownload: null,
  peakRssMiBLarge: null,
  steadyPollBytesRatio: null,
  healthzP99MsDuringLargePoll: null,
  normalizeVsRawParse: null,
  listReadsVsHello: null,
  listP99Ms: null,
  pollTimeRatio100Clients: null,
  upstreamCallsRatio100vs1: null,
};

try {
  await mediumPhase();
  await largePhase();
} finally {
  await cleanup();
}
console.log(JSON.stringify(figures));

async function mediumPhase() {
  const sim = await startSim('medium');
  const proxy = await countingProxy(sim.enterpriseManager.url);
  try {
    const page = await fetchPage(sim.enterpriseManager.url, await emLogon(sim.enterpriseManager));
    const n = await measureEmNormalize({ page });
    figures.normalizeVsRawParse = round(n.ratio, 2);
    console.log(
      `normalization of one query page (${Math.round(page.byteLength / 1024)} KiB, from the simulator): ` +
        `raw parse ${n.rawParseMs.toFixed(1)} ms; readQueryPage (decode, our XML step, checks, normalization) ` +
        `${n.readPageMs.toFixed(1)} ms = ${n.ratio.toFixed(2)}x the raw parse`,
    );

    const bff = await startBff('medium', [
      source('em', 'enterprise-manager', { ...sim.enterpriseManager, url: proxy.url }, 2),
      source('vro', 'orchestrator', sim.orchestrator, 2),
      source('vspc', 'service-provider-console', sim.serviceProviderConsole, 2),
    ]);
    const cookie = await login(bff.url);
    const first = await waitForPoll(bff.url, cookie, 'em', null, 300_000);
    const full = { ...proxy.counts };
    console.log(
      `medium, first (full) sync: ${full.calls} calls, ${mib(full.bytes)} MiB, ${first.latencyMs} ms`,
    );

    const steady = await steadyPolls(bff.url, cookie, proxy, first.lastSuccessAt, STEADY_POLLS);
    figures.steadyPollBytesRatio = round(steady.bytes / full.bytes, 4);
    console.log(
      `medium, steady poll (mean of ${STEADY_POLLS}): ${round(steady.calls, 1)} calls, ` +
        `${round(steady.bytes / 1024, 1)} KiB = ${(100 * figures.steadyPollBytesRatio).toFixed(2)}% of a full sync's bytes; ` +
        `${Math.round(steady.latencyMs)} ms a poll`,
    );

    // Readers: each loops over the lists a browser reads, with no pause between requests.
    const lists = [
      '/api/v1/vm-rpo?limit=50',
      '/api/v1/replica-points?limit=50&sort=pointTime',
      '/api/v1/overview',
    ];
    let turn = 0;
    const readers = async (connections) =>
      load(() => `${bff.url}${lists[turn++ % lists.length]}`, {
        connections,
        durationMs: WINDOW_MS,
        headers: { Cookie: cookie },
      });

    proxy.reset();
    const oneStart = performance.now();
    const oneLoad = readers(1);
    const oneMark = (await sourceOf(bff.url, cookie, 'em')).lastSuccessAt;
    const oneReader = await oneLoad;
    const callsOne = (proxy.counts.calls * 60_000) / (performance.now() - oneStart);
    const oneLatency = await meanLatencySince(bff.url, cookie, oneMark);

    proxy.reset();
    const manyStart = performance.now();
    const manyLoad = readers(CLIENTS);
    const manyMark = (await sourceOf(bff.url, cookie, 'em')).lastSuccessAt;
    const many = await manyLoad;
    const callsMany = (proxy.counts.calls * 60_000) / (performance.now() - manyStart);
    const manyLatency = await meanLatencySince(bff.url, cookie, manyMark);
    figures.upstreamCallsRatio100vs1 = round(callsMany / callsOne, 2);
    figures.pollTimeRatio100Clients = round(manyLatency / steady.latencyMs, 2);
    console.log(
      `medium, 1 reader: ${Math.round(oneReader.rps)} req/s; ${Math.round(callsOne)} upstream calls a minute; ` +
        `poll ${Math.round(oneLatency)} ms`,
    );
    console.log(
      `medium, ${CLIENTS} readers: ${Math.round(many.rps)} req/s, p99 ${Math.round(many.p99)} ms, ${many.errors} errors; ` +
        `${Math.round(callsMany)} upstream calls a minute; poll ${Math.round(manyLatency)} ms ` +
        `(${figures.pollTimeRatio100Clients}x the poll with none)`,
    );
    await bff.stop();
  } finally {
    await proxy.close();
    sim.stop();
  }
}

async function largePhase() {
  const started = performance.now();
  const sim = await startSim(LARGE);
  console.log(`${LARGE}: simulator ready after ${Math.round(performance.now() - started)} ms`);
  try {
    const download = await downloadAll(sim.enterpriseManager);
    console.log(
      `${LARGE}, download only: ${download.pages} query pages, ${mib(download.bytes)} MiB in ${Math.round(download.ms)} ms`,
    );

    const bff = await startBff(LARGE, [source('em', 'enterprise-manager', sim.enterpriseManager, 3600)]);
    const cookie = await login(bff.url);
    // /healthz every 20 ms whether or not the last one has been answered (open loop), so a
    // request held behind a blocked event loop counts for as long as the block lasts.
    const healthz = [];
    const sampler = setInterval(() => {
      const t = performance.now();
      // A request refused or timed out counts for as long as it waited.
      void fetch(`${bff.url}/healthz`)
        .then((r) => r.text())
        .catch(() => undefined)
        .finally(() => healthz.push(performance.now() - t));
    }, 20);
    let synced = null;
    const deadline = performance.now() + LARGE_SYNC_LIMIT_MS;
    while (!synced && performance.now() < deadline) {
      const em = await sourceOf(bff.url, cookie, 'em');
      if (em.lastSuccessAt) synced = em;
      else if (em.lastError && em.lastError.code !== 'restored')
        console.log(`${LARGE}, first poll: ${em.lastError.code}: ${em.lastError.message}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    clearInterval(sampler);
    figures.peakRssMiBLarge = peakRssMiB(bff.pid);
    figures.healthzP99MsDuringLargePoll = round(percentile(healthz, 0.99), 1);
    if (!synced) {
      console.log(`${LARGE}: the first sync had not finished after ${LARGE_SYNC_LIMIT_MS / 60_000} minutes`);
    } else {
      figures.largeSyncVsDownload = round(synced.latencyMs / download.ms, 2);
      console.log(
        `${LARGE}, first sync by the BFF: ${synced.latencyMs} ms = ${figures.largeSyncVsDownload}x the download; ` +
          `peak RSS ${figures.peakRssMiBLarge} MiB; /healthz p99 ${figures.healthzP99MsDuringLargePoll} ms, ` +
          `max ${Math.round(Math.max(...healthz))} ms over ${healthz.length} requests while it ran`,
      );
      // Right after the first sync the BFF still writes its restart copy (paced, decision 013);
      // the figures are those of the steady state after it, both are printed.
      await listReads(bff.url, cookie, 'while the restart copy is written');
      await idle(bff.pid);
      const settled = await listReads(bff.url, cookie, 'once the BFF is idle');
      figures.listReadsVsHello = settled.ratio;
      figures.listP99Ms = settled.p99;
      // The heap gets more room once the inventory holds steady (decision 022): what that costs.
      console.log(`${LARGE}: peak RSS ${peakRssMiB(bff.pid)} MiB by the end of the list reads`);
    }
    await bff.stop();
  } finally {
    sim.stop();
  }
}

/** Waits until the process has used under a tenth of a core for two seconds (ten minutes at most). */
async function idle(pid) {
  const started = performance.now();
  for (;;) {
    const before = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 2_000));
    if (cpuMs(pid) - before < 200) break;
    if (performance.now() - started > 600_000) {
      console.log(`${LARGE}: the BFF was still busy 10 minutes after the sync`);
      return;
    }
  }
  console.log(
    `${LARGE}: the BFF fell idle ${Math.round((performance.now() - started) / 1000)} s after the sync`,
  );
}

/** A page of 50 of each big list, at 50 connections, against a hello-world Express app. */
async function listReads(url, cookie, when) {
  const hello = await startChild('hello', ['bench/lib/hello-server.mjs'], process.env, (l) =>
    l.startsWith('http') ? l : null,
  );
  try {
    const opts = { connections: 50, durationMs: LOAD_MS };
    await load(hello.value, { ...opts, durationMs: 2_000 }); // warm-up
    const yardstick = await load(hello.value, opts);
    const results = [];
    for (const path of ['/api/v1/vm-rpo?limit=50', '/api/v1/replica-points?limit=50&sort=pointTime']) {
      await load(`${url}${path}`, { ...opts, durationMs: 2_000, headers: { Cookie: cookie } });
      const r = await load(`${url}${path}`, { ...opts, headers: { Cookie: cookie } });
      results.push(r);
      console.log(
        `${LARGE}, ${when}, ${path} at 50 connections: ${Math.round(r.rps)} req/s (${round(r.rps / yardstick.rps, 2)}x hello), ` +
          `p99 ${Math.round(r.p99)} ms, ${r.errors} errors`,
      );
    }
    console.log(
      `hello-world Express at 50 connections: ${Math.round(yardstick.rps)} req/s, p99 ${Math.round(yardstick.p99)} ms`,
    );
    return {
      ratio: round(Math.min(...results.map((r) => r.rps)) / yardstick.rps, 2),
      p99: Math.round(Math.max(...results.map((r) => r.p99))),
    };
  } finally {
    hello.child.kill('SIGTERM');
  }
}

/** Every query page a full sync reads (same types and page size as the connector), bodies discarded. */
async function downloadAll(em) {
  const token = await emLogon(em);
  let pages = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const type of ['CloudFailoverPlan', 'CloudFailoverSession', 'CloudVmReplicaPoint']) {
    for (let page = 1; ; page++) {
      const res = await fetch(`${em.url}/api/query?type=${type}&format=Entities&pageSize=500&page=${page}`, {
        headers: { Accept: 'application/xml', 'X-RestSvcSessionId': token },
      });
      const text = await res.text();
      pages++;
      bytes += Buffer.byteLength(text);
      const count = Number(/PagesCount="(\d+)"/.exec(text)?.[1] ?? 1);
      if (page >= count) break;
    }
  }
  return { pages, bytes, ms: performance.now() - t0 };
}

async function emLogon(em) {
  const res = await fetch(`${em.url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${em.username}:${em.password}`).toString('base64')}` },
  });
  return res.headers.get('x-restsvcsessionid');
}

/** Polls that complete after `since`, `count` of them: their calls and bytes (by the proxy) and time. */
async function steadyPolls(url, cookie, proxy, since, count) {
  let mark = (await waitForPoll(url, cookie, 'em', since, 60_000)).lastSuccessAt;
  proxy.reset();
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const polled = await waitForPoll(url, cookie, 'em', mark, 60_000);
    latencies.push(polled.latencyMs);
    mark = polled.lastSuccessAt;
  }
  return { calls: proxy.counts.calls / count, bytes: proxy.counts.bytes / count, latencyMs: mean(latencies) };
}

/** The mean poll time of the polls that completed after `since` and until now (at least one). */
async function meanLatencySince(url, cookie, since) {
  const latencies = [];
  let mark = since;
  const end = Date.now();
  for (;;) {
    const polled = await waitForPoll(url, cookie, 'em', mark, 120_000);
    latencies.push(polled.latencyMs);
    mark = polled.lastSuccessAt;
    if (Date.parse(mark) >= end) return mean(latencies);
  }
}

/** Waits for a successful poll of `id` newer than `since` (an ISO time, or null for the first). */
async function waitForPoll(url, cookie, id, since, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await sourceOf(url, cookie, id);
    if (s.lastSuccessAt && s.lastSuccessAt !== since && (!since || s.lastSuccessAt > since)) return s;
    if (Date.now() > deadline)
      throw new Error(`no new poll of ${id} in ${timeoutMs} ms: ${JSON.stringify(s.lastError)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sourceOf(url, cookie, id) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/api/v1/sources`, { headers: { Cookie: cookie } });
      const { items } = await res.json();
      return items.find((s) => s.id === id);
    } catch (err) {
      // A kept-alive socket the server closed just then (its keep-alive timeout): ask again.
      if (attempt === 3) throw err;
    }
  }
}

/** The built BFF on a fresh embedded database of its own, with `sources` and the viewer. */
function startBff(name, sources) {
  return startChildBff(name, {
    sources,
    users: [{ username: 'viewer', password: PASSWORD, roles: ['viewer'] }],
  });
}

/** Signs the viewer in; the Cookie header. */
function login(url) {
  return signIn(url, 'viewer', PASSWORD);
}

function mib(bytes) {
  return round(bytes / 1024 / 1024, 1);
}
