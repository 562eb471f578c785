// /api/backupServers: the Veeam Backup & Replication servers Enterprise Manager manages.

import type { BackupServer } from '../../world/types.ts';
import { textElement } from '../../xml/xml-writer.ts';
import { apiUrl, link, urn, type EmContext } from '../em-xml.ts';
import { entityHref, listInventory, referenceHref, type EmResource } from './resource.ts';

export const backupServers: EmResource<BackupServer> = {
  type: 'BackupServer',
  plural: 'BackupServers',
  path: '/backupServers',
  idOf: (server) => server.uid,
  nameOf: (server) => server.name,
  referenceLinks(server, ctx) {
    const href = referenceHref(backupServers, server, ctx);
    return [
      link('Down', 'JobReferenceList', `${href}/jobs`),
      link('Down', 'RepositoryReferenceList', `${href}/repositories`),
      link('Down', 'CredentialsList', `${href}/credentials`),
      link('Down', 'PasswordKeyList', `${href}/passwords`),
      link('Alternate', 'BackupServer', entityHref(backupServers, server, ctx), server.name),
      link('Down', 'ManagedServerReferenceList', `${href}/managedServers`),
    ];
  },
  entityLinks(server, ctx) {
    const href = referenceHref(backupServers, server, ctx);
    return [
      link('Alternate', 'BackupServerReference', href, server.name),
      link('Edit', 'BackupServerReference', href),
      link('Delete', 'BackupServerReference', href),
      link('Down', 'JobReferenceList', `${href}/jobs`),
      link('Down', 'ManagedServerReferenceList', `${href}/managedServers`),
      link('Down', 'RepositoryReferenceList', `${href}/repositories`),
      link('Down', 'CredentialsList', `${href}/credentials`),
      link('Create', undefined, `${href}/credentials?action=create`),
      link('Down', 'PasswordKeyList', `${href}/passwords`),
      link('Create', undefined, `${href}/passwords?action=create`),
      link('VeeamZip', undefined, `${href}?action=veeamzip`),
      link('QuickBackup', undefined, `${href}?action=quickbackup`),
      link('Start', undefined, `${href}?action=collect`),
    ];
  },
  entityBody: (server) => [
    ...textElement('Description', server.description),
    ...textElement('Port', server.port),
    ...textElement('Version', server.version),
  ],
  listed: (ctx) => ctx.world.backupServers,
  inventory: listInventory((ctx) => ctx.world.backupServers),
  find: (id, ctx) => ctx.world.backupServerByUid(id),
  fields: {
    uid: { kind: 'string', get: (server) => urn('BackupServer', server.uid) },
    name: { kind: 'string', get: (server) => server.name },
    description: { kind: 'string', get: (server) => server.description },
    port: { kind: 'number', get: (server) => server.port },
    version: { kind: 'string', get: (server) => server.version },
  },
};

/** The `Up` link to a backup server that every cloud entity carries. */
export function backupServerUpLink(ctx: EmContext, serverIndex: number) {
  const server = ctx.world.backupServers[serverIndex] as BackupServer;
  return link('Up', 'BackupServerReference', apiUrl(ctx, `/backupServers/${server.uid}`), server.name);
}

/** Query fields that filter any cloud entity by its backup server. */
export function backupServerFields<T>(serverOf: (item: T, ctx: EmContext) => number) {
  const server = (item: T, ctx: EmContext) => ctx.world.backupServers[serverOf(item, ctx)] as BackupServer;
  return {
    backupserveruid: {
      kind: 'string',
      get: (item: T, ctx: EmContext) => urn('BackupServer', server(item, ctx).uid),
    },
    backupservername: { kind: 'string', get: (item: T, ctx: EmContext) => server(item, ctx).name },
  } as const;
}
