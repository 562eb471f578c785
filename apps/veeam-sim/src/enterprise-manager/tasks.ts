// Enterprise Manager's tasks: what a plan action answers at once (202) for the client to poll at
// /api/tasks/{id}. A task belongs to the logon session that created it (Veeam: "tasks created ...
// within the currently existing logon session"), so only that session lists or reads it, and it goes
// when the session goes. It moves on the world clock: Running while Enterprise Manager hands the
// action to the backup server, OperationFinished once the server has taken it, Finished once
// Enterprise Manager has collected the result; then it links the session the action started.

import type { FailoverSession } from '../world/types.ts';
import { element, textElement, type XmlElement } from '../xml/xml-writer.ts';
import { apiUrl, EM_NAMESPACE, link, links, type EmContext } from './em-xml.ts';
import type { LogonSession } from './logon-sessions.ts';

export type TaskOperation = 'StartCloudFailoverPlan' | 'UndoCloudFailoverPlan';
export type TaskState = 'Running' | 'OperationFinished' | 'Finished';

export interface EmTask {
  /** `task-7`: numbered per Enterprise Manager, as in Veeam's examples. */
  readonly id: string;
  readonly operation: TaskOperation;
  readonly createdMs: number;
  /** The session the action started, linked once the task has finished. */
  readonly related: FailoverSession | undefined;
}

export interface EmTasks {
  create(owner: LogonSession, task: Pick<EmTask, 'operation' | 'createdMs' | 'related'>): EmTask;
  list(owner: LogonSession): EmTask[];
  find(owner: LogonSession, id: string): EmTask | undefined;
  remove(owner: LogonSession, id: string): boolean;
}

/** World time from the action to the backup server having it, and to Enterprise Manager knowing. */
const RUNNING_MS = 2_000;
const COLLECTING_MS = 3_000;

export function taskState(task: EmTask, atMs: number): TaskState {
  const elapsed = atMs - task.createdMs;
  if (elapsed < RUNNING_MS) return 'Running';
  return elapsed < RUNNING_MS + COLLECTING_MS ? 'OperationFinished' : 'Finished';
}

export function createEmTasks(): EmTasks {
  // Keyed by the logon session object, so an expired session's tasks are collected with it.
  const bySession = new WeakMap<LogonSession, Map<string, EmTask>>();
  let issued = 0;
  const tasksOf = (owner: LogonSession): Map<string, EmTask> => {
    let tasks = bySession.get(owner);
    if (!tasks) {
      tasks = new Map();
      bySession.set(owner, tasks);
    }
    return tasks;
  };
  return {
    create(owner, fields) {
      issued += 1;
      const task: EmTask = { id: `task-${issued}`, ...fields };
      tasksOf(owner).set(task.id, task);
      return task;
    },
    list: (owner) => [...tasksOf(owner).values()],
    find: (owner, id) => tasksOf(owner).get(id.toLowerCase()),
    remove: (owner, id) => tasksOf(owner).delete(id.toLowerCase()),
  };
}

/**
 * A `Task` as documented: a Delete link, and once Finished a Related link to the session started;
 * `Result` appears when the backup server has done its part ("OperationFinished", then "Ok").
 */
export function taskElement(task: EmTask, ctx: EmContext, root: boolean): XmlElement {
  const href = apiUrl(ctx, `/tasks/${task.id}`);
  const state = taskState(task, ctx.now);
  const related =
    state === 'Finished' && task.related
      ? [
          link(
            'Related',
            'CloudFailoverSession',
            apiUrl(ctx, `/cloud/failoverSessions/${task.related.uid}?format=Entity`),
            ctx.world.plans[task.related.plan]?.name,
          ),
        ]
      : [];
  return element('Task', { xmlns: root ? EM_NAMESPACE : undefined, Type: 'Task', Href: href }, [
    links([link('Delete', 'Task', href), ...related]),
    ...textElement('TaskId', task.id),
    ...textElement('State', state),
    ...textElement('Operation', task.operation),
    ...(state === 'Running'
      ? []
      : [
          element('Result', { Success: true }, [
            element('Message', undefined, [state === 'Finished' ? 'Ok' : 'OperationFinished']),
          ]),
        ]),
  ]);
}

/** `GET /api/tasks`: the logon session's tasks. */
export function taskList(tasks: readonly EmTask[], ctx: EmContext): XmlElement {
  return element(
    'Tasks',
    { xmlns: EM_NAMESPACE },
    tasks.map((task) => taskElement(task, ctx, false)),
  );
}
