import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../errors.ts';
import type { Database } from '../../store/database.ts';
import { appendAudit } from '../../store/audit.ts';

/** The refusals that are security events (SEC-50): a role or a CSRF check said no. */
const AUDITED = new Set(['forbidden', 'csrf_failed']);

/** Refusals recorded one by one per client (address and user) per window; the rest are counted. */
export const REFUSALS_RECORDED_PER_WINDOW = 30;
const WINDOW_MS = 60_000;
/** Clients tracked at once; beyond it, windows that ended are forgotten first. */
const MAX_CLIENTS = 10_000;

interface Window {
  start: number;
  recorded: number;
  notRecorded: number;
}

/**
 * How many refusals of one client get their own record. A forged page or a script can cause
 * refusals as fast as it can send; the trail must show the attack without being flooded by it.
 */
class RefusalBudget {
  private readonly windows = new Map<string, Window>();

  /** 'record', 'announce' (the first over the budget: say so once), or 'count' (counted only). */
  take(client: string, now: number): { verdict: 'record' | 'announce' | 'count'; notRecordedBefore: number } {
    let w = this.windows.get(client);
    let notRecordedBefore = 0;
    if (!w || now - w.start >= WINDOW_MS) {
      notRecordedBefore = w?.notRecorded ?? 0;
      if (!w && this.windows.size >= MAX_CLIENTS) this.forgetEnded(now);
      w = { start: now, recorded: 0, notRecorded: 0 };
      this.windows.set(client, w);
    }
    if (w.recorded < REFUSALS_RECORDED_PER_WINDOW) {
      w.recorded++;
      return { verdict: 'record', notRecordedBefore };
    }
    w.notRecorded++;
    return { verdict: w.notRecorded === 1 ? 'announce' : 'count', notRecordedBefore };
  }

  private forgetEnded(now: number) {
    for (const [client, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(client);
    // Still full: an address flood; the oldest entry goes (Map keeps insertion order).
    if (this.windows.size >= MAX_CLIENTS) this.windows.delete(this.windows.keys().next().value!);
  }
}

/**
 * Records role and CSRF refusals in the audit trail (who, what they tried, why refused), then
 * hands the error on to the error handler. Refusals a use case already recorded are not repeated.
 * Past REFUSALS_RECORDED_PER_WINDOW a minute from one client, one record says so and the rest
 * are counted; the count goes into that client's next record.
 */
export function auditRefusals(db: Database) {
  const budget = new RefusalBudget();
  return async (err: unknown, req: Request, _res: Response, next: NextFunction) => {
    if (err instanceof DomainError && AUDITED.has(err.code) && !err.audited) {
      const actor = req.session?.username ?? 'anonymous';
      const ip = req.ip ?? null;
      const { verdict, notRecordedBefore } = budget.take(`${ip ?? ''} ${actor}`, Date.now());
      if (verdict !== 'count') {
        await appendAudit(db, {
          actor,
          roles: req.session?.roles ?? [],
          action: verdict === 'record' ? `refused.${err.code}` : 'refused.many',
          target: `${req.method} ${req.originalUrl.split('?')[0]!.slice(0, 200)}`,
          params:
            verdict === 'record'
              ? { message: err.message, ip, ...(notRecordedBefore ? { notRecordedBefore } : {}) }
              : {
                  message: `More than ${REFUSALS_RECORDED_PER_WINDOW} refusals in a minute from this address and user; the rest of the minute's are counted, and the count is in the next record.`,
                  ip,
                },
          reason: null,
          ticket: null,
          outcome: 'refused',
          requestId: req.id,
          correlation: null,
        }).catch(() => undefined);
      }
      err.audited = true;
    }
    next(err);
  };
}
