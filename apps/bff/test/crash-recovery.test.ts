// Crash cases F18-F21 (security-and-resilience §7.1, §7.6 last item) with a real BFF process: the
// built server (apps/bff/dist/server.js, as `npm start` runs it) on a config file, killed with
// SIGKILL (or SIGTERM for F18) in the middle of a failover dispatch, then started again on the same
// data folder. The simulator runs in this process; its Orchestrator is reached through a small proxy
// here, which counts every call by its real path (the simulator counts by path template) and can
// kill the BFF at the exact moment the Orchestrator has accepted an action and its answer is still
// on the way back (F20).
//
// One SIGKILL catches three operations mid-dispatch at once, each at another step of ACT-06:
//   A (F19)  intent committed, the fresh plan read hangs upstream: no action POST was ever made;
//   B (F21)  the action POST hangs upstream (the simulator never acts on it): outcome unknown;
//   C (F20)  the Orchestrator accepted the POST; the BFF dies before it reads the answer.
// The `it`s below then follow what the restarted BFF makes of each; they share that one crash and
// run in order. The production follower waits 30 s before it calls an unknown operation "not
// started" (notStartedAfterMs; the config file cannot shorten it), so A and B take that long.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, ListEnvelope, Operation, Plan } from '@lifeboat/shared';
import { startSimulator } from '@lifeboat/veeam-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDataDir } from '../src/audit-verify.ts';
import { formatHead, type AuditHead } from '../src/store/audit.ts';
import { openDatabase } from '../src/store/database.ts';
import {
  countOf,
  get,
  login,
  PASSWORD,
  requestFailover,
  simAdmin,
  USERS,
  waitFor,
  type Session,
  type Sim,
  type SimAdmin,
} from './harness.ts';
import { ROOT, SERVER, startBff, startProxy, stopBff, type Bff, type Proxy } from './processes.ts';
import { templateDataDir } from './template-db.ts';
const CLI = join(ROOT, 'apps/bff/dist/cli.js');
const API = '/api/v1';
const ACTION = 'POST /api/v3/Plans/{id}/Failover';

/** The newest modification time of any file under `dir` (source folders only). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------
// The stack: simulator, proxy, config, data folder, BFF.

let sim: Sim;
let admin: SimAdmin;
let proxy: Proxy;
let workDir: string;
let dataDir: string;
let configPath: string;
let bffEnv: Record<string, string>;
let bff: Bff | null = null;
let operator: Session;
let adminSession: Session;

const restart = async () => {
  await stopBff(bff);
  bff = await startBff(configPath, bffEnv);
  [operator, adminSession] = await Promise.all([login(bff.url, 'operator'), login(bff.url, 'admin')]);
};

const operation = async (id: string) =>
  (await get<{ item: Operation }>(bff!.url, `${API}/operations/${id}`, operator)).body.item;

const waitForState = (id: string, states: Operation['state'][], timeoutMs = 15_000) =>
  waitFor(async () => {
    const op = await operation(id);
    return states.includes(op.state) ? op : null;
  }, timeoutMs);

/** Asks for a failover of `plan`; answers the HTTP status and the operation (or error). */
const askFailover = (plan: Plan) => requestFailover(bff!.url, operator, plan, 'INC-F18');

const planPath = (p: Plan) => `/api/v3/Plans/${p.ref.nativeId}`;
const postKey = (p: Plan) => `POST ${planPath(p)}/Failover`;
const readKey = (p: Plan) => `GET ${planPath(p)}`;

async function auditOf(query: string): Promise<AuditEvent[]> {
  const { body } = await get<ListEnvelope<AuditEvent>>(
    bff!.url,
    `${API}/audit?order=asc&limit=500&${query}`,
    adminSession,
  );
  return body.items;
}

/** Runs the audit-verify command on a data folder (the BFF stopped). */
async function auditVerifyCommand(
  dir: string,
  extra: string[] = [],
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, 'verify-audit', '--data-dir', dir, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  // 'close', not 'exit': the output has been read to its end.
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, out: out.trim() };
}

/** The audit chain heads a BFF wrote to its log, oldest first. */
function bffHeads(logs: readonly string[]): string[] {
  return logs.flatMap((line) => {
    try {
      const j = JSON.parse(line) as { msg?: string; auditHead?: string };
      return j.msg === 'audit chain head' && j.auditHead ? [j.auditHead] : [];
    } catch {
      return [];
    }
  });
}

let A: Plan; // F19
let B: Plan; // F21
let C: Plan; // F20
let D: Plan; // F18
const ops: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
/** Action POSTs the simulator had counted when the BFF died. */
let postsAtCrash = 0;

