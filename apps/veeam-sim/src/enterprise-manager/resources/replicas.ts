// /api/cloud/replicas: one CloudReplica per tenant replication job (named after the job).

import type { ReplicationJob } from '../../world/types.ts';
import { textElement } from '../../xml/xml-writer.ts';
import { link, urn, type EmContext } from '../em-xml.ts';
import { backupServerFields, backupServerUpLink } from './backup-servers.ts';
import { entityHref, listInventory, referenceHref, type EmResource } from './resource.ts';

export const replicas: EmResource<ReplicationJob> = {
  type: 'CloudReplica',
  plural: 'CloudReplicas',
  path: '/cloud/replicas',
  idOf: (job) => job.replicaUid,
  nameOf: (job) => job.name,
  referenceLinks: (job, ctx) => [
    backupServerUpLink(ctx, job.backupServer),
    link('Alternate', 'CloudReplica', entityHref(replicas, job, ctx), job.name),
    pointsLink(job, ctx),
  ],
  entityLinks: (job, ctx) => [
    backupServerUpLink(ctx, job.backupServer),
    link('Alternate', 'CloudReplicaReference', referenceHref(replicas, job, ctx), job.name),
    pointsLink(job, ctx),
  ],
  entityBody: (job) => textElement('Platform', job.platform),
  listed: (ctx) => ctx.world.jobs,
  inventory: listInventory((ctx) => ctx.world.jobs),
  find: (id, ctx) => ctx.world.jobByReplicaUid(id),
  fields: {
    uid: { kind: 'string', get: (job) => urn('CloudReplica', job.replicaUid) },
    name: { kind: 'string', get: (job) => job.name },
    platform: { kind: 'string', get: (job) => job.platform },
    ...backupServerFields<ReplicationJob>((job) => job.backupServer),
  },
};

// The doc example prints this link as /cloud/vmReplicaPoints/{replicaId}/vmReplicaPoints, which is
// most likely a typo; the resource it names is the replica's own points list, served here.
function pointsLink(job: ReplicationJob, ctx: EmContext) {
  return link(
    'Down',
    'CloudVmReplicaPointReferenceList',
    `${referenceHref(replicas, job, ctx)}/vmReplicaPoints`,
  );
}
