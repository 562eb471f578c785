import { describe, expect, it } from 'vitest';
import { createWorldClock } from '../src/world/clock.ts';
import { createPointIdCodec } from '../src/world/guid.ts';
import type { SessionState, SessionResult } from '../src/world/types.ts';
import { createWorld, type World } from '../src/world/world.ts';

const EPOCH = new Date('2026-01-15T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** RPO grade of a VM against a 60-minute target, as the product defines it. */
function grade(world: World, vmIndex: number, atMs: number): string {
  const latest = world.points.latest(vmIndex, atMs);
  if (!latest) return 'unknown';
  const ageMinutes = (atMs - latest.creationMs) / 60_000;
  if (ageMinutes < 60) return 'compliant';
  if (ageMinutes <= 120) return 'exceeded';
  if (ageMinutes <= 240) return 'severe';
  return 'critical';
}

function structure(world: World) {
  return {
    servers: world.backupServers.map((s) => [s.uid, s.name, s.version, s.port]),
    tenants: world.tenants.map((t) => [t.uid, t.name, t.vms, t.plans]),
    jobs: world.jobs.map((j) => [j.uid, j.replicaUid, j.name, j.platform, j.intervalMinutes, j.vms]),
    vms: world.vms.map((v) => [v.uid, v.name, v.job]),
    plans: world.plans.map((p) => [p.uid, p.name, p.enabled, p.vms.map((v) => [v.vm, v.planVmId, v.order])]),
    sessions: world.sessions.map((s) => [
      s.uid,
      s.plan,
      s.kind,
      s.result,
      s.taskResults,
      s.createdMs - world.clock.startMs,
    ]),
    points: [...world.points.all(world.clock.startMs)].map((p) => [
      p.uid,
      p.creationMs - world.clock.startMs,
    ]),
  };
}

describe('the simulated world', () => {
  it('is the same for the same seed, whenever it starts, and different for another seed', () => {
    const a = createWorld({ seed: 7, epoch: EPOCH, speed: 0 });
    const b = createWorld({ seed: 7, epoch: new Date(EPOCH.getTime() + 5 * DAY + 1234), speed: 0 });
    const c = createWorld({ seed: 8, epoch: EPOCH, speed: 0 });
    expect(structure(b)).toEqual(structure(a));
    expect(structure(c).vms).not.toEqual(structure(a).vms);
  });

  it('gives every entity a well-formed, unique GUID', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    const uids = [
      ...world.backupServers.map((x) => x.uid),
      ...world.tenants.map((x) => x.uid),
      ...world.jobs.flatMap((x) => [x.uid, x.replicaUid]),
      ...world.vms.map((x) => x.uid),
      ...world.plans.flatMap((x) => [x.uid, ...x.vms.map((v) => v.planVmId)]),
      ...world.sessions.map((x) => x.uid),
      ...[...world.points.all(world.clock.startMs)].map((x) => x.uid),
    ];
    for (const uid of uids)
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('has about a dozen VMs at the small scale, in tenants, jobs and plans that fit together', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    expect(world.vms.length).toBe(12);
    for (const job of world.jobs) {
      expect(world.tenants[job.tenant]?.backupServer).toBe(job.backupServer);
      for (const vm of job.vms) expect(world.vms[vm]?.tenant).toBe(job.tenant);
    }
    for (const plan of world.plans) {
      const tenant = world.tenants[plan.tenant];
      expect(plan.vms.length).toBeGreaterThan(0);
      for (const planVm of plan.vms) expect(tenant?.vms).toContain(planVm.vm);
      expect(plan.vms.map((v) => v.order)).toEqual(plan.vms.map((_, i) => i));
      expect(plan.targetRpoMinutes).toBe(60);
      expect(plan.backupServer).toBe(tenant?.backupServer);
    }
    expect(world.plans.some((plan) => !plan.enabled)).toBe(true);
    expect(new Set(world.jobs.map((job) => job.platform))).toEqual(new Set(['VMware', 'HyperV']));
  });

  it('shows every RPO grade against a 60-minute target, including a VM with no restore point', () => {
    for (const scale of ['small', 'medium'] as const) {
      const world = createWorld({ scale, epoch: EPOCH, speed: 0 });
      const grades = new Set(world.vms.map((vm) => grade(world, vm.index, world.clock.startMs)));
      expect([...grades].sort()).toEqual(['compliant', 'critical', 'exceeded', 'severe', 'unknown']);
    }
  });

  it('keeps restore points arriving on schedule as the clock advances, within retention', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    const job = world.jobs.find((j) => j.profile === 'healthy') as World['jobs'][number];
    const vmIndex = job.vms[0] as number;
    const before = world.points.forVm(vmIndex, world.clock.now());
    world.clock.advance(job.intervalMinutes * 60_000 * 3);
    const after = world.points.forVm(vmIndex, world.clock.now());
    expect(after.length).toBe(job.retention);
    expect(before.length).toBe(job.retention);
    expect(after.at(-1)?.creationMs).toBeGreaterThan(before.at(-1)?.creationMs ?? Infinity);
    expect(after.map((p) => p.uid)).toContain(before.at(-1)?.uid);
    expect(grade(world, vmIndex, world.clock.now())).toBe('compliant');
  });

  it('types the oldest kept point Full and the later ones by platform, all Ready unless failed over', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    const now = world.clock.now();
    for (const vm of world.vms) {
      const points = world.points.forVm(vm.index, now);
      const platform = world.jobs[vm.job]?.platform;
      points.forEach((point, i) => {
        expect(point.pointType).toBe(i === 0 ? 'Full' : platform === 'VMware' ? 'Snapshot' : 'Increment');
      });
    }
    const states = world.vms.map((vm) => world.replicaState(vm.index, now));
    expect(states).toContain('Ready');
    expect(states).toContain('Failover');
    const inNoPlan = world.vms.filter((vm) => !world.plans.some((p) => p.vms.some((v) => v.vm === vm.index)));
    for (const vm of inNoPlan) expect(world.replicaState(vm.index, now)).toBe('Ready');
  });

  it('finds a restore point by its GUID and refuses forged or expired ones', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    const now = world.clock.now();
    const points = world.points.forVm(0, now);
    const oldest = points[0];
    expect(world.points.find(oldest?.uid.toUpperCase() ?? '', now)?.run).toBe(oldest?.run);
    expect(world.points.find('00000000-0000-4000-8000-000000000000', now)).toBeUndefined();
    expect(world.points.find('not-a-guid', now)).toBeUndefined();
    const job = world.jobs[world.vms[0]?.job ?? 0];
    world.clock.advance((job?.intervalMinutes ?? 60) * 60_000 * ((job?.retention ?? 10) + 5));
    expect(world.points.find(oldest?.uid ?? '', world.clock.now())).toBeUndefined();
    const codec = createPointIdCodec(99);
    expect(codec.decode(codec.encode(123_456, 7_890))).toEqual({ vmIndex: 123_456, runIndex: 7_890 });
  });

  it('has failover sessions in every state and result, with per-VM tasks, some older than 30 days', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    const now = world.clock.now();
    const snapshots = world.sessions.map((session) => ({ session, snapshot: world.sessionAt(session, now) }));
    const states = new Set<SessionState>(snapshots.map((s) => s.snapshot.state));
    const results = new Set<SessionResult>(snapshots.map((s) => s.snapshot.result));
    expect([...states].sort()).toEqual(['Starting', 'Stopped', 'Stopping', 'Working']);
    expect([...results].sort()).toEqual(['Failed', 'None', 'Success', 'Warning']);
    for (const { snapshot } of snapshots) {
      expect(snapshot.result === 'None').toBe(snapshot.state !== 'Stopped');
      expect(snapshot.endMs !== undefined).toBe(snapshot.state === 'Stopped');
      expect(snapshot.failureMessage !== undefined).toBe(snapshot.result === 'Failed');
      expect(snapshot.tasks.length).toBeGreaterThan(0);
    }
    expect(snapshots.some(({ session }) => session.createdMs < now - 30 * DAY)).toBe(true);
    expect(snapshots.some(({ session }) => session.createdMs >= now - 30 * DAY)).toBe(true);
    const failoverTasks = snapshots
      .filter(({ session }) => session.kind === 'failover')
      .flatMap((s) => s.snapshot.tasks);
    expect(failoverTasks.some((task) => task.point !== undefined)).toBe(true);
    for (const task of failoverTasks)
      if (task.point) expect(task.point.creationMs).toBeLessThanOrEqual(task.createdMs);
  });

  it('moves running sessions on to Stopped as the clock advances', () => {
    const world = createWorld({ epoch: EPOCH, speed: 0 });
    world.clock.advance(12 * HOUR);
    const states = new Set(world.sessions.map((s) => world.sessionAt(s, world.clock.now()).state));
    expect([...states]).toEqual(['Stopped']);
  });
});

