// Builds the world from a seed, relative to its start time S. Same seed and scale -> same ids,
// names and structure. The first few jobs and plans get fixed roles so that every world, even the
// small one, shows the whole picture: every RPO grade against a 60-minute target (including a VM
// with no restore point at all), and failover sessions in every state and result.

import { generatePlans } from './generate-plans.ts';
import { generateSessions } from './generate-sessions.ts';
import { guidFromWords } from './guid.ts';
import { backupServerName, companyNames, createVmNamer, vbrVersion, WORKLOADS } from './names.ts';
import type { Rng } from './prng.ts';
import { createRestorePoints, type RestorePoints } from './restore-points.ts';
import type { ScalePreset } from './scale.ts';
import type {
  BackupServer,
  FailoverPlan,
  FailoverSession,
  JobProfile,
  ReplicationJob,
  Tenant,
  Vm,
} from './types.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface WorldData {
  readonly backupServers: readonly BackupServer[];
  readonly tenants: readonly Tenant[];
  readonly jobs: readonly ReplicationJob[];
  readonly vms: readonly Vm[];
  readonly plans: readonly FailoverPlan[];
  readonly sessions: readonly FailoverSession[];
  readonly points: RestorePoints;
}

/** Roles of the first jobs (small world: all of them); the rest are drawn with JOB_PROFILE_WEIGHTS. */
const FIXED_JOB_PROFILES: readonly JobProfile[] = ['healthy', 'exceeded', 'healthy', 'severe', 'critical'];
const JOB_PROFILE_WEIGHTS: Readonly<Record<JobProfile, number>> = {
  healthy: 88,
  exceeded: 5,
  severe: 4,
  critical: 3,
};

export function generateWorld(rng: Rng, seed: number, preset: ScalePreset, startMs: number): WorldData {
  const guid = (): string => guidFromWords(rng.words());
  const backupServers = generateBackupServers(rng, guid, preset);
  const tenantNames = companyNames(rng, preset.tenants);
  const tenantUids = tenantNames.map(() => guid());
  const jobDrafts = generateJobs(rng, guid, preset, tenantNames, startMs);
  const vms = generateVms(guid, preset, jobDrafts);
  const vmsByJob = groupIndices(vms, jobDrafts.length, (vm) => vm.job);
  const jobs = jobDrafts.map((draft, index): ReplicationJob => ({
    ...draft,
    vms: vmsByJob[index] as number[],
  }));
  const points = createRestorePoints(seed, vms, jobs);
  const vmsByTenant = groupIndices(vms, tenantNames.length, (vm) => vm.tenant);
  const { plans, endings } = generatePlans(rng, guid, preset, tenantNames, tenantUids, vmsByTenant);
  const sessions = generateSessions(rng, guid, { plans, endings, vms, points, startMs });
  const plansByTenant = groupIndices(plans, tenantNames.length, (plan) => plan.tenant);
  const tenants = tenantNames.map((name, index): Tenant => ({
    index,
    uid: tenantUids[index] as string,
    name,
    backupServer: index % backupServers.length,
    vms: vmsByTenant[index] as number[],
    plans: plansByTenant[index] as number[],
  }));
  return { backupServers, tenants, jobs, vms, plans, sessions, points };
}

/** Indices of `items` grouped by owner (0 .. groups-1), in order. */
function groupIndices<T extends { index: number }>(
  items: readonly T[],
  groups: number,
  ownerOf: (item: T) => number,
): number[][] {
  const grouped = Array.from({ length: groups }, (): number[] => []);
  for (const item of items) grouped[ownerOf(item)]?.push(item.index);
  return grouped;
}

function generateBackupServers(rng: Rng, guid: () => string, preset: ScalePreset): BackupServer[] {
  return Array.from({ length: preset.backupServers }, (_, index) => ({
    index,
    uid: guid(),
    name: backupServerName(index),
    description: index === 0 ? 'Cloud Connect host, primary site' : '',
    port: 9392,
    version: vbrVersion(rng),
  }));
}

type JobDraft = Omit<ReplicationJob, 'vms'>;