beforeAll(async () => {
  if (!existsSync(SERVER) || !existsSync(CLI))
    throw new Error(`${SERVER} is not built: run \`pnpm --filter @lifeboat/bff run build\` (npm test does)`);
  const sources = ['apps/bff/src', 'packages/shared/src', 'packages/upstreams/src'].map((d) =>
    newestMtime(join(ROOT, d)),
  );
  if (Math.max(...sources) > statSync(SERVER).mtimeMs)
    console.warn(`crash-recovery: ${SERVER} is older than the sources; rebuild it to test the current code`);

  sim = await startSimulator({ seed: 42, speed: 0 });
  admin = simAdmin(sim);
  proxy = await startProxy(sim.orchestrator.url);
  workDir = mkdtempSync(join(tmpdir(), 'lifeboat-crash-'));
  dataDir = join(workDir, 'db');
  cpSync(templateDataDir, dataDir, { recursive: true });
  configPath = join(workDir, 'config.json');
  const source = (id: string, kind: string, api: { url: string; username: string }, env: string) => ({
    id,
    kind,
    url: api.url,
    username: api.username,
    passwordEnv: env,
    pollSeconds: 1,
    // The default: a hung call is still in flight when the test kills the BFF seconds later.
    timeoutSeconds: 20,
  });
  writeFileSync(
    configPath,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      database: { dataDir },
      sources: [
        source('em-sim', 'enterprise-manager', sim.enterpriseManager, 'CRASH_EM_PASSWORD'),
        source('vro-sim', 'orchestrator', { ...sim.orchestrator, url: proxy.url }, 'CRASH_VRO_PASSWORD'),
        source('vspc-sim', 'service-provider-console', sim.serviceProviderConsole, 'CRASH_VSPC_PASSWORD'),
      ],
      users: USERS.map((u) => ({ username: u.username, passwordEnv: 'CRASH_USER_PASSWORD', roles: u.roles })),
      policy: { requireApproval: false },
      rpo: { defaultTargetMinutes: 60 },
    }),
  );
  bffEnv = {
    CRASH_EM_PASSWORD: sim.enterpriseManager.password,
    CRASH_VRO_PASSWORD: sim.orchestrator.password,
    CRASH_VSPC_PASSWORD: sim.serviceProviderConsole.password,
    CRASH_USER_PASSWORD: PASSWORD,
  };
  await restart();

  const ready = await waitFor(async () => {
    const { body } = await get<ListEnvelope<Plan>>(
      bff!.url,
      `${API}/plans?source=vro-sim&limit=500`,
      operator,
    );
    const r = body.items.filter((p) => p.allowedActions.some((a) => a.action === 'failover' && a.allowed));
    return r.length >= 4 ? r : null;
  });
  // The simulator fixes the first plans' failover results (Success, Warning, Error, ...): C, whose
  // failover really runs, takes the first, so its run succeeds; the others never run.
  [C, A, B, D] = ready as [Plan, Plan, Plan, Plan];

  // A (F19): the fresh read before the POST hangs; the intent is committed by then.
  await admin.fault('orchestrator', { hang: true, path: planPath(A) });
  const a = await askFailover(A);
  expect(a.status).toBe(202);
  ops.A = a.body.id;
  await waitFor(async () => proxy.count(readKey(A)) >= 1 && (await operation(ops.A)).state === 'dispatching');

  // B (F21): the action POST hangs; the simulator never acts on it.
  await admin.fault('orchestrator', { hang: true, path: `${planPath(B)}/Failover` });
  const b = await askFailover(B);
  expect(b.status).toBe(202);
  ops.B = b.body.id;
  await waitFor(
    async () => proxy.count(postKey(B)) === 1 && (await operation(ops.B)).state === 'dispatching',
  );

  // C (F20): the Orchestrator accepts the POST; the BFF is killed before the answer reaches it.
  let accepted = 0;
  proxy.onAnswered = async (key, status) => {
    if (key !== postKey(C)) return;
    accepted = status;
    await stopBff(bff, 'SIGKILL');
  };
  const c = await askFailover(C);
  expect(c.status).toBe(202);
  ops.C = c.body.id;
  const died = await bff!.exited;
  proxy.onAnswered = null;
  expect(died.signal).toBe('SIGKILL');
  expect(accepted).toBe(200);
  postsAtCrash = countOf(await admin.calls('orchestrator'), ACTION);
  expect(postsAtCrash).toBe(2); // B (hung) and C (accepted); A never got that far

  await admin.clearFaults();
  await restart();
}, 120_000);

