import { useSession } from '../../features/auth/api/get-session.ts';
import { AuditList } from '../../features/audit/components/audit-list.tsx';

export function AuditRoute() {
  const isAdmin = useSession().data?.user.roles.includes('admin') ?? false;
  return (
    <>
      <title>Audit trail · Lifeboat</title>
      <h1 className="text-2xl font-bold">Audit trail</h1>
      {isAdmin ? (
        <>
          <p className="max-w-prose text-sm text-slate-700">
            Every sign-in, request, approval, rejection, upstream answer and result, in order. The records are
            hash-chained, so a changed or missing record shows.
          </p>
          <AuditList />
        </>
      ) : (
        <p className="max-w-prose">Only an admin can read the audit trail.</p>
      )}
    </>
  );
}
