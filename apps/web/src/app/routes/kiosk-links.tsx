import { useSession } from '../../features/auth/api/get-session.ts';
import { CreateKioskLink } from '../../features/kiosk-links/components/create-kiosk-link.tsx';
import { KioskLinkList } from '../../features/kiosk-links/components/kiosk-link-list.tsx';

export function KioskLinksRoute() {
  const isAdmin = useSession().data?.user.roles.includes('admin') ?? false;
  return (
    <>
      <title>Kiosk links · Lifeboat</title>
      <h1 className="text-2xl font-bold">Kiosk links</h1>
      {isAdmin ? (
        <>
          <p className="max-w-prose text-sm text-slate-700">
            A kiosk link signs a wall display in read-only, with no idle timeout, until it expires or you
            revoke it. Revoking a link ends the access of every display signed in with it at once.
          </p>
          <CreateKioskLink />
          <KioskLinkList />
        </>
      ) : (
        <p className="max-w-prose">Only an admin can manage kiosk links.</p>
      )}
    </>
  );
}
