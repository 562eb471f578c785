import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../errors.ts';
import type { Database } from '../../store/database.ts';
import { appendAudit } from '../../store/audit.ts';

/** The refusals that are security events (SEC-50): a role or a CSRF check said no. */
const AUDITED = new Set(['forbidden', 'csrf_failed']);

/**
 * Records every role and CSRF refusal in the audit trail (who, what they tried, why refused), then
 * hands the error on to the error handler. Refusals a use case already recorded are not repeated.
 */
export function auditRefusals(db: Database) {
  return async (err: unknown, req: Request, _res: Response, next: NextFunction) => {
    if (err instanceof DomainError && AUDITED.has(err.code) && !err.audited) {
      await appendAudit(db, {
        actor: req.session?.username ?? 'anonymous',
        roles: req.session?.roles ?? [],
        action: `refused.${err.code}`,
        target: `${req.method} ${req.originalUrl.split('?')[0]!.slice(0, 200)}`,
        params: { message: err.message, ip: req.ip ?? null },
        reason: null,
        ticket: null,
        outcome: 'refused',
        requestId: req.id,
        correlation: null,
      }).catch(() => undefined);
      err.audited = true;
    }
    next(err);
  };
}