function generateJobs(
  rng: Rng,
  guid: () => string,
  preset: ScalePreset,
  tenantNames: readonly string[],
  startMs: number,
): JobDraft[] {
  const jobsPerTenant = new Map<number, number>();
  const workloadOffset = tenantNames.map(() => rng.int(0, WORKLOADS.length - 1));
  return Array.from({ length: preset.jobs }, (_, index): JobDraft => {
    // Contiguous blocks: a tenant's jobs sit together and on the tenant's own backup server.
    const tenant = Math.floor((index * tenantNames.length) / preset.jobs);
    const nth = jobsPerTenant.get(tenant) ?? 0;
    jobsPerTenant.set(tenant, nth + 1);
    const workload = WORKLOADS[
      ((workloadOffset[tenant] as number) + nth) % WORKLOADS.length
    ] as (typeof WORKLOADS)[number];
    const suffix = nth >= WORKLOADS.length ? ` ${Math.floor(nth / WORKLOADS.length) + 1}` : '';
    const profile = FIXED_JOB_PROFILES[index] ?? rng.weighted(JOB_PROFILE_WEIGHTS);
    return {
      index,
      uid: guid(),
      replicaUid: guid(),
      name: `${tenantNames[tenant]} ${workload.name} Replication${suffix}`,
      workload: workload.name,
      tenant,
      backupServer: tenant % preset.backupServers,
      // Every third job replicates Hyper-V VMs, so every world has both platforms.
      platform: index % 3 === 2 ? 'HyperV' : 'VMware',
      profile,
      retention: rng.int(preset.retention[0], preset.retention[1]),
      ...jobSchedule(rng, profile, startMs),
    };
  });
}

/**
 * The schedule that gives each profile its RPO grade at the start S (60-minute target):
 * healthy every 15/30 min (< 1 h); exceeded: the last hourly run failed (1-2 h); severe: the last
 * two failed (2-4 h); critical: failing for the last five hours and still failing (> 4 h).
 */
function jobSchedule(rng: Rng, profile: JobProfile, startMs: number) {
  const intervalMinutes = profile === 'healthy' ? rng.pick([15, 30]) : 60;
  const interval = intervalMinutes * MINUTE;
  const lastRunAgo = profile === 'healthy' ? rng.int(0, interval - 1) : rng.int(10, 40) * MINUTE;
  const lastRun = Math.floor((rng.int(60, 120) * DAY) / interval);
  const anchorMs = startMs - lastRunAgo - lastRun * interval;
  const failedRuns = new Set<number>();
  if (profile === 'exceeded') failedRuns.add(lastRun);
  if (profile === 'severe') [lastRun - 1, lastRun].forEach((run) => failedRuns.add(run));
  // An old hiccup here and there: a gap in the chain, no effect on the current RPO.
  if (profile === 'healthy' && rng.chance(0.25)) failedRuns.add(lastRun - rng.int(3, 20));
  const failingSinceRun = profile === 'critical' ? lastRun - 4 : undefined;
  return { intervalMinutes, anchorMs, failedRuns, failingSinceRun };
}

function generateVms(guid: () => string, preset: ScalePreset, jobs: readonly JobDraft[]): Vm[] {
  const nameVm = createVmNamer();
  const vms: Vm[] = [];
  jobs.forEach((job, jobIndex) => {
    const count = Math.floor(preset.vms / jobs.length) + (jobIndex < preset.vms % jobs.length ? 1 : 0);
    const prefix = WORKLOADS.find((w) => w.name === job.workload)?.vmPrefix ?? 'vm';
    for (let position = 0; position < count; position++) {
      // In a broken job, the last VM was added after it broke: it has never had a restore point.
      const brokenSince = job.failingSinceRun;
      const addedLate = brokenSince !== undefined && count > 1 && position === count - 1;
      const vm: Vm = {
        index: vms.length,
        uid: guid(),
        name: nameVm(prefix),
        tenant: job.tenant,
        job: jobIndex,
        position,
        firstRun: addedLate ? brokenSince + 2 : 0,
      };
      vms.push(vm);
    }
  });
  return vms;
}