describe('the world clock', () => {
  it('runs at the chosen speed, keeps time across speed changes, and jumps forward', () => {
    let real = 1_000;
    const clock = createWorldClock(EPOCH.getTime(), 60, () => real);
    real += 1_000;
    expect(clock.now() - EPOCH.getTime()).toBe(60_000);
    clock.setSpeed(0);
    real += 5_000;
    expect(clock.now() - EPOCH.getTime()).toBe(60_000);
    clock.advance(HOUR);
    expect(clock.now() - EPOCH.getTime()).toBe(60_000 + HOUR);
    expect(() => clock.setSpeed(-1)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('the large world', () => {
  it('starts in seconds with 100,000 VMs and about 1,000,000 restore points, in proportionate memory', () => {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const world = createWorld({ scale: 'large', epoch: EPOCH, speed: 0 });
    const elapsedMs = performance.now() - started;
    const points = world.points.count(world.clock.now());
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    expect(world.vms.length).toBe(100_000);
    expect(points).toBeGreaterThan(990_000);
    expect(points).toBeLessThanOrEqual(1_000_000);
    expect(elapsedMs).toBeLessThan(10_000);
    // Points are generated on demand: the heap holds the VMs, jobs and plans, not a million points.
    expect(heapGrowthMb).toBeLessThan(250);
  });
});
