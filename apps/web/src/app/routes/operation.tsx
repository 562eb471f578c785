import { useParams } from 'react-router';
import { useSession } from '../../features/auth/api/get-session.ts';
import { OperationDetail } from '../../features/operations/components/operation-detail.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';
import { paths } from '../paths.ts';

export function OperationRoute() {
  const { id = '' } = useParams();
  const sources = useSourceLabels();
  const user = useSession().data?.user;
  // The app layout renders pages only once the session is known.
  if (!user) return null;
  return (
    <>
      <title>Operation · Lifeboat</title>
      {/* key: a different operation starts from a clean state */}
      <OperationDetail key={id} id={id} user={user} planPath={paths.plan} sourceName={sources.nameOf} />
    </>
  );
}
