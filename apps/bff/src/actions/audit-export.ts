import type { AuditEvent, AuditQuery } from '@lifeboat/shared';
import type { Database } from '../store/database.ts';
import { canonicalJson, iterateAudit } from '../store/audit.ts';
import { csvRow } from './csv.ts';
import { auditFilterOf, recordAuditAccess, type AuditReader } from './read-audit.ts';

export type AuditExportFormat = 'csv' | 'json';

/** A whole export: what to call it and its body, produced a page of records at a time. */
export interface AuditExport {
  contentType: string;
  filename: string;
  chunks: AsyncIterable<string>;
}

/** The CSV's columns, in order; `roles` are space-separated and `params` is canonical JSON. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'roles',
  'action',
  'target',
  'params',
  'reason',
  'ticket',
  'outcome',
  'requestId',
  'correlation',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEvent)[];

/**
 * Every record matching the query's filters (not one page: limit and cursor do not apply), in its
 * order, as CSV or as a JSON array. The export is itself audited before it starts (AUD-06).
 */
export async function exportAudit(
  db: Database,
  query: AuditQuery,
  format: AuditExportFormat,
  reader: AuditReader,
  now = new Date(),
): Promise<AuditExport> {
  const filter = auditFilterOf(query);
  await recordAuditAccess(db, 'audit.export', reader, { ...filter, order: query.order, format });
  const events = iterateAudit(db, filter, query.order);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', filename: `lifeboat-audit-${stamp}.csv`, chunks: csv(events) }
    : {
        contentType: 'application/json; charset=utf-8',
        filename: `lifeboat-audit-${stamp}.json`,
        chunks: json(events),
      };
}

async function* csv(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  yield csvRow(AUDIT_CSV_COLUMNS);
  for await (const e of events) yield csvRow(AUDIT_CSV_COLUMNS.map((c) => cellText(e, c)));
}

async function* json(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const e of events) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(e)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

function cellText(e: AuditEvent, column: (typeof AUDIT_CSV_COLUMNS)[number]): string {
  if (column === 'roles') return e.roles.join(' ');
  if (column === 'params') return e.params === null ? '' : canonicalJson(e.params);
  const value = e[column];
  return value === null ? '' : String(value);
}
