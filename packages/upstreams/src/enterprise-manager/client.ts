import { singleFlight } from '../http/single-flight.ts';
import { headerValue, Transport, type UpstreamResponse } from '../http/transport.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { parseEmXml } from './xml.ts';

export interface EmClientOptions {
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs: number;
  maxBytes: number;
  ca?: string;
}

const SESSION_HEADER = 'X-RestSvcSessionId';

/**
 * Enterprise Manager transport and auth: one logon session reused for every call; a 401 on a
 * data call triggers one shared re-logon (single-flight) and one retry; logoff on close.
 * Only paths built by `paths.ts` are requested; upstream Hrefs are never followed.
 */
export class EnterpriseManagerClient {
  private readonly transport: Transport;
  private session: { token: string; id: string | null } | null = null;
  private readonly logonOnce = singleFlight(() => this.logon());

  constructor(private readonly opts: EmClientOptions) {
    this.transport = new Transport({
      baseUrl: opts.baseUrl,
      timeoutMs: opts.timeoutMs,
      maxBytes: opts.maxBytes,
      ca: opts.ca,
    });
  }

  /** GETs a path and returns its parsed XML; errors are UpstreamErrors. */
  async getXml(path: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const res = await this.authorized(path, signal);
    if (res.status === 404) throw new UpstreamError('not_found', emMessage(res) ?? 'not found', 404);
    if (res.status !== 200) {
      throw new UpstreamError(
        'http_status',
        `Enterprise Manager answered ${res.status}${suffix(emMessage(res))}`,
        res.status,
      );
    }
    return parseEmXml(res.text);
  }

  private async authorized(path: string, signal?: AbortSignal): Promise<UpstreamResponse> {
    const session = this.session ?? (await this.logonOnce());
    const res = await this.get(path, session.token, signal);
    if (res.status !== 401) return res;
    // Expired or revoked: the first caller to see it logs on again; the others share that logon.
    if (this.session === session) this.session = null;
    const fresh = this.session ?? (await this.logonOnce());
    const retry = await this.get(path, fresh.token, signal);
    if (retry.status === 401) {
      this.session = null;
      throw new UpstreamError('auth_failed', 'Enterprise Manager refused the session right after logon', 401);
    }
    return retry;
  }

  private get(path: string, token: string, signal?: AbortSignal) {
    return this.transport.send({
      method: 'GET',
      path,
      headers: { [SESSION_HEADER]: token, Accept: 'application/xml' },
      signal,
    });
  }

  private async logon(): Promise<{ token: string; id: string | null }> {
    const basic = Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64');
    const res = await this.transport.send({
      method: 'POST',
      path: '/api/sessionMngr/?v=latest',
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/xml', 'Content-Length': '0' },
    });
    if (res.status === 401 || res.status === 403) {
      throw new UpstreamError(
        'auth_failed',
        `Enterprise Manager refused the logon (${res.status})${suffix(emMessage(res))}`,
        res.status,
      );
    }
    if (res.status !== 201 && res.status !== 200) {
      throw new UpstreamError(
        'http_status',
        `Enterprise Manager logon answered ${res.status}${suffix(emMessage(res))}`,
        res.status,
      );
    }
    const token = headerValue(res.headers[SESSION_HEADER.toLowerCase()]);
    if (!token)
      throw new UpstreamError('malformed_response', `logon answered without an ${SESSION_HEADER} header`);
    const body = parseEmXml(res.text) as { LogonSession?: { SessionId?: unknown } };
    const id = body.LogonSession?.SessionId;
    this.session = { token, id: typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null };
    return this.session;
  }

  /** Logs off (best effort: the upstream expires idle sessions anyway) and releases sockets. */
  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session?.id) {
      await this.transport
        .send({
          method: 'DELETE',
          path: `/api/logonSessions/${session.id}`,
          headers: { [SESSION_HEADER]: session.token },
        })
        .catch(() => undefined);
    }
    await this.transport.close();
  }
}

/** The Message attribute of an EM `<Error>` body, if the body is one. */
function emMessage(res: UpstreamResponse): string | undefined {
  try {
    const err = (parseEmXml(res.text) as { Error?: { '@_Message'?: unknown } }).Error;
    return typeof err?.['@_Message'] === 'string' ? err['@_Message'].slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

const suffix = (msg: string | undefined) => (msg ? `: ${msg}` : '');
