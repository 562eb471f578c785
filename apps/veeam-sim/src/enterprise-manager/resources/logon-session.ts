// The API root (GET /api/, no session needed) and the LogonSession body a logon returns.

import { element, textElement, type XmlElement } from '../../xml/xml-writer.ts';
import { apiUrl, EM_NAMESPACE, link, links, type EmContext } from '../em-xml.ts';
import type { LogonSession } from '../logon-sessions.ts';

export const SUPPORTED_VERSIONS = ['v1_5', 'v1_6', 'v1_7'] as const;

// The top-level collections a LogonSession links to, as in the documentation's logon example.
const DOWN_LINKS: readonly (readonly [type: string, path: string])[] = [
  ['BackupServerReferenceList', '/backupServers'],
  ['ManagedServerReferenceList', '/managedServers'],
  ['JobReferenceList', '/jobs'],
  ['FailoverPlanReferenceList', '/failoverPlans'],
  ['HierarchyRootReferenceList', '/hierarchyRoots'],
  ['RepositoryReferenceList', '/repositories'],
  ['BackupReferenceList', '/backups'],
  ['RestorePointReferenceList', '/restorePoints'],
  ['VmRestorePointReferenceList', '/vmRestorePoints'],
  ['VAppRestorePointReferenceList', '/vAppRestorePoints'],
  ['ReplicaReferenceList', '/replicas'],
  ['VmReplicaPointReferenceList', '/vmReplicaPoints'],
  ['CatalogVmReferenceList', '/catalog/vms'],
  ['BackupJobSessionReferenceList', '/backupSessions'],
  ['RestoreSessionReferenceList', '/restoreSessions'],
  ['ReplicaJobSessionReferenceList', '/replicaSessions'],
  ['BackupTaskSessionReferenceList', '/backupTaskSessions'],
  ['ReplicaTaskSessionReferenceList', '/replicaTaskSessions'],
  ['EnterpriseSecuritySettings', '/security'],
  ['WanAcceleratorReferenceList', '/wanAccelerators'],
  ['BackupFileReferenceList', '/backupFiles'],
  ['ExternalRepositoryReferenceList', '/externalRepositories'],
  ['TaskList', '/tasks'],
  ['QueryService', '/querySvc'],
  ['LookupService', '/lookupSvc'],
];
const ENTITY_LIST_LINKS: readonly (readonly [type: string, path: string])[] = [
  ['BackupServerList', '/backupServers'],
  ['ManagedServerList', '/managedServers'],
  ['JobList', '/jobs'],
  ['FailoverPlanList', '/failoverPlans'],
  ['HierarchyRootList', '/hierarchyRoots'],
  ['RepositoryList', '/repositories'],
  ['BackupList', '/backups'],
  ['RestorePointList', '/restorePoints'],
  ['VmRestorePointList', '/vmRestorePoints'],
  ['VAppRestorePointList', '/vAppRestorePoints'],
  ['ReplicaList', '/replicas'],
  ['VmReplicaPointList', '/vmReplicaPoints'],
  ['CatalogVmList', '/catalog/vms'],
  ['BackupJobSessionList', '/backupSessions'],
  ['RestoreSessionList', '/restoreSessions'],
  ['ReplicaJobSessionList', '/replicaSessions'],
  ['BackupTaskSessionList', '/backupTaskSessions'],
  ['ReplicaTaskSessionList', '/replicaTaskSessions'],
  ['WanAcceleratorList', '/wanAccelerators'],
];

export function enterpriseManagerRoot(ctx: Pick<EmContext, 'base'>): XmlElement {
  const create = (version: string) =>
    link('Create', 'LogonSession', `${ctx.base}/api/sessionMngr/?v=${version}`);
  return element(
    'EnterpriseManager',
    {
      'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      xmlns: EM_NAMESPACE,
    },
    [
      links([link('Down', 'LogonSessionList', `${ctx.base}/api/logonSessions`), create('latest')]),
      element(
        'SupportedVersions',
        undefined,
        SUPPORTED_VERSIONS.map((name) =>
          element('SupportedVersion', { Name: name }, [links([create(name)])]),
        ),
      ),
    ],
  );
}

export function logonSessionElement(
  session: LogonSession,
  ctx: Pick<EmContext, 'base'>,
  root: boolean,
): XmlElement {
  const api = (path: string) => apiUrl(ctx, path);
  const href = api(`/logonSessions/${session.sessionId}`);
  return element(
    'LogonSession',
    { xmlns: root ? EM_NAMESPACE : undefined, Type: 'LogonSession', Href: href },
    [
      links([
        link('Up', 'EnterpriseManager', api('/')),
        ...DOWN_LINKS.map(([type, path]) => link('Down', type, api(path))),
        link('Down', 'Report', api('/reports/summary'), 'Summary'),
        ...ENTITY_LIST_LINKS.slice(0, 2).map(([type, path]) =>
          link('Down', type, api(`${path}?format=Entity`)),
        ),
        link('Create', undefined, api('/backupServers?action=create')),
        ...ENTITY_LIST_LINKS.slice(2).map(([type, path]) => link('Down', type, api(`${path}?format=Entity`))),
        link('Down', 'VCloudService', api('/vCloud')),
        link('Down', 'BackupFileList', api('/backupFiles?format=Entity')),
        link('Down', 'AgentsService', api('/agents')),
        link('Down', 'VSphereSelfService', api('/selfService/vSphere')),
        link('Down', 'ExternalRepositoryList', api('/externalRepositories?format=Entity')),
        link('Down', 'NasService', api('/nas')),
        link('Delete', undefined, href),
      ]),
      ...textElement('UserName', session.userName),
      ...textElement('SessionId', session.sessionId),
    ],
  );
}
