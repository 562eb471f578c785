import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.ts';
import { HOSTILE_NAMES } from '../src/world/names.ts';
import { basic } from './helpers/em-client.ts';

describe('startSimulator', () => {
  it('uses the given credentials and ports, and frees them on close', async () => {
    const first = await startSimulator({ username: 'EM01\\lifeboat', password: 'secret' });
    const emPort = Number(new URL(first.enterpriseManager.url).port);
    const adminPort = Number(new URL(first.admin.url).port);
    expect(first.enterpriseManager).toEqual({
      url: `http://127.0.0.1:${emPort}`,
      username: 'EM01\\lifeboat',
      password: 'secret',
    });
    const logon = await fetch(`${first.enterpriseManager.url}/api/sessionMngr/?v=latest`, {
      method: 'POST',
      headers: { Authorization: basic('EM01\\lifeboat', 'secret') },
    });
    expect(logon.status).toBe(201);
    await first.close();
    const second = await startSimulator({ ports: { enterpriseManager: emPort, admin: adminPort } });
    expect(second.enterpriseManager.url).toBe(first.enterpriseManager.url);
    expect(second.admin.url).toBe(first.admin.url);
    expect(second.enterpriseManager.password).not.toBe('secret');
    expect(second.enterpriseManager.password.length).toBeGreaterThanOrEqual(16);
    await second.close();
  });
});

