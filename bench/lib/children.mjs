// The processes a bench starts (the built simulator, the built BFF, helpers), in a work folder of
// its own: whatever way the bench ends, none of them outlives it and the folder is removed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** @param {string} name  the bench's name, in its work folder's name */
export function benchChildren(name) {
  const dir = mkdtempSync(join(tmpdir(), `lifeboat-bench-${name}-`));
  const children = new Set();
  const cleanups = [];
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const child of children) child.kill('SIGTERM');
      for (const c of cleanups) await c();
      rmSync(dir, { recursive: true, force: true });
    })());
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, () => void cleanup().finally(() => process.exit(code)));
  }
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });

  /** Starts a node child; resolves with the first stdout line `pick` accepts (as `value`). */
  function startChild(label, args, env, pick) {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let errors = '';
    child.stderr.on('data', (d) => (errors = (errors + d).slice(-4000)));
    return new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const value = pick(line);
        if (value) resolve({ child, value });
      });
      child.once('exit', (code) => reject(new Error(`${label} exited (${code}):\n${errors}`)));
    });
  }

  /** The built simulator at `scale`: its APIs' URLs and accounts, and `stop()`. */
  async function startSim(scale) {
    const sim = await startChild(
      'simulator',
      ['apps/veeam-sim/dist/cli.js', '--json', '--scale', scale],
      process.env,
      (l) => (json(l)?.enterpriseManager ? json(l) : null),
    );
    return { ...sim.value, stop: () => stopChild(sim.child) };
  }

  /**
   * The built BFF on `database` (a PostgreSQL URL, or by default a fresh embedded database of its
   * own), with `sources` (passwords passed in its environment) and `users` (each with `password`).
   */
  async function startBff(label, { sources, users, database }) {
    const config = {
      listen: { host: '127.0.0.1', port: 0 },
      database: database ? { url: database } : { dataDir: join(dir, `db-${label}`) },
      sources: sources.map(({ password: _password, ...s }) => ({
        ...s,
        passwordEnv: `BENCH_${s.id.toUpperCase()}`,
      })),
      users: users.map(({ password: _password, ...u }) => ({
        ...u,
        passwordEnv: `BENCH_USER_${u.username.toUpperCase()}`,
      })),
    };
    const configPath = join(dir, `config-${label}.json`);
    writeFileSync(configPath, JSON.stringify(config));
    const env = { ...process.env, LIFEBOAT_CONFIG: configPath };
    for (const s of sources) env[`BENCH_${s.id.toUpperCase()}`] = s.password;
    for (const u of users) env[`BENCH_USER_${u.username.toUpperCase()}`] = u.password;
    for (const n of ['HOST', 'PORT', 'DATABASE_URL']) delete env[n];
    const bff = await startChild(`BFF ${label}`, ['apps/bff/dist/server.js'], env, (line) => {
      const j = json(line);
      return j?.msg === 'listening' ? j.url : null;
    });
    return { url: bff.value, pid: bff.child.pid, stop: () => stopChild(bff.child) };
  }

  return {
    dir,
    startChild,
    startSim,
    startBff,
    /** Runs `fn` at cleanup, before the work folder is removed. */
    onCleanup: (fn) => cleanups.push(fn),
    cleanup,
  };
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A source of the config, from a simulator API (`{ url, username, password }`). */
export function source(id, kind, api, pollSeconds) {
  return {
    id,
    kind,
    url: api.url,
    username: api.username,
    password: api.password,
    pollSeconds,
    timeoutSeconds: 60,
  };
}

/** Signs in; the Cookie header of the session. */
export async function login(url, username, password) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The highest resident memory the process has had (VmHWM), in MiB. */
export function peakRssMiB(pid) {
  return statusMiB(pid, 'VmHWM');
}

/** The process's resident memory now (VmRSS), in MiB. */
export function rssMiB(pid) {
  return statusMiB(pid, 'VmRSS');
}

/** The CPU time the process has used so far (user and system), in milliseconds. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
}

function statusMiB(pid, field) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

export function json(line) {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

export function mean(xs) {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function round(n, digits) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
