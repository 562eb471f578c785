// The simulator's admin API, on its own port (JSON):
//   GET    /admin/calls[?api=]     calls per API and `METHOD path-template`
//   DELETE /admin/calls[?api=]     resets the counts
//   GET    /admin/faults[?api=]    the faults each API injects now
//   POST   /admin/faults           { "api": "enterpriseManager", ...FaultRequest } adds faults
//   DELETE /admin/faults[?api=]    removes them (and brings a down API back up)
//   GET    /admin/clock            { now, start, speed } of the world clock
//   POST   /admin/clock            { "speed"?: n, "advanceMs"?: n }
//   GET    /admin/names            { hostile }: whether the §7.3 hostile names are in force
//   POST   /admin/names            { "hostile": true|false } switches them

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiServer } from '../fault-injection/api-server.ts';
import { urlHost } from '../fault-injection/api-server.ts';
import { FaultRequestError, parseFaultRequest } from '../fault-injection/fault-state.ts';
import { readCappedBody } from '../http/capped-body.ts';
import type { WorldClock } from '../world/clock.ts';
import type { World } from '../world/world.ts';

export interface AdminServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface AdminServerOptions {
  readonly host: string;
  readonly port: number;
  readonly apis: Readonly<Record<string, ApiServer>>;
  readonly clock: WorldClock;
  /** The world's hostile-names switch. */
  readonly names: Pick<World, 'hostileNames' | 'setHostileNames'>;
}

const MAX_BODY_BYTES = 64 * 1024;

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      const status = error instanceof AdminError ? error.status : 500;
      json(response, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const url = `http://${urlHost(options.host)}:${(server.address() as AddressInfo).port}`;
  return { url, close: () => closeServer(server) };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: AdminServerOptions,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://admin');
  const route = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /admin/calls':
      return json(
        response,
        200,
        mapApis(selectedApis(options, url), (api) => api.calls.snapshot()),
      );
    case 'DELETE /admin/calls':
      selectedApis(options, url).forEach(([, api]) => api.calls.reset());
      return noContent(response);
    case 'GET /admin/faults':
      return json(response, 200, mapApis(selectedApis(options, url), describeFaults));
    case 'POST /admin/faults': {
      const body = await readJson(request);
      const fault = parseOrReject(() => parseFaultRequest(body));
      const api = options.apis[fault.api];
      if (!api)
        throw new AdminError(
          400,
          `unknown api "${fault.api}"; known: ${Object.keys(options.apis).join(', ')}`,
        );
      if (fault.hostileBody !== undefined && !api.hostileBodies.includes(fault.hostileBody)) {
        throw new AdminError(
          400,
          `"${fault.api}" has no hostile body "${fault.hostileBody}"; it has: ${api.hostileBodies.join(', ')}`,
        );
      }
      await api.applyFaults(fault);
      return json(response, 200, { [fault.api]: describeFaults(api) });
    }
    case 'DELETE /admin/faults':
      await Promise.all(selectedApis(options, url).map(([, api]) => api.clearFaults()));
      return noContent(response);
    case 'GET /admin/clock':
      return json(response, 200, describeClock(options.clock));
    case 'POST /admin/clock': {
      const body = await readJson(request);
      parseOrReject(() => applyClock(options.clock, body));
      return json(response, 200, describeClock(options.clock));
    }
    case 'GET /admin/names':
      return json(response, 200, { hostile: options.names.hostileNames });
    case 'POST /admin/names': {
      const body = await readJson(request);
      const hostile = parseOrReject(() => parseNames(body));
      options.names.setHostileNames(hostile);
      return json(response, 200, { hostile: options.names.hostileNames });
    }
    default:
      throw new AdminError(404, `no admin route ${route}`);
  }
}

/** The APIs a request names with `?api=` (all of them without it), with their names. */
function selectedApis(options: AdminServerOptions, url: URL): [string, ApiServer][] {
  const name = url.searchParams.get('api');
  if (name === null) return Object.entries(options.apis);
  const api = options.apis[name];
  if (!api) throw new AdminError(400, `unknown api "${name}"`);
  return [[name, api]];
}

function describeFaults(api: ApiServer) {
  return {
    down: api.isDown,
    latencyMs: api.faults.latencyMs,
    jitterMs: api.faults.jitterMs,
    rules: api.faults.rules,
  };
}

function describeClock(clock: WorldClock) {
  return {
    now: new Date(clock.now()).toISOString(),
    start: new Date(clock.startMs).toISOString(),
    speed: clock.speed,
  };
}

function applyClock(clock: WorldClock, body: unknown): void {
  if (typeof body !== 'object' || body === null) throw new FaultRequestError('body must be a JSON object');
  const { speed, advanceMs } = body as { speed?: unknown; advanceMs?: unknown };
  if (speed !== undefined && typeof speed !== 'number')
    throw new FaultRequestError('"speed" must be a number');
  if (advanceMs !== undefined && typeof advanceMs !== 'number')
    throw new FaultRequestError('"advanceMs" must be a number');
  if (speed !== undefined) clock.setSpeed(speed);
  if (advanceMs !== undefined) clock.advance(advanceMs);
}

function parseNames(body: unknown): boolean {
  const hostile = (body as { hostile?: unknown } | null)?.hostile;
  if (typeof body !== 'object' || body === null || typeof hostile !== 'boolean')
    throw new FaultRequestError('body must be { "hostile": true } or { "hostile": false }');
  return hostile;
}

/** Runs a parser; its validation errors become 400 answers. */
function parseOrReject<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FaultRequestError || error instanceof RangeError)
      throw new AdminError(400, error.message);
    throw error;
  }
}

function mapApis<T>(apis: [string, ApiServer][], map: (api: ApiServer) => T): Record<string, T> {
  return Object.fromEntries(apis.map(([name, api]) => [name, map(api)]));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readCappedBody(request, MAX_BODY_BYTES);
  if (body === 'too-large') throw new AdminError(413, 'body too large');
  try {
    return JSON.parse(body.toString('utf8') || '{}') as unknown;
  } catch {
    throw new AdminError(400, 'body is not valid JSON');
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

function noContent(response: ServerResponse): void {
  response.writeHead(204);
  response.end();
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
