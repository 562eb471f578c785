import { isGuid } from '../values.ts';
import { UpstreamError } from '../http/upstream-error.ts';

/**
 * The fixed table of Service Provider Console paths this connector may request (SEC-41). A path
 * is a `RoutePath` only when built here, so the client cannot be handed any other URL; ids go in
 * only after they are validated as GUIDs.
 */
export type RoutePath = string & { readonly __route: 'service-provider-console' };

const API = '/api/v3';
const REPLICATION_VM_JOBS = `${API}/infrastructure/backupServers/jobs/replicationVmJobs`;

/** The OAuth token endpoint (password and refresh_token grants). */
export const TOKEN_PATH = `${API}/token` as RoutePath;

/** The upstream's own limit on `limit`; Lifeboat asks for the most by default (fewer calls). */
export const MAX_PAGE_SIZE = 500;

/** One page of every VM replication job, each with its job (name, status, last run) embedded. */
export function replicationJobsPath(limit: number, offset: number): RoutePath {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new RangeError(`page size out of range: ${limit}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset out of range: ${offset}`);
  const q = new URLSearchParams({ limit: String(limit), offset: String(offset), expand: 'BackupServerJob' });
  return `${REPLICATION_VM_JOBS}?${q.toString()}` as RoutePath;
}

/** One VM replication job by its uid (the documented item has no expand: no name or status). */
export function replicationJobPath(jobUid: string): RoutePath {
  if (!isGuid(jobUid)) throw new UpstreamError('invalid_id', 'not a Service Provider Console job id');
  return `${REPLICATION_VM_JOBS}/${jobUid.toLowerCase()}` as RoutePath;
}
