// The server's per-turn admission (decision 015), over real HTTP: a flood of requests is served
// whole and in order, a few per turn of the event loop, so other work (a poll's steps) moves on
// between them; past the waiting limit a request is refused at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { admitPerTurn } from '../src/http/admit-per-turn.ts';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = null;
});

async function serve(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  perTurn: number,
  maxWaiting: number,
): Promise<string> {
  server = createServer(admitPerTurn(handle, perTurn, maxWaiting));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('admission per turn of the event loop', () => {
  it('serves every one of a flood, a few per turn, while a chain of turns keeps moving', async () => {
    // A "poll": one step per turn, counting how many requests were started since its last step.
    let sinceStep = 0;
    let mostBetweenSteps = 0;
    let stepping = true;
    const step = () => {
      mostBetweenSteps = Math.max(mostBetweenSteps, sinceStep);
      sinceStep = 0;
      if (stepping) setImmediate(step);
    };
    const url = await serve(
      (req, res) => {
        sinceStep++;
        res.end(req.url);
      },
      2,
      1_000,
    );
    setImmediate(step);
    // Each connection's 30 requests arrive in one write, so in one turn.
    const paths = (c: number) => Array.from({ length: 30 }, (_, i) => `/c${c}-${i}`);
    const answers = await Promise.all([0, 1, 2, 3].map((c) => pipelined(url, paths(c))));
    stepping = false;
    answers.forEach((connection, c) => {
      expect(connection.map((a) => [a.status, a.body])).toEqual(paths(c).map((p) => [200, p]));
    });
    // Without the gate, every request that arrived in one turn would run before the next step (30).
    // With it, a step comes after at most one turn's admissions: the I/O phase's and the check phase's.
    expect(mostBetweenSteps).toBeLessThanOrEqual(4);
  });

  it('refuses at once, with 503 and Retry-After, a request past the waiting limit, and loses none before it', async () => {
    const held: ServerResponse[] = [];
    const url = await serve((_req, res) => void held.push(res), 1, 2);
    // Four requests pipelined in one write reach the server in one turn: the first is started, two
    // wait, and the fourth finds the queue full. Answers keep their order on the connection.
    const answers = pipelined(url, ['/a', '/b', '/c', '/d']);
    // The two that waited are started in the next turns, not lost; the refusal is answered in its turn.
    await until(() => held.length === 3);
    held.forEach((res, i) => res.end('abc'[i]));
    const all = await answers;
    expect(all.slice(0, 3).map((r) => [r.status, r.body])).toEqual([
      [200, 'a'],
      [200, 'b'],
      [200, 'c'],
    ]);
    const d = all[3]!;
    expect(d.status).toBe(503);
    expect(d.head).toMatch(/\r\nRetry-After: 1\r\n/i);
    expect(JSON.parse(d.body)).toMatchObject({ error: { code: 'unavailable' } });
  });
});

/** Sends GETs pipelined on one connection in one write; resolves with each answer, in order. */
function pipelined(url: string, paths: string[]): Promise<{ status: number; head: string; body: string }[]> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(paths.map((p) => `GET ${p} HTTP/1.1\r\nHost: test\r\n\r\n`).join('')),
    );
    let text = '';
    const answers: { status: number; head: string; body: string }[] = [];
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      for (;;) {
        const headEnd = text.indexOf('\r\n\r\n');
        if (headEnd < 0) break;
        const head = text.slice(0, headEnd + 2);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (text.length < headEnd + 4 + length) break;
        answers.push({
          status: Number(head.split(' ')[1]),
          head,
          body: text.slice(headEnd + 4, headEnd + 4 + length),
        });
        text = text.slice(headEnd + 4 + length);
      }
      if (answers.length === paths.length) {
        socket.destroy();
        resolve(answers);
      }
    });
    socket.on('error', reject);
  });
}

/** Waits for a condition, turn by turn (no fixed sleeps). */
async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
