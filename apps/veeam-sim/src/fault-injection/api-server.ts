// Hosts one simulated API on its own port, over HTTP or HTTPS: counts every call, applies the
// injected faults, streams responses with back-pressure, and can really go down (listener closed,
// connections dropped: the client sees "connection refused") and come back on the same port.
// Every API server reuses it.

import { once } from 'node:events';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { TLSSocket } from 'node:tls';
import type { ApiHandler, ApiResponse } from './api-handler.ts';
import { createCallCounter, type CallCounter } from './call-counter.ts';
import { hostileBody, hostileBodyNames } from './hostile-bodies.ts';
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
  /** The names `hostileBody` may take for this API. */
  readonly hostileBodies: readonly string[];
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
  /** Serve HTTPS with this certificate and key instead of HTTP. */
  readonly tls?: ServerTls;
}

/** A server certificate (chain) and its private key, PEM. */
export interface ServerTls {
  readonly cert: string;
  readonly key: string;
}

const CHUNK_BYTES = 64 * 1024;
/** A malformed body is cut from at most this much of the real one. */
const MALFORMED_SOURCE_CAP = 1024 * 1024;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const calls = createCallCounter();
  const faults = createFaultState();
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    void serve(request, response).catch(() => response.destroy());
  };
  const server: HttpServer | HttpsServer = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createServer(onRequest);
  let down = false;
  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${urlHost(options.host)}:${port}`;

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
    if (fault?.kind === 'redirect') return send(response, redirect(fault.location));
    if (fault?.kind === 'hostileBody') {
      const hostile = hostileBody(options.name, fault.name, { base: url, canaryUrl: fault.canaryUrl });
      return sendBytes(response, 200, hostile.contentType, hostile.body);
    }
    const answer = await Promise.resolve()
      .then(() => match.handle())
      .catch((error: unknown) => options.handler.errorResponse(500, `Internal error: ${String(error)}`));
    if (fault?.kind === 'resetMidBody') return resetMidBody(response, answer);
    if (fault?.kind === 'malformedBody') return send(response, malformed(answer));
    if (fault?.kind === 'trickle') return trickle(response, answer, fault.bytesPerSecond);
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
    hostileBodies: hostileBodyNames(options.name),
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

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<void> {
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
  const answer = handler.errorResponse(
    fault.status,
    `Injected fault: status ${fault.status}`,
    fault.retryAfterSeconds,
  );
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

/** F15: a redirect a client must not follow (an upstream never redirects its API). */
function redirect(location: string): ApiResponse {
  return { status: 302, headers: { Location: location }, body: '' };
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

function sendBytes(response: ServerResponse, status: number, contentType: string, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(body.length) });
  response.end(body);
}

/** At most this many writes a second, so that a fast trickle does not become a timer storm. */
const TRICKLE_WRITES_PER_SECOND = 10;

/**
 * F3 (toxiproxy's slicer plus bandwidth): the real status and headers at once (with the whole
 * body's Content-Length when known), then the body in slices paced to `bytesPerSecond`; it stops
 * as soon as the client or close() ends the connection.
 */
async function trickle(response: ServerResponse, answer: ApiResponse, bytesPerSecond: number): Promise<void> {
  const headers: Record<string, string | string[]> = { ...answer.headers };
  if (typeof answer.body === 'string') headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  response.writeHead(answer.status, headers);
  response.flushHeaders();
  const closed = new AbortController();
  response.once('close', () => closed.abort());
  const sliceBytes = Math.max(1, Math.ceil(bytesPerSecond / TRICKLE_WRITES_PER_SECOND));
  const write = async (slice: Buffer) => {
    await delay((slice.length * 1000) / bytesPerSecond, undefined, { signal: closed.signal });
    response.write(slice);
  };
  try {
    let pending = Buffer.alloc(0);
    for (const chunk of typeof answer.body === 'string' ? [answer.body] : (answer.body ?? [])) {
      pending = Buffer.concat([pending, Buffer.from(chunk)]);
      for (; pending.length >= sliceBytes; pending = pending.subarray(sliceBytes))
        await write(pending.subarray(0, sliceBytes));
    }
    if (pending.length > 0) await write(pending);
    response.end();
  } catch (error) {
    if (!closed.signal.aborted) throw error;
  }
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
  const socket = response.socket;
  // A TLS socket cannot send a TCP reset itself (Node refuses on a non-TCP handle): the client
  // sees the connection end without close_notify, which is as abrupt at the TLS layer.
  if (socket instanceof TLSSocket) socket.destroy();
  else socket?.resetAndDestroy();
}
