// Runs the built BFF against the built simulator, feeds each heavy item of the hostile corpus
// (security-and-resilience.md §7.2) to one upstream's polls, and measures what it costs the BFF:
// /healthz latency while it is read (a request waiting behind a parse shows here) and the BFF's
// RSS growth. Usage: npm run bench -- hostile-input
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CASES = [
  ['enterpriseManager', 'numeric-flood', '/api/query'],
  ['enterpriseManager', 'deep-nesting-100000', '/api/query'],
  ['enterpriseManager', 'huge-attribute', '/api/query'],
  ['enterpriseManager', 'billion-laughs', '/api/query'],
  ['enterpriseManager', 'out-of-range-refs', '/api/query'],
  ['orchestrator', 'deep-arrays', '/api/v3/Plans'],
  ['orchestrator', 'proto-pollution', '/api/v3/Plans'],
  ['serviceProviderConsole', 'deep-arrays', '/api/v3/infrastructure'],
];
/** How long each case is watched: several polls of one second each. */
const WATCH_MS = 5_000;

const rssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
};

/** Starts a child and resolves with the first stdout line `pick` accepts. */
function start(args, env, pick) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const ready = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const value = pick(line);
      if (value) resolve(value);
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code})`)));
  });
  return { child, ready };
}

const json = (line) => {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
};

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bench-'));
const sim = start(['apps/veeam-sim/dist/cli.js', '--json'], process.env, json);
const procs = [sim.child];
try {
  const info = await sim.ready;
  const source = (id, kind, api) => ({
    id,
    kind,
    url: info[api].url,
    username: info[api].username,
    passwordEnv: `BENCH_${id.toUpperCase().replace(/-/g, '_')}`,
    pollSeconds: 1,
    timeoutSeconds: 10,
  });
  const config = {
    listen: { host: '127.0.0.1', port: 0 },
    database: { dataDir: join(dir, 'db') },
    sources: [
      source('em', 'enterprise-manager', 'enterpriseManager'),
      source('vro', 'orchestrator', 'orchestrator'),
      source('vspc', 'service-provider-console', 'serviceProviderConsole'),
    ],
    users: [{ username: 'viewer', passwordEnv: 'BENCH_VIEWER', roles: ['viewer'] }],
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const bff = start(
    ['apps/bff/dist/server.js'],
    {
      ...process.env,
      LIFEBOAT_CONFIG: join(dir, 'config.json'),
      LOG_LEVEL: 'info',
      BENCH_EM: info.enterpriseManager.password,
      BENCH_VRO: info.orchestrator.password,
      BENCH_VSPC: info.serviceProviderConsole.password,
      BENCH_VIEWER: 'bench-viewer-password',
    },
    (line) => json(line)?.url,
  );
  procs.push(bff.child);
  const url = await bff.ready;
  const admin = (method, body) =>
    fetch(`${info.admin.url}/admin/faults`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    });

  /** /healthz latencies (ms) sampled back to back for `ms`, and the peak RSS seen. */
  async function watch(ms) {
    const latencies = [];
    let peak = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const t = performance.now();
      await (await fetch(`${url}/healthz`)).text();
      latencies.push(performance.now() - t);
      peak = Math.max(peak, rssMb(bff.child.pid));
      await new Promise((r) => setTimeout(r, 10));
    }
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { p99: at(0.99), max: latencies.at(-1), peak };
  }

  await watch(3_000); // first polls and warm-up
  const baseline = await watch(WATCH_MS);
  const rssBefore = rssMb(bff.child.pid);
  console.log(
    `baseline (healthy polls): /healthz p99 ${baseline.p99.toFixed(1)} ms, max ${baseline.max.toFixed(1)} ms, RSS ${rssBefore} MB`,
  );
  const results = {
    baselineP99Ms: round(baseline.p99),
    baselineMaxMs: round(baseline.max),
    rssBeforeMb: rssBefore,
  };
  for (const [api, body, path] of CASES) {
    await admin('POST', { api, hostileBody: body, path });
    const w = await watch(WATCH_MS);
    await admin('DELETE');
    const key = `${api}:${body}`;
    results[key] = { p99Ms: round(w.p99), maxMs: round(w.max), rssPeakDeltaMb: w.peak - rssBefore };
    console.log(
      `${key.padEnd(42)} /healthz p99 ${w.p99.toFixed(1).padStart(6)} ms, max ${w.max.toFixed(1).padStart(6)} ms, ` +
        `RSS peak +${w.peak - rssBefore} MB`,
    );
  }
  console.log(JSON.stringify(results));
} finally {
  for (const p of procs) p.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

function round(n) {
  return Math.round(n * 10) / 10;
}