afterAll(async () => {
  await stopBff(bff);
  await proxy?.close();
  await sim?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of three dispatches, then a restart on the same data', () => {
  it('finds every operation the crash caught in `dispatching` and marks it unknown, without sending anything', async () => {
    const [a, b] = await Promise.all([operation(ops.A), operation(ops.B)]);
    for (const op of [a, b]) {
      expect(op.state).toBe('unknown');
      expect(op.message).toMatch(/Lifeboat stopped while sending this.*Nothing will be sent again/);
    }
    // C may already have been read as running by the follower's first pass.
    expect(['unknown', 'running']).toContain((await operation(ops.C)).state);
    // Each was audited: the intent before the crash, the reconciliation after it.
    for (const id of Object.values(ops).filter(Boolean)) {
      const events = await auditOf(`q=${id}`);
      expect(events.map((e) => [e.action, e.outcome])).toEqual(
        expect.arrayContaining([
          ['operation.request.failover', 'approved'],
          ['operation.dispatch.failover', 'intent'],
          ['operation.reconcile', 'unknown'],
        ]),
      );
      const reconcile = events.find((e) => e.action === 'operation.reconcile')!;
      expect(reconcile).toMatchObject({ actor: 'lifeboat', params: { from: 'dispatching', to: 'unknown' } });
      // No outcome of the dispatch was ever recorded: the crash came first.
      expect(events.filter((e) => e.action === 'operation.dispatch.failover').map((e) => e.outcome)).toEqual([
        'intent',
      ]);
    }
    expect(countOf(await admin.calls('orchestrator'), ACTION)).toBe(postsAtCrash);
  });

  it('F21: refuses a second failover of the plan while its outcome is unknown (409 with the link)', async () => {
    const again = await askFailover(B);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain(`/api/v1/operations/${ops.B}`);
    expect(proxy.count(postKey(B))).toBe(1);
  });

  it('F20: follows the accepted failover to its end from what the plan shows, with one POST in all', async () => {
    const running = await waitForState(ops.C, ['running', 'succeeded']);
    expect(running.dispatchedAt).not.toBeNull();
    const done = await waitFor(async () => {
      await admin.advanceClock(5 * 60_000);
      const op = await operation(ops.C);
      return ['succeeded', 'failed'].includes(op.state) ? op : null;
    }, 30_000);
    // The end is the plan's own: it agrees with what the plan shows now.
    const plan = (await get<{ item: Plan }>(bff!.url, `${API}/plans/${C.id}`, operator)).body.item;
    expect(plan.result).not.toBe('failed');
    expect([done.state, done.message]).toEqual(['succeeded', expect.stringMatching(/^Failover finished/)]);
    const events = await auditOf(`q=${ops.C}&action=operation.reconcile`);
    expect(events.map((e) => [e.params?.from, e.params?.to])).toEqual([
      ['dispatching', 'unknown'],
      ['unknown', 'running'],
    ]);
    expect(proxy.count(postKey(C))).toBe(1);
  });

  /** How the SIGTERM of F18 ended the BFF, and how long it took. */
  let sigterm: { ended: { code: number | null; signal: NodeJS.Signals | null }; took: number; logs: string };

  it('F18: SIGTERM while the action POST hangs: after the restart the operation is unknown, and not re-sent', async () => {
    await admin.fault('orchestrator', { hang: true, path: `${planPath(D)}/Failover` });
    const d = await askFailover(D);
    expect(d.status).toBe(202);
    ops.D = d.body.id;
    await waitFor(
      async () => proxy.count(postKey(D)) === 1 && (await operation(ops.D)).state === 'dispatching',
    );

    const started = Date.now();
    const ended = (await stopBff(bff, 'SIGTERM'))!;
    sigterm = { ended, took: Date.now() - started, logs: bff!.logs.slice(-20).join('\n') };
    // Within the BFF's own 10 s limit on a shutdown, however it ended.
    expect(sigterm.took, sigterm.logs).toBeLessThan(12_000);

    await admin.clearFaults();
    const readsBefore = proxy.count(readKey(D));
    await restart();
    const op = await operation(ops.D);
    // Never `dispatched` (the POST had no answer): unknown, recorded at shutdown or at the restart.
    expect(op.state).toBe('unknown');
    const events = await auditOf(`q=${ops.D}`);
    expect(events.filter((e) => e.action === 'operation.dispatch.failover').map((e) => e.outcome)[0]).toBe(
      'intent',
    );
    expect(events.some((e) => e.outcome === 'unknown')).toBe(true);
    // The restarted follower reads the plan (reconciling), and still sends nothing.
    await waitFor(() => Promise.resolve(proxy.count(readKey(D)) > readsBefore));
    expect(proxy.count(postKey(D))).toBe(1);
  }, 60_000);

  // Shutdown releases upstream sockets at once, so a hung dispatch cannot hold it past the limit.
  it('F18: a SIGTERM during a hung dispatch exits gracefully with code 0', () => {
    expect(sigterm.ended, sigterm.logs).toEqual({ code: 0, signal: null });
  });

  it('F19: the operation whose POST was never made ends "Not started", with no action POST at all', async () => {
    const op = await waitForState(ops.A, ['failed', 'running', 'succeeded'], 60_000);
    expect([op.state, op.message]).toEqual([
      'failed',
      expect.stringMatching(/^Not started: the plan still shows/),
    ]);
    expect(proxy.count(postKey(A))).toBe(0);
    expect((await operation(ops.A)).state).toBe('failed');
  }, 70_000);

  it('F21: the operation whose POST hung is reconciled from the plan, and was sent exactly once', async () => {
    const op = await waitForState(ops.B, ['failed', 'running', 'succeeded'], 60_000);
    // The simulator's hang never runs the action, so the plan shows it did not start.
    expect(op.state === 'failed' ? op.message : op.state).toMatch(/^Not started|running|succeeded/);
    const events = await auditOf(`q=${ops.B}&action=operation.reconcile`);
    expect(events.map((e) => [e.params?.from, e.params?.to])).toEqual([
      ['dispatching', 'unknown'],
      ['unknown', op.state],
    ]);
    expect(proxy.count(postKey(B))).toBe(1);
  }, 70_000);

  it('keeps the audit chain whole across the crashes; a changed row is found by the command and the function', async () => {
    // In the API: the reconciliations are there for an admin to read.
    expect((await auditOf('action=operation.reconcile')).length).toBeGreaterThanOrEqual(6);
    // Over all the crashes, one action POST per operation that got that far: B, C and D.
    expect(countOf(await admin.calls('orchestrator'), ACTION)).toBe(3);

    const stopped = bff!;
    await stopBff(bff, 'SIGTERM');
    bff = null;
    const whole = await auditVerifyCommand(dataDir);
    const count = (await verifyDataDir(dataDir)) as { ok: true; count: number; head: AuditHead };
    expect(count).toEqual({
      ok: true,
      count: expect.any(Number),
      head: { seq: count.count, hash: expect.any(String) },
    });
    expect(whole).toEqual({
      code: 0,
      out: `audit chain ok: ${count.count} events, head ${formatHead(count.head)}`,
    });
    // The BFF wrote that head to its log as it stopped: a copy kept outside the database.
    const logged = bffHeads(stopped.logs).at(-1);
    expect(logged).toBe(formatHead(count.head));

    // Removing the newest records leaves a valid, shorter chain; the logged head shows the loss.
    const truncated = join(workDir, 'truncated');
    cpSync(dataDir, truncated, { recursive: true });
    const cut = await openDatabase({ dataDir: truncated });
    try {
      await cut.db.execute(sql`DELETE FROM audit_events WHERE seq > ${count.count - 2}`);
    } finally {
      await cut.close();
    }
    expect((await auditVerifyCommand(truncated)).code).toBe(0);
    expect(await auditVerifyCommand(truncated, ['--expect-head', logged!])).toEqual({
      code: 1,
      out:
        `audit chain BROKEN at seq ${count.count - 1}: missing: the trail ends at seq ${count.count - 2}, ` +
        `but a head recorded earlier is seq ${count.count} (newer records were removed)`,
    });

    // Tamper with a copy (the evidence itself is never opened for writing).
    const tampered = join(workDir, 'tampered');
    cpSync(dataDir, tampered, { recursive: true });
    const database = await openDatabase({ dataDir: tampered });
    try {
      await database.db.execute(
        sql`UPDATE audit_events SET outcome = CASE WHEN outcome = 'ok' THEN 'refused' ELSE 'ok' END WHERE seq = 3`,
      );
    } finally {
      await database.close();
    }
    expect(await auditVerifyCommand(tampered)).toEqual({
      code: 1,
      out: 'audit chain BROKEN at seq 3: hash does not match the record (it was altered)',
    });
    expect(await verifyDataDir(tampered)).toEqual({
      ok: false,
      seq: 3,
      problem: 'hash does not match the record (it was altered)',
    });
  }, 60_000);
});