describe('the CLI', () => {
  // Inside the package, as dist/ is: the bundle leaves the app's npm dependencies (fast-xml-parser)
  // external, to be loaded from the package's node_modules.
  const scratch = new URL('../.tmp/', import.meta.url).pathname;
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'cli-'));
  const cli = join(dir, 'cli.js');
  beforeAll(async () => {
    const entry = new URL('../src/cli.ts', import.meta.url).pathname;
    await build({
      entryPoints: [entry],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly one JSON line with --json, keeps serving, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--json', '--seed', '3', '--speed', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const firstLine = new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        resolve(line);
      });
    });
    type Api = { url: string; username: string; password: string };
    const announced = JSON.parse(await firstLine) as {
      enterpriseManager: Api;
      orchestrator: Api;
      serviceProviderConsole: Api;
      admin: { url: string };
    };
    expect(Object.keys(announced)).toEqual([
      'enterpriseManager',
      'orchestrator',
      'serviceProviderConsole',
      'admin',
    ]);
    for (const api of [
      announced.enterpriseManager,
      announced.orchestrator,
      announced.serviceProviderConsole,
    ]) {
      expect(Object.keys(api)).toEqual(['url', 'username', 'password']);
    }
    expect((await fetch(`${announced.enterpriseManager.url}/api/`)).status).toBe(200);
    // Each API answers its own token call with the announced credentials.
    const form = (user: Api) =>
      new URLSearchParams({ grant_type: 'password', username: user.username, password: user.password });
    const vro = await fetch(`${announced.orchestrator.url}/api/token`, {
      method: 'POST',
      body: form(announced.orchestrator),
    });
    expect(vro.status).toBe(200);
    const vspc = await fetch(`${announced.serviceProviderConsole.url}/api/v3/token`, {
      method: 'POST',
      body: form(announced.serviceProviderConsole),
    });
    expect(vspc.status).toBe(200);
    expect((await fetch(`${announced.admin.url}/admin/calls`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines).toHaveLength(1);
  });

  it('with --tls, serves HTTPS and adds the CA file to the JSON line, removing it on exit', async () => {
    const child = spawn(process.execPath, [cli, '--json', '--tls', '--hostile-names'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    );
    const announced = JSON.parse(line) as { enterpriseManager: { url: string }; caFile: string };
    expect(Object.keys(announced)).toEqual([
      'enterpriseManager',
      'orchestrator',
      'serviceProviderConsole',
      'admin',
      'caFile',
    ]);
    expect(announced.enterpriseManager.url).toMatch(/^https:\/\//);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`${announced.enterpriseManager.url}/api/`, { ca: readFileSync(announced.caFile) }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on('error', reject);
    });
    expect(status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(dirname(announced.caFile))).toBe(false);
  });

  /** Runs the bundled CLI to its end. */
  const runCli = async (...args: string[]) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stdout, stderr };
  };

  it('fault, faults and calls drive a running simulator through its admin API', async () => {
    const sim = await startSimulator();
    try {
      const admin = ['--admin', sim.admin.url];
      const root = `${sim.enterpriseManager.url}/api/`;
      expect((await fetch(root)).status).toBe(200);

      const down = await runCli('fault', ...admin, '--api', 'enterpriseManager', '--down');
      expect(down.code, down.stderr).toBe(0);
      expect(JSON.parse(down.stdout)).toMatchObject({ enterpriseManager: { down: true } });
      await expect(fetch(root)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });

      // --html-error-page without a status, followed by another flag.
      const html = await runCli(
        'fault',
        ...admin,
        '--api',
        'orchestrator',
        '--html-error-page',
        '--count',
        '1',
      );
      expect(html.code, html.stderr).toBe(0);
      expect(JSON.parse(html.stdout)).toEqual({
        orchestrator: {
          down: false,
          latencyMs: 0,
          jitterMs: 0,
          rules: [{ kind: 'htmlErrorPage', status: 200, remaining: 1 }],
        },
      });

      const cleared = await runCli('faults', ...admin, '--clear');
      expect(cleared.code, cleared.stderr).toBe(0);
      expect(JSON.parse(cleared.stdout)).toMatchObject({
        enterpriseManager: { down: false, rules: [] },
        orchestrator: { rules: [] },
      });
      expect((await fetch(root)).status).toBe(200);

      // The two answered calls; the refused one never reached the API.
      const calls = await runCli('calls', ...admin, '--api', 'enterpriseManager');
      expect(calls.code, calls.stderr).toBe(0);
      expect(JSON.parse(calls.stdout)).toEqual({ enterpriseManager: { 'GET /api/': 2 } });

      const badFlag = await runCli('fault', ...admin, '--api', 'enterpriseManager', '--dwon');
      expect(badFlag.code).toBe(2);
      expect(badFlag.stderr).toContain("'--dwon'");
      expect(badFlag.stderr).toContain('usage: veeam-sim fault');

      const unknownBody = await runCli(
        'fault',
        ...admin,
        '--api',
        'enterpriseManager',
        '--hostile-body',
        'nope',
      );
      expect(unknownBody.code).toBe(1);
      expect(unknownBody.stderr).toContain('"hostileBody" must be one of: billion-laughs');
      expect(unknownBody.stdout).toBe('');
    } finally {
      await sim.close();
    }
  });

  it('names switches the hostile names of a running simulator', async () => {
    const sim = await startSimulator();
    try {
      const admin = ['--admin', sim.admin.url];
      const plainName = sim.world.vms[0]?.name;
      const shown = await runCli('names', ...admin);
      expect(shown.code, shown.stderr).toBe(0);
      expect(JSON.parse(shown.stdout)).toEqual({ hostile: false });

      const on = await runCli('names', ...admin, '--hostile');
      expect(on.code, on.stderr).toBe(0);
      expect(JSON.parse(on.stdout)).toEqual({ hostile: true });
      expect(sim.world.hostileNames).toBe(true);
      expect(sim.world.vms[0]?.name).toBe(HOSTILE_NAMES[0]);

      const off = await runCli('names', ...admin, '--plain');
      expect(off.code, off.stderr).toBe(0);
      expect(JSON.parse(off.stdout)).toEqual({ hostile: false });
      expect(sim.world.vms[0]?.name).toBe(plainName);

      const both = await runCli('names', ...admin, '--hostile', '--plain');
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('usage: veeam-sim names');
    } finally {
      await sim.close();
    }
  });

  it('refuses a bad option with a readable message', async () => {
    const child = spawn(process.execPath, [cli, '--scale', 'huge'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('--scale');
  });
});
