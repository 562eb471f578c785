import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.ts';
import { jobStatus, normalizeReplicationJob, vspcTime } from './normalize.ts';
import { RawCollection, RawErrors, RawItem, RawReplicationVmJob } from './raw-schemas.ts';

const json = (name: string): unknown => JSON.parse(fixture(name));

describe("Service Provider Console normalizers on Veeam's documented examples", () => {
  it('reads the documented VM replication job item, with its provenance', () => {
    const item = RawItem.parse(json('vspc_get_replicationVmJobs_id.json'));
    const job = normalizeReplicationJob(RawReplicationVmJob.parse(item.data), 'vspc-eu');
    expect(job).toEqual({
      id: 'vspc-eu.bc04d2e5-dd4c-4f85-af0e-424106a32a75',
      ref: {
        source: 'vspc-eu',
        kind: 'BackupServerReplicationVmJob',
        nativeId: 'bc04d2e5-dd4c-4f85-af0e-424106a32a75',
      },
      // The item endpoint has no expand: the console says nothing about name or outcome.
      name: null,
      status: 'unknown',
      nativeStatus: null,
      enabled: null,
      protectedVmCount: 5,
      isCloudJob: false,
      backupServerId: null,
      tenant: null,
      targetHostId: 'e4cbfa3e-7704-4143-979b-56961e124cee',
      cloudHostId: '1bfb5b3b-eedc-407d-b672-8927af54014c',
      throughWanAccelerators: false,
      lastRunAt: null,
      lastEndAt: null,
      lastDurationSeconds: null,
      failureMessage: null,
    });
  });

  it('reads the documented collection envelope and error body', () => {
    const page = RawCollection.parse(json('vspc_get_asyncActions.json'));
    expect(page.meta.pagingInfo).toEqual({ total: 3, count: 3, offset: 0 });
    expect(page.data).toHaveLength(3);
    const err = RawErrors.parse(json('vspc_error_400.json'));
    expect(err.errors[0]?.message).toBe('Property value must be larger or equal to 0.');
  });

  it('reads the documented times (7 fraction digits, +02:00) as the UTC instant they name', () => {
    const objects = json('vspc_get_backupServers_uid_jobs_replicationVmJobs_objects.json') as {
      data: { lastSession: { startTime: string; endTime: string } }[];
    };
    expect(
      objects.data.map((o) => [vspcTime(o.lastSession.startTime), vspcTime(o.lastSession.endTime)]),
    ).toEqual([
      ['2024-07-18T01:48:21.903Z', '2024-07-18T01:54:43.650Z'],
      ['2024-07-18T01:21:06.660Z', '2024-07-18T01:22:12.673Z'],
    ]);
  });
});

