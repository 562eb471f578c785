import type { Request, Response } from 'express';

/** Strict CSP (no inline script or style; SEC-20). */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join(';');

/**
 * The CSP and the other hardening headers (SEC-21): helmet 8's set, with same-origin opener and
 * resource policies, no referrer and a year of HSTS. Set as constants by one middleware: helmet's
 * chain of thirteen cost every list read about a twentieth of its time.
 */
const HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', CSP],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

export function setSecurityHeaders(_req: Request, res: Response): void {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
}
