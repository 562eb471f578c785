import { AuthSession } from '../http/auth-session.ts';
import type { Transport } from '../http/transport.ts';
import { headerValue, type UpstreamResponse } from '../http/transport.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import type { SourceSettings } from '../connector.ts';
import { transportFor } from '../http/transport-for.ts';
import { parseEmXml } from './xml.ts';

const SESSION_HEADER = 'X-RestSvcSessionId';

interface EmSession {
  token: string;
  /** The logon session's id, for the logoff (DELETE /logonSessions/{id}); null when unreadable. */
  id: string | null;
}

/**
 * Enterprise Manager transport and auth: one logon session reused for every call, on the shared
 * auth lifecycle (one re-logon for all callers after a 401, logon backoff, logoff of abandoned
 * sessions). Only paths built by `paths.ts` are requested; upstream Hrefs are never followed.
 */
export class EnterpriseManagerClient {
  private readonly transport: Transport;
  private readonly auth: AuthSession<EmSession>;

  constructor(settings: SourceSettings) {
    this.transport = transportFor(settings);
    this.auth = new AuthSession<EmSession>(
      {
        logon: (signal) => this.logon(settings, signal),
        logoff: (s) => this.logoff(s),
        headers: sessionHeaders,
      },
      { upstream: 'Enterprise Manager', logonBackoffMs: settings.timing?.logonBackoffMs ?? 30_000 },
    );
  }

  /** GETs a path and returns its parsed XML; errors are UpstreamErrors. */
  async getXml(path: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return parseEmXml((await this.get(path, signal)).text);
  }

  /**
   * GETs a path and returns its body's bytes, undecoded (a query page is decoded and parsed on a
   * reading thread); errors are UpstreamErrors.
   */
  async getBytes(path: string, signal?: AbortSignal): Promise<Uint8Array> {
    return (await this.get(path, signal)).bytes;
  }

  private async get(path: string, signal?: AbortSignal): Promise<UpstreamResponse> {
    const res = await this.auth.send(this.transport, {
      method: 'GET',
      path,
      headers: { Accept: 'application/xml' },
      signal,
    });
    if (res.status === 404) throw new UpstreamError('not_found', emMessage(res) ?? 'not found', 404);
    if (res.status !== 200) {
      throw new UpstreamError(
        'http_status',
        `Enterprise Manager answered ${res.status}${suffix(emMessage(res))}`,
        res.status,
      );
    }
    return res;
  }

  /**
   * POSTs one plan action, exactly once. The logon session is acquired first (a logon may happen
   * then, before the action), and the action goes straight to the transport, which never retries
   * a POST; not through `AuthSession.send`, which would resend it after a 401. So a 401 here is
   * `auth_failed` and nothing is sent again; any other non-2xx is the upstream's refusal
   * (`http_status`, with its status and its Error message). A lost answer (timeout, reset) is the
   * transport's error, without a status: whether the action started is then unknown.
   */
  async sendAction(
    path: string,
    body: { contentType: string; text: string } | undefined,
    signal?: AbortSignal,
  ): Promise<UpstreamResponse> {
    const session = await this.auth.acquire(signal);
    const res = await this.transport.send({
      method: 'POST',
      path,
      headers: {
        ...sessionHeaders(session),
        Accept: 'application/xml',
        ...(body ? { 'Content-Type': body.contentType } : { 'Content-Length': '0' }),
      },
      ...(body ? { body: body.text } : {}),
      signal,
    });
    if (res.status === 401) {
      this.auth.forget(session);
      throw new UpstreamError(
        'auth_failed',
        `Enterprise Manager refused the session for the action (401)${suffix(emMessage(res))}; the action was not sent again`,
        401,
      );
    }
    if (res.status < 200 || res.status > 299)
      throw new UpstreamError(
        'http_status',
        `Enterprise Manager refused the action: ${emMessage(res) ?? `HTTP ${res.status}`}`,
        res.status,
      );
    return res;
  }

  private async logon(settings: SourceSettings, signal?: AbortSignal): Promise<EmSession> {
    const basic = Buffer.from(`${settings.username}:${settings.password}`).toString('base64');
    const res = await this.transport.send({
      method: 'POST',
      path: '/api/sessionMngr/?v=latest',
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/xml', 'Content-Length': '0' },
      signal,
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
    return { token, id: typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null };
  }

  private async logoff(session: EmSession): Promise<void> {
    if (!session.id) return;
    await this.transport.send({
      method: 'DELETE',
      path: `/api/logonSessions/${session.id}`,
      headers: { [SESSION_HEADER]: session.token },
    });
  }

  /** Logs off (best effort: the upstream expires idle sessions anyway) and releases sockets. */
  async close(): Promise<void> {
    await this.auth.close();
    await this.transport.close();
  }
}

const sessionHeaders = (s: EmSession) => ({ [SESSION_HEADER]: s.token });

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