describe('Service Provider Console times', () => {
  it.each([
    ['2024-07-18T03:48:09.7630000+02:00', '2024-07-18T01:48:09.763Z'],
    ['2024-07-18T03:48:09.7639999+02:00', '2024-07-18T01:48:09.763Z'],
    ['2024-07-18T03:48:09Z', '2024-07-18T03:48:09.000Z'],
    ['2024-07-18T03:48:09.5-05:30', '2024-07-18T09:18:09.500Z'],
    ['2024-07-18T01:00:00.0000000+0200', '2024-07-17T23:00:00.000Z'],
    ['2024-12-31T23:30:00.0000000-01:00', '2025-01-01T00:30:00.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(vspcTime(raw)).toBe(iso);
  });

  it.each([
    ['no zone (local time of an unknown offset)', '2024-07-18T03:48:09.7630000'],
    ['a day that does not exist', '2024-02-30T00:00:00.0000000+02:00'],
    ['hour 24', '2024-07-18T24:00:00Z'],
    [".NET's default date", '0001-01-01T00:00:00.0000000+00:00'],
    ['an offset beyond ±14 h', '2024-07-18T03:48:09+23:00'],
    ['text', 'yesterday'],
    ['empty', ''],
    ['null', null],
  ])('%s is no time at all', (_why, raw) => {
    expect(vspcTime(raw)).toBeNull();
  });
});

describe('Service Provider Console job status', () => {
  it.each([
    ['Success', true, 'success'],
    ['Warning', true, 'warning'],
    ['Failed', true, 'failed'],
    ['Running', true, 'running'],
    ['InProgress', true, 'running'],
    ['Disabling', true, 'disabled'],
    ['Success', false, 'disabled'],
    ['None', true, 'none'],
    ['NoInfo', true, 'none'],
    ['No Info', true, 'none'],
    ['', true, 'none'],
    ['Paused', true, 'unknown'],
    ['__proto__', true, 'unknown'],
    ['constructor', true, 'unknown'],
  ] as const)('%s (enabled: %s) → %s', (native, enabled, status) => {
    expect(jobStatus(native, enabled)).toBe(status);
  });
});

describe('a replication job with its embedded BackupServerJob', () => {
  // Built from the field list of veeam-api.md §3.5 (Veeam publishes no expanded example).
  const raw = (job: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    RawReplicationVmJob.parse({
      instanceUid: 'BC04D2E5-DD4C-4F85-AF0E-424106A32A75',
      protectedVmCount: 2,
      isCloudJob: true,
      cloudHostUid: '1bfb5b3b-eedc-407d-b672-8927af54014c',
      targetHostUid: '00000000-0000-0000-0000-000000000000',
      throughWanAccelerators: true,
      ...extra,
      _embedded: {
        backupServerJob: {
          instanceUid: 'bc04d2e5-dd4c-4f85-af0e-424106a32a75',
          name: 'Replication Job 1',
          status: 'Warning',
          type: 'ReplicationVM',
          lastRun: '2024-07-18T03:48:09.7630000+02:00',
          lastEndTime: '2024-07-18T03:54:43.6500000+02:00',
          lastDuration: 394,
          failureMessage: 'One or more source networks were possibly mapped onto the same cloud network.',
          isEnabled: true,
          backupServerUid: 'a1c2e3f4-0000-4000-8000-000000000001',
          organizationUid: 'c0ffee00-0000-4000-8000-000000000002',
          mappedOrganizationUid: 'c0ffee00-0000-4000-8000-000000000003',
          ...job,
        },
      },
    });

  it('takes name, outcome, times, tenant and server from the embedded job', () => {
    expect(normalizeReplicationJob(raw({}), 'vspc-eu')).toEqual({
      id: 'vspc-eu.bc04d2e5-dd4c-4f85-af0e-424106a32a75',
      ref: {
        source: 'vspc-eu',
        kind: 'BackupServerReplicationVmJob',
        nativeId: 'bc04d2e5-dd4c-4f85-af0e-424106a32a75',
      },
      name: 'Replication Job 1',
      status: 'warning',
      nativeStatus: 'Warning',
      enabled: true,
      protectedVmCount: 2,
      isCloudJob: true,
      backupServerId: 'a1c2e3f4-0000-4000-8000-000000000001',
      tenant: 'c0ffee00-0000-4000-8000-000000000002',
      // A cloud job's all-zero target host means "none on this side".
      targetHostId: null,
      cloudHostId: '1bfb5b3b-eedc-407d-b672-8927af54014c',
      throughWanAccelerators: true,
      lastRunAt: '2024-07-18T01:48:09.763Z',
      lastEndAt: '2024-07-18T01:54:43.650Z',
      lastDurationSeconds: 394,
      failureMessage: 'One or more source networks were possibly mapped onto the same cloud network.',
    });
  });

  it('falls back to the mapped organization, and reads empty texts as none', () => {
    const job = normalizeReplicationJob(
      raw({ organizationUid: null, failureMessage: '', name: '', status: 'Success' }),
      's',
    );
    expect(job).toMatchObject({
      tenant: 'c0ffee00-0000-4000-8000-000000000003',
      failureMessage: null,
      name: null,
    });
  });

  it('cuts a very long name or message with a visible marker, never drops it', () => {
    const job = normalizeReplicationJob(
      raw({ name: 'n'.repeat(600_000), failureMessage: 'm'.repeat(1000) }),
      's',
    );
    expect(job.name).toHaveLength(512);
    expect(job.name?.endsWith('…')).toBe(true);
    expect(job.failureMessage).toHaveLength(512);
  });

  it('keeps an unknown status word, and says unknown', () => {
    const job = normalizeReplicationJob(raw({ status: 'Postprocessing' }), 's');
    expect([job.status, job.nativeStatus]).toEqual(['unknown', 'Postprocessing']);
  });

  it('refuses an item whose uid is not a GUID, or whose name is a number', () => {
    expect(RawReplicationVmJob.safeParse({ instanceUid: '../../x' }).success).toBe(false);
    expect(RawReplicationVmJob.safeParse({ instanceUid: 42 }).success).toBe(false);
    expect(
      RawReplicationVmJob.safeParse({
        instanceUid: 'bc04d2e5-dd4c-4f85-af0e-424106a32a75',
        _embedded: { backupServerJob: { name: 12345 } },
      }).success,
    ).toBe(false);
  });
});
