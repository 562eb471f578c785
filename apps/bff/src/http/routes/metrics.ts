import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv6 } from 'node:net';
import { type IRouter, type Request } from 'express';
import type { Metrics } from '../../actions/metrics.ts';

/** Who may scrape: clients from the allowed networks, or anyone with the metrics token. */
export interface MetricsAccess {
  /** Addresses and CIDR networks, IPv4 or IPv6 (`127.0.0.1`, `10.0.0.0/8`, `::1`). */
  allowFrom: readonly string[];
  /** The bearer token that lets a scraper in from anywhere; null: networks only. */
  token: string | null;
}

/**
 * GET /metrics, in Prometheus' text format, for the allowed networks or the metrics token
 * (`Authorization: Bearer …`). Outside the API and its sessions: a scraper has no cookie. The
 * client's address is the connection's, never a forwarded header a client could write.
 */
export function metricsRoutes(r: IRouter, metrics: Metrics, access: MetricsAccess) {
  const allowed = new BlockList();
  for (const entry of access.allowFrom) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) allowed.addAddress(address, type);
    else allowed.addSubnet(address, Number(bits), type);
  }
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const token = access.token === null ? null : digest(access.token);

  const refusal = (req: Request): { status: number; code: string; message: string } | null => {
    const auth = req.get('authorization');
    if (token && auth?.startsWith('Bearer ')) {
      return timingSafeEqual(digest(auth.slice('Bearer '.length)), token)
        ? null
        : { status: 401, code: 'unauthorized', message: 'The metrics token is not valid.' };
    }
    const remote = req.socket.remoteAddress ?? '';
    // An IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d.
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote)?.[1];
    if (allowed.check(v4 ?? remote, v4 || !isIPv6(remote) ? 'ipv4' : 'ipv6')) return null;
    return token
      ? { status: 401, code: 'unauthorized', message: 'Send the metrics token as a bearer token.' }
      : { status: 403, code: 'forbidden', message: 'Metrics are not served to this address.' };
  };

  r.get('/metrics', async (req, res) => {
    const refused = refusal(req);
    if (refused) {
      if (refused.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res
        .status(refused.status)
        .json({ error: { code: refused.code, message: refused.message }, requestId: req.id });
      return;
    }
    const { contentType, body } = await metrics.exposition();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  });
}
