import type { EntityRef, ReplicaPoint } from '@lifeboat/shared';

/**
 * A restore point as kept between polls, a million of them at `large`. Its reference is made when
 * read (and when written as JSON) instead of held: an object and a string fewer per point, about a
 * quarter of what a point costs. Its native id is the end of its id (`entityId`).
 */
export class KeptPoint implements ReplicaPoint {
  /** The source's id, shared by all its points; not a field of the point's JSON. */
  readonly #source: string;

  constructor(
    readonly id: string,
    source: string,
    readonly vmName: string,
    readonly pointTime: string,
    readonly pointType: string | null,
    readonly nativeState: string | null,
    readonly replicaName: string | null,
    readonly replicaId: string | null,
    readonly backupServer: string | null,
    readonly tenant: string | null,
  ) {
    this.#source = source;
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
      this.pointTime,
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
