// Hosts one simulated API on its own port: counts every call, applies the injected faults, streams
// responses with back-pressure, and can really go down (listener closed, connections dropped: the
// client sees "connection refused") and come back on the same port. Every API server reuses it.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { ApiHandler, ApiResponse } from './api-handler.ts';
import { createCallCounter, type CallCounter } from './call-counter.ts';
import {
  createFaultState,
  rulesOf,
  type FaultKind,
  type FaultRequest,
  type FaultState,
} from './fault-state.ts';

export interface ApiServer {
  readonly name: string;
  /** Base URL without a path, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly calls: CallCounter;
  readonly faults: FaultState;
  readonly isDown: boolean;
  /** Applies an admin fault request (the `api` field has already chosen this server). */
  applyFaults(request: FaultRequest): Promise<void>;
  /** Removes every fault and brings the server back up if it was down. */
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  readonly name: string;
  readonly host: string;
  /** 0 picks a free port (kept across down/up). */
  readonly port: number;
  readonly handler: ApiHandler;
}

const CHUNK_BYTES = 64 * 1024;
/** A malformed body is cut from at most this much of the real one. */
const MALFORMED_SOURCE_CAP = 1024 * 1024;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const calls = createCallCounter();
  const faults = createFaultState();
  const server = createServer((request, response) => {
    void serve(request, response).catch(() => response.destroy());
  });
  let down = false;
  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(options.host)}:${port}`;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = new URL(request.url ?? '/', url);
    const match = options.handler.route(request, parsed, url);
    calls.add(request.method ?? 'GET', match.template);
    const fault = faults.take(match.template, parsed.pathname);
    const wait = faults.delayMs();
    if (wait > 0) await delay(wait);
    if (fault?.kind === 'hang') return; // the socket stays open until the client or close() ends it
    if (fault?.kind === 'status') return send(response, statusFault(options.handler, fault));
    if (fault?.kind === 'htmlErrorPage') return send(response, htmlErrorPage(fault.status));
    const answer = await Promise.resolve()
      .then(() => match.handle())
      .catch((error: unknown) => options.handler.errorResponse(500, `Internal error: ${String(error)}`));
    if (fault?.kind === 'resetMidBody') return resetMidBody(response, answer);
    if (fault?.kind === 'malformedBody') return send(response, malformed(answer));
    return send(response, answer);
  }

  const goDown = async (): Promise<void> => {
    if (down) return;
    down = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  const goUp = async (): Promise<void> => {
    if (!down) return;
    await listen(server, port, options.host);
    down = false;
  };

  return {
    name: options.name,
    url,
    calls,
    faults,
    get isDown() {
      return down;
    },
    async applyFaults(request) {
      if (request.down === true) await goDown();
      if (request.up === true || request.down === false) await goUp();
      if (request.latencyMs !== undefined) faults.latencyMs = request.latencyMs;
      if (request.jitterMs !== undefined) faults.jitterMs = request.jitterMs;
      faults.rules.push(...rulesOf(request));
      if (request.expireSessions) options.handler.expireSessions();
    },
    async clearFaults() {
      faults.clear();
      await goUp();
    },
    async close() {
      if (!down) await goDown();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A host as it appears in a URL: IPv6 in brackets; a wildcard address becomes loopback. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function statusFault(handler: ApiHandler, fault: Extract<FaultKind, { kind: 'status' }>): ApiResponse {
  const answer = handler.errorResponse(fault.status, `Injected fault: status ${fault.status}`);
  if (fault.retryAfterSeconds === undefined) return answer;
  return { ...answer, headers: { ...answer.headers, 'Retry-After': String(fault.retryAfterSeconds) } };
}

function htmlErrorPage(status: number): ApiResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body:
      '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n' +
      '<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p>' +
      '<hr><address>nginx</address></body></html>\n',
  };
}

/** The start of the real body, cut mid-document so that no parser accepts it. */
function malformed(answer: ApiResponse): ApiResponse {
  let text = '';
  for (const chunk of typeof answer.body === 'string' ? [answer.body] : (answer.body ?? [])) {
    text += chunk;
    if (text.length >= MALFORMED_SOURCE_CAP) break;
  }
  return { ...answer, body: `${text.slice(0, Math.floor(text.length * 0.6))}<` };
}

async function send(response: ServerResponse, answer: ApiResponse): Promise<void> {
  const body = answer.body;
  if (typeof body === 'string' || body === undefined) {
    response.writeHead(answer.status, {
      ...answer.headers,
      'Content-Length': String(Buffer.byteLength(body ?? '')),
    });
    response.end(body);
    return;
  }
  response.writeHead(answer.status, answer.headers);
  let buffer = '';
  for (const chunk of body) {
    buffer += chunk;
    if (buffer.length < CHUNK_BYTES) continue;
    const flushed = response.write(buffer);
    buffer = '';
    if (!flushed) await drained(response);
    if (response.destroyed) return;
  }
  response.end(buffer);
}

/** Waits until the response can take more data, or the client went away. */
async function drained(response: ServerResponse): Promise<void> {
  const controller = new AbortController();
  await Promise.race([
    once(response, 'drain', { signal: controller.signal }),
    once(response, 'close', { signal: controller.signal }),
  ]).catch(() => undefined);
  controller.abort();
}

/** Headers announcing the whole body, half of its first chunk, then a TCP reset. */
async function resetMidBody(response: ServerResponse, answer: ApiResponse): Promise<void> {
  const iterator = (typeof answer.body === 'string' ? [answer.body] : (answer.body ?? []))[Symbol.iterator]();
  let first = '';
  for (let step = iterator.next(); !step.done && first.length < CHUNK_BYTES; step = iterator.next())
    first += step.value;
  const headers: Record<string, string | string[]> = { ...answer.headers };
  if (typeof answer.body === 'string') headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  response.writeHead(answer.status, headers);
  await new Promise<void>((resolve) =>
    response.write(first.slice(0, Math.max(1, Math.floor(first.length / 2))), () => resolve()),
  );
  response.socket?.resetAndDestroy();
}
