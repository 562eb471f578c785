import { boundedText, checkedGuid } from '../values.ts';
import type { PlanAction } from '@lifeboat/shared';
import type { ActionParams, ActionReceipt } from '../connector.ts';
import type { UpstreamResponse } from '../http/transport.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { guidIn, link } from './normalize.ts';
import { failoverPlanActionPath, isTaskId } from './paths.ts';
import { RawTask } from './raw-schemas.ts';
import { parseEmXml } from './xml.ts';

const EM_NAMESPACE = 'http://www.veeam.com/ent/v1.0';

/** How much of an action's answer the receipt quotes. */
const EXCERPT_CHARS = 2_000;

/** One plan action as Enterprise Manager takes it: where it is POSTed, and its body (none when absent). */
export interface EmActionRequest {
  path: string;
  body?: { contentType: string; text: string };
}

const UNSUPPORTED: Readonly<Record<Exclude<PlanAction, 'failover' | 'undoFailover'>, string>> = {
  failback: 'failback',
  commitFailback: 'commit failback',
  undoFailback: 'undo failback',
};

/**
 * The request for an action on a cloud failover plan: failover is `?action=start` with a
 * CloudFailoverPlanManagementSpec, undo failover is `?action=undo` without a body. Cloud failover
 * plans have no failback (a per-replica operation of Backup & Replication), so those are refused
 * here, before anything is sent. Chained plans, a restore location and VM tags mean nothing to them.
 */
export function planActionRequest(planId: string, action: PlanAction, params: ActionParams): EmActionRequest {
  const id = checkedGuid(planId, 'a cloud failover plan');
  switch (action) {
    case 'failover':
      return {
        path: failoverPlanActionPath(id, 'start'),
        body: { contentType: 'application/xml', text: managementSpec(params) },
      };
    case 'undoFailover':
      return { path: failoverPlanActionPath(id, 'undo') };
    default:
      throw new UpstreamError(
        'http_status',
        `Enterprise Manager cloud failover plans have no ${UNSUPPORTED[action]}; nothing was sent`,
        400,
      );
  }
}

/** A time with its zone (ISO 8601), as the BFF validated it. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `<CloudFailoverPlanManagementSpec>` with exactly one of StartNow (each VM's latest restore point)
 * and StartDate (the latest created before it), as Veeam's example; element order matters to EM.
 */
function managementSpec(params: ActionParams): string {
  const rule = params.restorePoint;
  let choice = '<StartNow>true</StartNow>';
  if (rule && 'before' in rule) {
    const ms = ZONED_TIME.test(rule.before) ? Date.parse(rule.before) : NaN;
    if (!Number.isFinite(ms)) throw new UpstreamError('invalid_id', 'not a restore point time with its zone');
    // ISO in UTC: digits, dashes, colons, a dot and Z only, so nothing to escape.
    choice = `<StartDate>${new Date(ms).toISOString()}</StartDate>`;
  }
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<CloudFailoverPlanManagementSpec xmlns="${EM_NAMESPACE}">${choice}</CloudFailoverPlanManagementSpec>`
  );
}

/**
 * The receipt of an accepted action: the status, the body's start, and the Task's id. The action
 * was accepted, so an answer that cannot be read as a Task still makes a receipt (without a
 * correlation): never an error that would read as "not sent".
 */
export function actionReceipt(res: UpstreamResponse): ActionReceipt {
  let correlation: string | null = null;
  try {
    const task = RawTask.safeParse(parseEmXml(res.text).Task);
    if (task.success) correlation = taskIdOf(task.data);
  } catch {
    // Not XML: no task to name.
  }
  return { status: res.status, excerpt: res.text.slice(0, EXCERPT_CHARS), correlation };
}

/** The task's id: its TaskId, else the last segment of its Href; null when neither is a task id. */
function taskIdOf(task: RawTask): string | null {
  if (isTaskId(task.TaskId)) return task.TaskId.toLowerCase();
  const fromHref = task['@_Href']?.match(/\/tasks\/([^/?#]+)(?:[?#]|$)/)?.[1];
  return fromHref && isTaskId(fromHref) ? fromHref.toLowerCase() : null;
}

/** Where an Enterprise Manager task stands (`GET /api/tasks/{id}`). */
export interface EmTask {
  id: string;
  /** `Running`, then `OperationFinished` once the backup server has it, then `Finished`. */
  state: string;
  /** `StartCloudFailoverPlan` or `UndoCloudFailoverPlan`. */
  operation: string | null;
  /** The Result's Success, once the task has one; null before. */
  success: boolean | null;
  message: string | null;
  /** The failover session the action started (a start, once Finished); follow it with getFailoverSession. */
  failoverSessionId: string | null;
}

export function normalizeTask(body: Record<string, unknown>): EmTask {
  const parsed = RawTask.safeParse(body.Task);
  if (!parsed.success) throw new UpstreamError('malformed_response', 'response malformed: not a Task');
  const t = parsed.data;
  const id = taskIdOf(t);
  if (id === null)
    throw new UpstreamError('malformed_response', 'response malformed: the Task has no task id');
  const success = t.Result?.['@_Success'];
  return {
    id,
    state: boundedText(t.State),
    operation: t.Operation ? boundedText(t.Operation) : null,
    success: success === 'true' ? true : success === 'false' ? false : null,
    message: t.Result?.Message ? boundedText(t.Result.Message) : null,
    failoverSessionId: guidIn(link(t.Links, 'CloudFailoverSession')?.['@_Href'], 'failoverSessions'),
  };
}
