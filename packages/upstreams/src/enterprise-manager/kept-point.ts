import type { EntityRef, ReplicaPoint } from '@lifeboat/shared';

const MS_PER_MINUTE = 60_000;

/**
 * A restore point as kept between polls, a million of them at `large`. Its reference is made when
 * read (and when written as JSON) instead of held: an object and a string fewer per point, about a
 * quarter of what a point costs. Its native id is the end of its id (`entityId`). Its time is held
 * as numbers (24 bytes a point fewer than its text) and written as text when read: what compares
 * or sorts points by time reads `pointMs`. The numbers are two small integers, the whole minutes
 * since the epoch and the milliseconds past them: V8 boxes a field of milliseconds since the epoch
 * (too large for a small integer) in an object of its own, 16 bytes and one object more per point,
 * each marked by every full collection.
 */
export abstract class KeptPoint implements ReplicaPoint {
  declare readonly id: string;
  /** The source's id, shared by all its points; not a field of the point's JSON. */
  declare readonly source: string;
  declare readonly vmName: string;
  declare readonly minute: number;
  declare readonly msOfMinute: number;
  declare readonly pointType: string | null;
  declare readonly nativeState: string | null;
  declare readonly replicaName: string | null;
  declare readonly replicaId: string | null;
  declare readonly backupServer: string | null;
  declare readonly tenant: string | null;

  /** The point's time, in ms since the epoch. */
  get timeMs(): number {
    return this.minute * MS_PER_MINUTE + this.msOfMinute;
  }

  get pointTime(): string {
    return new Date(this.timeMs).toISOString();
  }

  get ref(): EntityRef {
    return pointRef(this.id, this.source);
  }

  /** The same point of another tenant (a point is never changed: a served snapshot holds it). */
  withTenant(tenant: string | null): KeptPoint {
    return keptPoint(
      this.id,
      this.source,
      this.vmName,
      this.timeMs,
      this.pointType,
      this.nativeState,
      this.replicaName,
      this.replicaId,
      this.backupServer,
      tenant,
    );
  }

  toJSON(): ReplicaPoint {
    return {
      id: this.id,
      ref: this.ref,
      vmName: this.vmName,
      pointTime: this.pointTime,
      pointType: this.pointType,
      nativeState: this.nativeState,
      replicaName: this.replicaName,
      replicaId: this.replicaId,
      backupServer: this.backupServer,
      tenant: this.tenant,
    };
  }
}

/**
 * A kept point. Made by an object literal (of KeptPoint's prototype), not by `new`: V8 sees that
 * the objects of a literal live long and then allocates them in the old generation at once, where
 * an instance made by `new` is made young and copied by two scavenges; those held the serving
 * thread for 20 to 60 ms each during a `large` sync.
 */
export function keptPoint(
  id: string,
  source: string,
  vmName: string,
  timeMs: number,
  pointType: string | null,
  nativeState: string | null,
  replicaName: string | null,
  replicaId: string | null,
  backupServer: string | null,
  tenant: string | null,
): KeptPoint {
  const minute = Math.floor(timeMs / MS_PER_MINUTE);
  return {
    __proto__: KeptPoint.prototype,
    id,
    source,
    vmName,
    minute,
    msOfMinute: timeMs - minute * MS_PER_MINUTE,
    pointType,
    nativeState,
    replicaName,
    replicaId,
    backupServer,
    tenant,
  } as unknown as KeptPoint;
}

/** A restore point's reference, made from its id (`<source>.<nativeId>`) when read rather than held. */
export function pointRef(id: string, source: string): EntityRef {
  return { source, kind: 'CloudVmReplicaPoint', nativeId: id.slice(source.length + 1) };
}

/** A point's time in ms since the epoch: a kept point's number, or any other's text parsed. */
export function pointMs(p: ReplicaPoint): number {
  return (p as Partial<KeptPoint>).timeMs ?? Date.parse(p.pointTime);
}
