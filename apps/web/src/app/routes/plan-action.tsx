import { Link, useParams } from 'react-router';
import { planActionDisplay, planActionOfSegment } from '../../components/status/plan-action.ts';
import { LiveStatus, LoadFailure } from '../../components/ui/feedback.tsx';
import { isNotFound } from '../../lib/api-client.ts';
import { useSession } from '../../features/auth/api/get-session.ts';
import { ActionWorkflow } from '../../features/operations/components/action-workflow.tsx';
import { usePlan } from '../../features/plans/api/get-plan.ts';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';
import { paths } from '../paths.ts';
import { NotFoundRoute } from './not-found.tsx';

const linkClass = 'text-sm font-medium text-sky-900 underline';

/** /plans/:id/:action: the workflow of one action on one plan, for an operator. */
export function PlanActionRoute() {
  const { id = '', action: segment } = useParams();
  const action = planActionOfSegment(segment);
  const sources = useSourceLabels();
  const session = useSession();
  const plan = usePlan({ id });
  if (!action) return <NotFoundRoute />;
  const display = planActionDisplay[action];
  const isOperator = session.data?.user.roles.includes('operator') ?? false;
  const data = plan.data;
  const back = (
    <p>
      <Link to={paths.plan(id)} className={linkClass}>
        Back to the plan
      </Link>
    </p>
  );

  if (!isOperator) {
    return (
      <>
        <title>{`${display.button} · Lifeboat`}</title>
        {back}
        <h1 className="text-2xl font-bold">{display.button}</h1>
        <p className="max-w-prose">
          Only an operator can request this. Your roles allow you to look, not to act.
        </p>
      </>
    );
  }
  if (plan.isError && !data && isNotFound(plan.error)) {
    return (
      <>
        <title>Plan not found · Lifeboat</title>
        <h1 className="text-2xl font-bold">Recovery plan not found</h1>
        <p>
          No recovery plan has the id <code className="break-all">{id}</code>.
        </p>
        <p>
          <Link to={paths.plans} className={linkClass}>
            Back to plans
          </Link>
        </p>
      </>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <title>{`${display.button} · Lifeboat`}</title>
      {back}
      <div>
        <p className="text-sm font-medium text-slate-700">{display.button}</p>
        <h1 className="text-2xl font-bold break-words">{data ? data.item.name : 'Recovery plan'}</h1>
      </div>
      <LiveStatus>
        {plan.isPending ? 'Loading the plan…' : plan.isError && !data ? 'Failed to load the plan.' : ''}
      </LiveStatus>
      <LoadFailure query={plan} title="Could not load this plan" />
      {data ? (
        <ActionWorkflow
          key={`${id}/${action}`}
          envelope={data}
          receivedAt={plan.dataUpdatedAt}
          action={action}
          sourceName={sources.nameOf}
          planPath={paths.plan(id)}
          operationPath={paths.operation}
          requireApproval={session.data?.policy.requireApproval ?? true}
        />
      ) : null}
    </div>
  );
}
