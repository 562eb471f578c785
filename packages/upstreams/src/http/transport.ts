import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, errors as undiciErrors, request } from 'undici';
import { UpstreamError } from './upstream-error.ts';
import { readPolicy, type ReadPolicy } from './read-policy.ts';
import { utf8Text } from './utf8.ts';

export interface TransportOptions {
  /** Base URL without a path, from validated config only. */
  baseUrl: string;
  /** Total deadline of one call, connect to last byte. */
  timeoutMs: number;
  /** Responses larger than this are refused before parsing (XML-02). */
  maxBytes: number;
  /** PEM CA bundle to trust for this upstream's certificate (self-signed Veeam servers). */
  ca?: string;
  /** SHA-256 fingerprint of the upstream's own certificate (hex), trusted instead of a CA chain. */
  pinnedSha256?: string;
  /** An open circuit lets one trial call through after this long. */
  breakerHalfOpenMs: number;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Path and query, already built from a fixed route and validated ids. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes, in a buffer of their own: a reading thread can be handed them without a copy. */
  bytes: Uint8Array;
  /** The body decoded as strict UTF-8 (BOM removed) when first read; malformed_response if it is not. */
  readonly text: string;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * HTTP to one upstream with explicit limits: a total deadline, a byte cap on the body, strict
 * UTF-8, no redirects followed, and the read policy (retries for reads only, a circuit breaker,
 * a bulkhead). Every failure becomes an UpstreamError.
 */
export class Transport {
  private readonly agent: Agent;
  private readonly policy: ReadPolicy;

  constructor(private readonly opts: TransportOptions) {
    const timeout = Math.min(3_000, opts.timeoutMs);
    this.agent = new Agent({
      connect: opts.pinnedSha256
        ? pinnedConnector(opts.pinnedSha256, timeout)
        : { timeout, ...(opts.ca ? { ca: opts.ca } : {}) },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connections: 8,
    });
    this.policy = readPolicy({ timeoutMs: opts.timeoutMs, halfOpenAfterMs: opts.breakerHalfOpenMs });
  }

  /** One call under the policy: a GET may be retried; anything else is sent at most once. */
  send(req: UpstreamRequest): Promise<UpstreamResponse> {
    return this.policy.run(req.method === 'GET', (signal) => this.once(req, signal), req.signal);
  }

  /** One attempt; the policy's `attempt` signal is aborted by the caller's `req.signal` too. */
  private async once(req: UpstreamRequest, attempt: AbortSignal): Promise<UpstreamResponse> {
    const deadline = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = AbortSignal.any([attempt, deadline]);
    try {
      const res = await request(new URL(req.path, this.opts.baseUrl), {
        dispatcher: this.agent,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
      });
      if (res.statusCode >= 300 && res.statusCode < 400) {
        discard(res.body);
        const location = headerValue(res.headers.location) ?? 'nowhere';
        throw new UpstreamError(
          'redirected',
          `upstream redirected to ${location}; not followed`,
          res.statusCode,
        );
      }
      return responseOf(res.statusCode, res.headers, await this.readBody(res.body));
    } catch (err) {
      throw toUpstreamError(err, deadline.aborted, this.opts.timeoutMs);
    }
  }

  private async readBody(body: Body): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.opts.maxBytes) {
        discard(body);
        throw new UpstreamError('too_large', `response too large (over ${this.opts.maxBytes} bytes)`);
      }
      chunks.push(chunk);
    }
    // Copied into an array of its own, never a slice of Node's shared Buffer pool, so that it can
    // be moved to a reading thread.
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  /**
   * Releases every socket at once, in-flight calls included: shutdown never waits for a hung
   * upstream (an action caught in flight is reconciled after the restart, never resent).
   */
  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

/**
 * A response whose text is decoded only if read: a query page's bytes go to a reading thread and
 * are decoded there, not on the thread that serves requests.
 */
function responseOf(
  status: number,
  headers: UpstreamResponse['headers'],
  bytes: Uint8Array,
): UpstreamResponse {
  let text: string | undefined;
  return {
    status,
    headers,
    bytes,
    get text() {
      return (text ??= utf8Text(bytes));
    },
  };
}

/** Normalizes a fingerprint as openssl or a browser prints it (`AB:CD:…`) to lower-case hex. */
export const normalizeFingerprint = (fp: string) => fp.replace(/:/g, '').toLowerCase();

/**
 * Trusts exactly one certificate, by its SHA-256 fingerprint, whatever its chain (a self-signed
 * Veeam certificate without a CA to configure). The chain check is replaced by the pin, never
 * skipped: a connection whose certificate does not match is destroyed before any request.
 */
function pinnedConnector(pinnedSha256: string, timeout: number): buildConnector.connector {
  const pinned = normalizeFingerprint(pinnedSha256);
  // No session resumption: a resumed session does not present the certificate again to check.
  const connect = buildConnector({ timeout, rejectUnauthorized: false, maxCachedSessions: 0 });
  return (options, callback) =>
    connect(options, (err, socket) => {
      if (err) return callback(err, null);
      const cert = (socket as TLSSocket).getPeerCertificate?.();
      if (options.protocol === 'https:' && normalizeFingerprint(cert?.fingerprint256 ?? '') !== pinned) {
        socket.destroy();
        return callback(
          Object.assign(new Error('certificate does not match the pinned fingerprint'), {
            code: 'ERR_TLS_PINNED_CERT_MISMATCH',
          }),
          null,
        );
      }
      callback(null, socket);
    });
}

type Body = AsyncIterable<Buffer> & { destroy(): void; on(event: 'error', fn: () => void): unknown };

/** Drops a body we will not read; undici reports the abort as an error event, which is expected here. */
function discard(body: Body) {
  body.on('error', () => undefined);
  body.destroy();
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function toUpstreamError(err: unknown, timedOut: boolean, timeoutMs: number): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (
    timedOut ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new UpstreamError('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`);
  }
  const code = errorCode(err);
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('CERT_'))) {
    return new UpstreamError('tls_untrusted', `TLS certificate not trusted (${code})`);
  }
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset by the server',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_SOCKET: 'connection closed by the server',
  };
  if (code && words[code]) return new UpstreamError('request_failed', words[code]);
  if (err instanceof Error && err.name === 'AbortError')
    return new UpstreamError('request_failed', 'request aborted');
  return new UpstreamError(
    'request_failed',
    `request failed: ${err instanceof Error ? err.message : String(err)}`,
  );
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
