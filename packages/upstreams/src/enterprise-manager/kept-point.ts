import type { EntityRef, ReplicaPoint } from '@lifeboat/shared';

/**
 * A restore point as kept between polls, a million of them at `large`. Its reference is made when
 * read (and when written as JSON) instead of held: an object and a string fewer per point, about a
 * quarter of what a point costs. Its native id is the end of its id (`entityId`). Its time is held
 * as a number (24 bytes a point fewer than its text) and written as text when read: what compares
 * or sorts points by time reads `pointMs`.
 */
export class KeptPoint implements ReplicaPoint {
  /** The source's id, shared by all its points; not a field of the point's JSON. */
  readonly #source: string;

  constructor(
    readonly id: string,
    source: string,
    readonly vmName: string,
    /** The point's time, in ms since the epoch. */
    readonly timeMs: number,
    readonly pointType: string | null,
    readonly nativeState: string | null,
    readonly replicaName: string | null,
    readonly replicaId: string | null,
    readonly backupServer: string | null,
    readonly tenant: string | null,
  ) {
    this.#source = source;
  }

  get pointTime(): string {
    return new Date(this.timeMs).toISOString();
  }

  get ref(): EntityRef {
    return {
      source: this.#source,
      kind: 'CloudVmReplicaPoint',
      nativeId: this.id.slice(this.#source.length + 1),
    };
  }

  /** The same point of another tenant (a point is never changed: a served snapshot holds it). */
  withTenant(tenant: string | null): KeptPoint {
    return new KeptPoint(
      this.id,
      this.#source,
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

/** A point's time in ms since the epoch: a kept point's number, or any other's text parsed. */
export function pointMs(p: ReplicaPoint): number {
  return p instanceof KeptPoint ? p.timeMs : Date.parse(p.pointTime);
}
