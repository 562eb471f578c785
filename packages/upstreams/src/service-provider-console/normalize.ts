import { boundedText, entityId } from '../values.ts';
import type { JobStatus, ReplicationJob } from '@lifeboat/shared';
import type { RawReplicationVmJob } from './raw-schemas.ts';

/** Empty and absent read the same: the console sends both for "no value". */
function textOrNull(s: string | null | undefined): string | null {
  return s ? boundedText(s) : null;
}

/**
 * The console's statuses, keyed lower-case without spaces (v2 wrote "No Info", v3 "NoInfo"). The
 * documented v3 values seen are Success, Warning, Failed, Disabling, Running and InProgress; the
 * full enum is not published, so anything else is `unknown` with the native word kept.
 */
const STATUSES: Record<string, JobStatus> = {
  success: 'success',
  warning: 'warning',
  failed: 'failed',
  running: 'running',
  inprogress: 'running',
  disabling: 'disabled',
  disabled: 'disabled',
  none: 'none',
  noinfo: 'none',
  '': 'none',
};

export function jobStatus(
  nativeStatus: string | null | undefined,
  isEnabled: boolean | null | undefined,
): JobStatus {
  if (isEnabled === false) return 'disabled';
  // Without the embedded job the console said nothing about the outcome: that is not "never ran".
  if (nativeStatus == null) return 'unknown';
  const key = nativeStatus.replace(/[\s_]/g, '').toLowerCase();
  return Object.hasOwn(STATUSES, key) ? STATUSES[key]! : 'unknown';
}

/**
 * `2024-07-18T03:48:09.7630000+02:00` (.NET's "o" format: local time, 7 fraction digits, offset)
 * → ISO UTC with milliseconds. A time without a zone cannot be placed (it is the console's local
 * time, whose offset is unknown), an impossible date is not rolled over into the next month, and
 * .NET's default date (0001-01-01, "never") is no time at all: each is null.
 */
const VSPC_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;

export function vspcTime(value: string | null | undefined): string | null {
  const m = value ? VSPC_TIME.exec(value.trim()) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const back = new Date(local);
  // Date.UTC rolls 2024-02-30 over into March; a round trip catches any field out of range.
  if (
    back.getUTCFullYear() !== Number(y) ||
    back.getUTCMonth() !== Number(mo) - 1 ||
    back.getUTCDate() !== Number(d) ||
    back.getUTCHours() !== Number(h) ||
    back.getUTCMinutes() !== Number(mi) ||
    back.getUTCSeconds() !== Number(s)
  )
    return null;
  const offsetMinutes = zoneMinutes(zone);
  if (offsetMinutes === null) return null;
  const utc = local - offsetMinutes * 60_000;
  return utc < 0 ? null : new Date(utc).toISOString();
}

function zoneMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(-2));
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** What a cloud job's targetHostUid says: there is no target host on the tenant's side. */
const NO_HOST = '00000000-0000-0000-0000-000000000000';

export const REPLICATION_JOB_KIND = 'BackupServerReplicationVmJob';

/** A BackupServerReplicationVmJob (with its embedded BackupServerJob when expanded) → ReplicationJob. */
export function normalizeReplicationJob(raw: RawReplicationVmJob, sourceId: string): ReplicationJob {
  const nativeId = raw.instanceUid.toLowerCase();
  const job = raw._embedded?.backupServerJob ?? null;
  const targetHost = textOrNull(raw.targetHostUid);
  return {
    id: entityId(sourceId, nativeId),
    ref: { source: sourceId, kind: REPLICATION_JOB_KIND, nativeId },
    name: textOrNull(job?.name),
    status: jobStatus(job?.status, job?.isEnabled),
    nativeStatus: job?.status != null ? boundedText(job.status) : null,
    enabled: job?.isEnabled ?? null,
    protectedVmCount: raw.protectedVmCount ?? null,
    isCloudJob: raw.isCloudJob ?? false,
    backupServerId: textOrNull(job?.backupServerUid),
    tenant: textOrNull(job?.organizationUid) ?? textOrNull(job?.mappedOrganizationUid),
    targetHostId: targetHost === NO_HOST ? null : targetHost,
    cloudHostId: textOrNull(raw.cloudHostUid),
    throughWanAccelerators: raw.throughWanAccelerators ?? false,
    lastRunAt: vspcTime(job?.lastRun),
    lastEndAt: vspcTime(job?.lastEndTime),
    lastDurationSeconds: job?.lastDuration ?? null,
    failureMessage: textOrNull(job?.failureMessage),
  };
}
