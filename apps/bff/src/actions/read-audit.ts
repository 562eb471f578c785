import type { AuditEvent, AuditQuery, ListEnvelope } from '@lifeboat/shared';
import type { Database } from '../store/database.ts';
import { appendAudit, listAudit, type AuditFilter } from '../store/audit.ts';

/** Who reads or exports the audit trail, for the record of that access. */
export interface AuditReader {
  username: string;
  roles: readonly string[];
  requestId: string;
}

/** One page of the audit trail, newest first by default. The read is itself audited (AUD-06). */
export async function readAudit(
  db: Database,
  query: AuditQuery,
  reader: AuditReader,
): Promise<ListEnvelope<AuditEvent>> {
  const page = await listAudit(db, query);
  await recordAuditAccess(db, 'audit.read', reader, {
    ...auditFilterOf(query),
    order: query.order,
    limit: query.limit,
    returned: page.items.length,
  });
  return page;
}

/** The filters a query sets (only those), as they go in the record of an access. */
export function auditFilterOf(query: AuditFilter): AuditFilter {
  const { q, actor, action, target } = query;
  return Object.fromEntries(Object.entries({ q, actor, action, target }).filter(([, v]) => v !== undefined));
}

export async function recordAuditAccess(
  db: Database,
  action: 'audit.read' | 'audit.export',
  reader: AuditReader,
  params: Record<string, unknown>,
): Promise<void> {
  await appendAudit(db, {
    actor: reader.username,
    roles: reader.roles,
    action,
    params,
    outcome: 'ok',
    requestId: reader.requestId,
  });
}
