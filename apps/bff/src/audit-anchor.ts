import type { Logger } from 'pino';
import { auditHead, formatHead } from './store/audit.ts';
import type { Database } from './store/database.ts';

/**
 * Writes the audit chain's head to the log whenever it moved (checked every `everyMs`, and once
 * more on stop). The log leaves the machine, so a head kept there shows, through
 * `lifeboat verify-audit --expect-head`, whether the newest records were later removed from the database.
 */
export function anchorAuditHead(db: Database, log: Logger, everyMs = 60_000) {
  let logged = '';
  const anchor = async () => {
    const head = await auditHead(db);
    const text = head ? formatHead(head) : '';
    if (text === logged) return;
    logged = text;
    log.info({ auditHead: text }, 'audit chain head');
  };
  const failed = (err: unknown) => log.warn({ err }, 'could not read the audit chain head');
  void anchor().catch(failed);
  const timer = setInterval(() => void anchor().catch(failed), everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await anchor().catch(failed);
    },
  };
}
