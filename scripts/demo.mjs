// The demo: the simulator on free ports, a generated config, and the BFF serving the built web
// app, all on 127.0.0.1. Used by `npm start` (no LIFEBOAT_CONFIG) and by the end-to-end tests.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { root } from './tooling.mjs';

export const DEMO_USERS = ['admin', 'approver', 'operator', 'viewer'];
export const DEFAULT_DEMO_PASSWORD = 'lifeboat-demo';

/** Starts a child process and resolves with the first stdout line that `pick` accepts. */
function startChild(name, args, env, pick, { echo }) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  let errors = '';
  child.stderr.on('data', (d) => {
    errors = (errors + d).slice(-4000);
    if (echo) process.stderr.write(d);
  });
  const ready = new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const found = pick(line);
      if (found) resolve(found);
      else if (echo) console.log(line);
    });
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${errors}`)));
  });
  return { child, ready };
}

function parseJson(line) {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/**
 * @param {{ port?: number, dataDir: string, demoPassword?: string, simArgs?: string[], echo?: boolean, pollSeconds?: number, requireApproval?: boolean }} opts
 */
export async function startDemo(opts) {
  const demoPassword = opts.demoPassword ?? process.env.LIFEBOAT_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  const echo = opts.echo ?? false;
  const sim = startChild(
    'simulator',
    ['apps/veeam-sim/dist/cli.js', '--json', ...(opts.simArgs ?? [])],
    process.env,
    (line) => {
      const j = parseJson(line);
      return j?.enterpriseManager ? j : null;
    },
    { echo },
  );
  const simInfo = await sim.ready;

  mkdirSync(opts.dataDir, { recursive: true });
  const config = {
    listen: { host: '127.0.0.1', port: opts.port ?? 0 },
    database: { dataDir: join(opts.dataDir, 'db') },
    sources: [
      {
        id: 'em-demo',
        kind: 'enterprise-manager',
        name: 'Enterprise Manager (simulator)',
        url: simInfo.enterpriseManager.url,
        username: simInfo.enterpriseManager.username,
        passwordEnv: 'LIFEBOAT_DEMO_EM_PASSWORD',
        pollSeconds: opts.pollSeconds ?? 10,
        timeoutSeconds: 10,
      },
      {
        id: 'vro-demo',
        kind: 'orchestrator',
        name: 'Recovery Orchestrator (simulator)',
        url: simInfo.orchestrator.url,
        username: simInfo.orchestrator.username,
        passwordEnv: 'LIFEBOAT_DEMO_VRO_PASSWORD',
        pollSeconds: opts.pollSeconds ?? 10,
        timeoutSeconds: 10,
      },
      {
        id: 'vspc-demo',
        kind: 'service-provider-console',
        name: 'Service Provider Console (simulator)',
        url: simInfo.serviceProviderConsole.url,
        username: simInfo.serviceProviderConsole.username,
        passwordEnv: 'LIFEBOAT_DEMO_VSPC_PASSWORD',
        pollSeconds: opts.pollSeconds ?? 10,
        timeoutSeconds: 10,
      },
    ],
    users: DEMO_USERS.map((u) => ({ username: u, passwordEnv: 'LIFEBOAT_DEMO_PASSWORD', roles: [u] })),
    // A second person (approver) must approve each failover or failback when asked (e2e tests).
    policy: { requireApproval: opts.requireApproval ?? false },
    rpo: { defaultTargetMinutes: 60 },
  };
  const configPath = join(opts.dataDir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  // HOST, PORT and DATABASE_URL would override the generated config; the demo decides those itself.
  const inherited = { ...process.env };
  for (const name of ['HOST', 'PORT', 'DATABASE_URL']) delete inherited[name];
  const env = {
    ...inherited,
    LIFEBOAT_CONFIG: configPath,
    LIFEBOAT_DEMO_PASSWORD: demoPassword,
    LIFEBOAT_DEMO_EM_PASSWORD: simInfo.enterpriseManager.password,
    LIFEBOAT_DEMO_VRO_PASSWORD: simInfo.orchestrator.password,
    LIFEBOAT_DEMO_VSPC_PASSWORD: simInfo.serviceProviderConsole.password,
  };
  // PORT, when given, overrides the config's port: a restart keeps the port the first BFF got.
  const startBff = (port) =>
    startChild(
      'BFF',
      ['apps/bff/dist/server.js'],
      port === undefined ? env : { ...env, PORT: String(port) },
      (line) => {
        const j = parseJson(line);
        return j?.msg === 'listening' ? j.url : null;
      },
      { echo },
    );
  let bff = startBff();
  let url;
  try {
    url = await bff.ready;
  } catch (err) {
    sim.child.kill('SIGTERM');
    throw err;
  }

  const stop = (child) =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    get url() {
      return url;
    },
    demoPassword,
    sim: simInfo,
    get bffProcess() {
      return bff.child;
    },
    simProcess: sim.child,
    /**
     * Stops the BFF and starts it again on the same data folder, config and port, as an operator's
     * restart would; the simulator keeps running. Resolves with the URL once the new BFF listens.
     */
    async restartBff() {
      await stop(bff.child);
      bff = startBff(new URL(url).port);
      url = await bff.ready;
      return url;
    },
    async close() {
      await Promise.all([stop(bff.child), stop(sim.child)]);
    },
  };
}
