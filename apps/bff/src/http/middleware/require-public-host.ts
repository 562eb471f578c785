import type { RequestHandler } from 'express';
import { DomainError } from '../../errors.ts';

/**
 * With a public origin configured, a request naming another Host is refused: a DNS-rebinding page
 * or a misrouted proxy must not reach the API under a name the cookies and CSRF checks never saw.
 */
export function requirePublicHost(publicOrigin: string | null): RequestHandler {
  const expected = publicOrigin ? new URL(publicOrigin).host.toLowerCase() : null;
  return (req, _res, next) => {
    if (expected === null) return next();
    // X-Forwarded-Host counts only from a trusted proxy (Express's `req.host`).
    const host = req.host?.toLowerCase();
    if (host !== expected && host !== expected.replace(/:(80|443)$/, ''))
      throw new DomainError('misdirected', `This server answers to ${expected} only.`);
    next();
  };
}
