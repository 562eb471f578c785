import type { RequestHandler } from 'express';
import { DomainError } from '../../errors.ts';

/**
 * With a public origin configured, a request naming another Host is refused: a DNS-rebinding page
 * or a misrouted proxy must not reach the API under a name the cookies and CSRF checks never saw.
 */
export function requirePublicHost(publicOrigin: string | null): RequestHandler {
  if (publicOrigin === null) return (_req, _res, next) => next();
  const origin = new URL(publicOrigin);
  // URL drops a scheme's default port; a client may still name it (Host: example.org:443).
  const defaultPort = origin.protocol === 'https:' ? '443' : '80';
  const accepted = new Set([origin.host, ...(origin.port ? [] : [`${origin.host}:${defaultPort}`])]);
  return (req, _res, next) => {
    // X-Forwarded-Host counts only from a trusted proxy (Express's `req.host`).
    if (!accepted.has(req.host?.toLowerCase() ?? ''))
      throw new DomainError('misdirected', `This server answers to ${origin.host} only.`);
    next();
  };
}
