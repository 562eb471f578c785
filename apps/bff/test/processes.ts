// Real processes for tests: the built BFF as a child process (to be killed with SIGKILL), and a
// counting, interceptable proxy in front of an upstream.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SERVER = join(ROOT, 'apps/bff/dist/server.js');

// ---------------------------------------------------------------------------------------------
// A counting, interceptable HTTP proxy in front of the simulated Orchestrator.

export interface Proxy {
  url: string;
  /** Calls by `METHOD /real/path`. */
  count(key: string): number;
  /** Runs when the upstream has answered, before the answer is relayed (it may never be). */
  onAnswered: ((key: string, status: number) => Promise<void>) | null;
  close(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host'];
const forwardable = (h: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !HOP_BY_HOP.includes(k.toLowerCase())));

export async function startProxy(target: string): Promise<Proxy> {
  const counts = new Map<string, number>();
  const inFlight = new Set<ClientRequest>();
  const proxy: Proxy = {
    url: '',
    count: (key) => counts.get(key) ?? 0,
    onAnswered: null,
    close: async () => {
      for (const up of inFlight) up.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const key = `${req.method} ${url.pathname}`;
    counts.set(key, proxy.count(key) + 1);
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      const payload = Buffer.concat(body);
      const up = request(url, {
        method: req.method,
        headers: { ...forwardable(req.headers), 'content-length': String(payload.length) },
        agent: false,
      });
      inFlight.add(up);
      // The client went away (the BFF died): so does the upstream call (a hung one is released).
      res.on('close', () => up.destroy());
      up.on('error', () => res.destroy());
      up.on('response', (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          inFlight.delete(up);
          void (async () => {
            await proxy.onAnswered?.(key, answer.statusCode ?? 0);
            if (res.destroyed) return;
            const text = Buffer.concat(chunks);
            res.writeHead(answer.statusCode ?? 502, {
              ...forwardable(answer.headers),
              'content-length': String(text.length),
            });
            res.end(text);
          })().catch(() => res.destroy());
        });
      });
      up.end(payload);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

// ---------------------------------------------------------------------------------------------
// The BFF as a child process.

export interface Bff {
  url: string;
  child: ChildProcess;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it printed (for failure messages). */
  logs: string[];
}

export async function startBff(configPath: string, env: Record<string, string>): Promise<Bff> {
  const inherited = { ...process.env };
  // HOST, PORT and DATABASE_URL would override the file; the 'listening' line needs LOG_LEVEL info.
  for (const name of ['HOST', 'PORT', 'DATABASE_URL', 'LIFEBOAT_CONFIG', 'LOG_LEVEL']) delete inherited[name];
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...inherited, ...env, LIFEBOAT_CONFIG: configPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const keep = (line: string) => {
    logs.push(line);
    if (logs.length > 200) logs.shift();
  };
  createInterface({ input: child.stderr }).on('line', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      try {
        const j = JSON.parse(line) as { msg?: string; url?: string };
        if (j.msg === 'listening' && j.url) resolve(j.url);
      } catch {
        // not a log line
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`the BFF exited (${code ?? signal}) before listening:\n${logs.join('\n')}`)),
    );
  });
  return { url, child, exited, logs };
}

/** Kills the BFF (if still running) and waits until it is gone. */
export async function stopBff(bff: Bff | null, signal: NodeJS.Signals = 'SIGKILL') {
  if (!bff) return;
  if (bff.child.exitCode === null && bff.child.signalCode === null) bff.child.kill(signal);
  return bff.exited;
}
