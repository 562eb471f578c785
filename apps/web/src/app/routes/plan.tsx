import { useParams } from 'react-router';
import { useSession } from '../../features/auth/api/get-session.ts';
import { PlanOperations } from '../../features/operations/components/plan-operations.tsx';
import { PlanDetail } from '../../features/plans/components/plan-detail.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';
import { paths } from '../paths.ts';

export function PlanRoute() {
  const { id = '' } = useParams();
  const sources = useSourceLabels();
  const session = useSession();
  // Only an operator gets the action buttons; the server checks the role again on every request.
  const isOperator = session.data?.user.roles.includes('operator') ?? false;
  return (
    <>
      <title>Recovery plan · Lifeboat</title>
      {/* key: a different plan starts from a clean state */}
      <PlanDetail
        key={id}
        id={id}
        sourceName={sources.nameOf}
        actionPath={isOperator ? (action) => paths.planAction(id, action) : undefined}
        afterActions={(plan) => (
          <PlanOperations
            planId={plan.id}
            operationPath={paths.operation}
            operationsPath={paths.operations}
          />
        )}
      />
    </>
  );
}
