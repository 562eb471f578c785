// /api/cloud/vmReplicaPoints: restore points of tenant VM replicas, generated from the replication
// schedule at the moment of the request (see world/restore-points.ts).

import type { RestorePoint } from '../../world/restore-points.ts';
import { textElement } from '../../xml/xml-writer.ts';
import { apiUrl, link, pointName, urn, utc, type EmContext } from '../em-xml.ts';
import { backupServerFields, backupServerUpLink } from './backup-servers.ts';
import { pointInventory } from './point-inventory.ts';
import { entityHref, referenceHref, type EmResource } from './resource.ts';

const POINT_TYPES = ['CDP', 'Full', 'ReverseIncrement', 'Increment', 'Snapshot'] as const;
const STATES = ['Unknown', 'Ready', 'Failover', 'Failback', 'PermanentFailover'] as const;

const nameOf = (point: RestorePoint) => pointName(point.vm.name, point.creationMs);

function replicaLink(point: RestorePoint, ctx: EmContext) {
  return link(
    'Up',
    'CloudReplicaReference',
    apiUrl(ctx, `/cloud/replicas/${point.job.replicaUid}`),
    point.job.name,
  );
}

export const replicaPoints: EmResource<RestorePoint> = {
  type: 'CloudVmReplicaPoint',
  plural: 'CloudVmReplicaPoints',
  path: '/cloud/vmReplicaPoints',
  idOf: (point) => point.uid,
  nameOf,
  referenceLinks: (point, ctx) => [
    backupServerUpLink(ctx, point.job.backupServer),
    replicaLink(point, ctx),
    link('Alternate', 'CloudVmReplicaPoint', entityHref(replicaPoints, point, ctx), nameOf(point)),
  ],
  entityLinks: (point, ctx) => [
    backupServerUpLink(ctx, point.job.backupServer),
    replicaLink(point, ctx),
    link(
      'Alternate',
      'CloudVmReplicaPointReference',
      referenceHref(replicaPoints, point, ctx),
      nameOf(point),
    ),
  ],
  entityAttributes: (point) => ({ VmDisplayName: point.vm.name }),
  entityBody: (point, ctx) => [
    ...textElement('CreationTimeUTC', utc(point.creationMs)),
    ...textElement('PointType', point.pointType),
    ...textElement('State', ctx.world.replicaState(point.vm.index, ctx.now)),
  ],
  listed: (ctx) => ctx.world.points.all(ctx.now),
  inventory: pointInventory,
  find: (id, ctx) => ctx.world.points.find(id, ctx.now),
  fields: {
    uid: { kind: 'string', get: (point) => urn('CloudVmReplicaPoint', point.uid) },
    name: { kind: 'string', get: nameOf },
    vmname: { kind: 'string', get: (point) => point.vm.name },
    vmdisplayname: { kind: 'string', get: (point) => point.vm.name },
    creationtime: { kind: 'date', get: (point) => point.creationMs },
    pointtype: { kind: 'enum', values: POINT_TYPES, get: (point) => point.pointType },
    state: {
      kind: 'enum',
      values: STATES,
      get: (point, ctx) => ctx.world.replicaState(point.vm.index, ctx.now),
    },
    cloudreplicauid: { kind: 'string', get: (point) => urn('CloudReplica', point.job.replicaUid) },
    ...backupServerFields<RestorePoint>((point) => point.job.backupServer),
  },
};

/** The points of one replica (all VMs of its job), for /api/cloud/replicas/{id}/vmReplicaPoints. */
export function* pointsOfReplica(jobIndex: number, ctx: EmContext): Generator<RestorePoint> {
  for (const vmIndex of ctx.world.jobs[jobIndex]?.vms ?? []) yield* ctx.world.points.forVm(vmIndex, ctx.now);
}
