import {
  DecisionRequest,
  FailbackRequest,
  FailoverRequest,
  IDEMPOTENCY_HEADER,
  OperationQuery,
  PlainActionRequest,
  type PlanAction,
} from '@lifeboat/shared';
import type { IRouter } from 'express';
import { actorOf } from '../middleware/session.ts';
import { z } from 'zod';
import { decideOperation } from '../../actions/decide-operation.ts';
import { getOperation, listOperations } from '../../actions/list-operations.ts';
import type { OperationDeps } from '../../actions/operation-deps.ts';
import { assertOperator, requestPlanAction, type ActionRequest } from '../../actions/request-plan-action.ts';
import { InputError } from '../../errors.ts';
import { sendJson } from '../send-json.ts';

const PlanId = z.string().regex(/^[a-z0-9-]{1,63}\.[A-Za-z0-9-]{1,64}$/, 'not a valid id');
const OperationId = z.uuid('not a valid operation id');
const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'must be 8 to 128 letters, digits or _ . : -');

/** Each action's path, body schema and the parameters it sends upstream. */
const ACTIONS: {
  path: string;
  action: PlanAction;
  body: z.ZodType;
  params: (b: never) => ActionRequest['params'];
}[] = [
  {
    path: 'failover',
    action: 'failover',
    body: FailoverRequest,
    params: (b: FailoverRequest) => ({
      restorePoint: b.restorePoint,
      executeChainedPlans: b.executeChainedPlans,
    }),
  },
  {
    path: 'failback',
    action: 'failback',
    body: FailbackRequest,
    params: (b: FailbackRequest) => ({
      ...(b.restoreLocationId ? { restoreLocationId: b.restoreLocationId } : {}),
      failbackRestoreVMTags: b.failbackRestoreVMTags,
    }),
  },
  { path: 'undo-failover', action: 'undoFailover', body: PlainActionRequest, params: () => ({}) },
  { path: 'commit-failback', action: 'commitFailback', body: PlainActionRequest, params: () => ({}) },
  { path: 'undo-failback', action: 'undoFailback', body: PlainActionRequest, params: () => ({}) },
];

/** Whether a path is a plan action's, for the 405 an action URL gives to another method. */
export const isActionPath = (path: string) =>
  ACTIONS.some((a) => new RegExp(`^/plans/[^/]+/${a.path}$`).test(path));

/** The write side: plan actions (202 with the operation), operations, approvals. */
export function operationRoutes(r: IRouter, deps: OperationDeps) {
  for (const a of ACTIONS) {
    r.post(`/plans/:id/${a.path}`, async (req, res) => {
      const planId = PlanId.parse(req.params.id);
      await assertOperator(deps, actorOf(req), a.action, planId);
      const header = req.get(IDEMPOTENCY_HEADER);
      if (!header)
        throw new InputError(`Send an ${IDEMPOTENCY_HEADER} header, new for each intended action.`);
      const key = IdempotencyKey.safeParse(header);
      if (!key.success) throw new InputError(`${IDEMPOTENCY_HEADER} ${key.error.issues[0]?.message}`);
      const body = a.body.parse(req.body) as PlainActionRequest;
      const { operation } = await requestPlanAction(deps, actorOf(req), {
        action: a.action,
        planId,
        idempotencyKey: key.data,
        params: a.params(body as never),
        reason: body.reason,
        ticket: body.ticket,
        confirmPlanName: body.confirmPlanName,
        password: body.password,
      });
      res.status(202).location(`/api/v1/operations/${operation.id}`).json(operation);
    });
  }
  r.get('/operations', async (req, res) => {
    sendJson(res, await listOperations(deps, OperationQuery.parse(req.query)));
  });
  r.get('/operations/:id', async (req, res) => {
    res.json(await getOperation(deps, OperationId.parse(req.params.id)));
  });
  for (const decision of ['approve', 'reject'] as const) {
    r.post(`/operations/:id/${decision}`, async (req, res) => {
      const body = DecisionRequest.parse(req.body ?? {});
      res.json(
        await decideOperation(deps, actorOf(req), OperationId.parse(req.params.id), decision, body.reason),
      );
    });
  }
}
