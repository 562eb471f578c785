// /api/cloud/failoverSessions: one session per start or undo of a cloud failover plan, with a task
// per VM. The collection lists only the last 30 days (as documented); the query service and the
// entity URLs reach older sessions too.

import type { FailoverPlan, FailoverSession } from '../../world/types.ts';
import type { TaskSnapshot } from '../../world/session-lifecycle.ts';
import { element, textElement, type XmlElement } from '../../xml/xml-writer.ts';
import { apiUrl, pointName, urn, utc, link, type EmContext } from '../em-xml.ts';
import { backupServerFields, backupServerUpLink } from './backup-servers.ts';
import { entityHref, listInventory, referenceHref, type EmResource } from './resource.ts';

const LISTED_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;
const STATES = ['Starting', 'Stopping', 'Working', 'Stopped'] as const;
/** Enterprise Manager orders results Success < Warning < Failed; None (running) comes first. */
const RESULTS = ['None', 'Success', 'Warning', 'Failed'] as const;

const planOf = (session: FailoverSession, ctx: EmContext) => ctx.world.plans[session.plan] as FailoverPlan;

export const failoverSessions: EmResource<FailoverSession> = {
  type: 'CloudFailoverSession',
  plural: 'CloudFailoverSessions',
  path: '/cloud/failoverSessions',
  idOf: (session) => session.uid,
  nameOf: (session, ctx) => planOf(session, ctx).name,
  referenceLinks: (session, ctx) => [
    backupServerUpLink(ctx, planOf(session, ctx).backupServer),
    link(
      'Alternate',
      'CloudFailoverSession',
      entityHref(failoverSessions, session, ctx),
      planOf(session, ctx).name,
    ),
  ],
  entityLinks: (session, ctx) => [
    backupServerUpLink(ctx, planOf(session, ctx).backupServer),
    link(
      'Alternate',
      'CloudFailoverSessionReference',
      referenceHref(failoverSessions, session, ctx),
      planOf(session, ctx).name,
    ),
  ],
  entityBody(session, ctx) {
    const snapshot = ctx.world.sessionAt(session, ctx.now);
    return [
      ...textElement('JobType', 'FailoverPlan'),
      ...textElement('CreationTimeUTC', utc(session.createdMs)),
      ...textElement('EndTimeUTC', snapshot.endMs === undefined ? undefined : utc(snapshot.endMs)),
      ...textElement('State', snapshot.state),
      ...textElement('Result', snapshot.result),
      ...textElement('Progress', snapshot.progress),
      ...textElement('FailureMessage', snapshot.failureMessage),
      element(
        'CloudFailoverTasks',
        undefined,
        snapshot.tasks.map((task) => taskElement(task, ctx)),
      ),
    ];
  },
  listed: (ctx) =>
    ctx.world.sessions.filter((session) => session.createdMs >= ctx.now - LISTED_DAYS * DAY_MS),
  inventory: listInventory((ctx) => ctx.world.sessions),
  find: (id, ctx) => ctx.world.sessionByUid(id),
  fields: {
    uid: { kind: 'string', get: (session) => urn('CloudFailoverSession', session.uid) },
    name: { kind: 'string', get: (session, ctx) => planOf(session, ctx).name },
    type: { kind: 'string', get: () => 'CloudFailoverSession' },
    creationtime: { kind: 'date', get: (session) => session.createdMs },
    endtime: { kind: 'date', get: (session, ctx) => ctx.world.sessionAt(session, ctx.now).endMs },
    state: {
      kind: 'enum',
      values: STATES,
      get: (session, ctx) => ctx.world.sessionAt(session, ctx.now).state,
    },
    result: {
      kind: 'enum',
      values: RESULTS,
      get: (session, ctx) => ctx.world.sessionAt(session, ctx.now).result,
    },
    failuremessage: {
      kind: 'string',
      get: (session, ctx) => ctx.world.sessionAt(session, ctx.now).failureMessage,
    },
    ...backupServerFields<FailoverSession>((session, ctx) => planOf(session, ctx).backupServer),
  },
};

function taskElement(task: TaskSnapshot, ctx: EmContext): XmlElement {
  const pointLink = task.point
    ? [
        element('VmReplicaPointLink', {
          Rel: 'Related',
          Type: 'CloudVmReplicaPointReference',
          Href: apiUrl(ctx, `/cloud/vmReplicaPoints/${task.point.uid}`),
          Name: pointName(task.vm.name, task.point.creationMs),
        }),
      ]
    : [];
  return element('CloudFailoverTasks', { VmName: task.vm.name }, [
    ...pointLink,
    ...textElement('CreationTimeUTC', utc(task.createdMs)),
    ...textElement('EndTimeUTC', task.endMs === undefined ? undefined : utc(task.endMs)),
    ...textElement('State', task.state),
    ...textElement('Result', task.result),
    ...textElement('Progress', task.progress),
    ...textElement('FailureMessage', task.failureMessage),
  ]);
}
