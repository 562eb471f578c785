import { useIsMutating } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { ErrorPanel, LiveStatus } from '../../components/ui/feedback.tsx';
import { ThemeSwitch } from '../../components/ui/theme-switch.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';
import { SourceNamesProvider } from '../../lib/source-names.tsx';
import { logoutMutationKey } from '../../features/auth/api/logout.ts';
import { UserMenu } from '../../features/auth/components/user-menu.tsx';
import { SourcesBanner } from '../../features/sources/components/sources-banner.tsx';
import { signInPath } from '../../lib/navigation.ts';
import { LiveIndicator, useLiveUpdates } from '../live-updates.tsx';

const nav = [
  { to: '/', label: 'Overview', end: true },
  { to: '/plans', label: 'Plans', end: false },
  { to: '/failover-sessions', label: 'Failover sessions', end: false },
  { to: '/replication-jobs', label: 'Replication jobs', end: false },
  { to: '/replica-points', label: 'Replica points', end: false },
  { to: '/rpo', label: 'RPO', end: false },
  { to: '/operations', label: 'Operations', end: false },
];
/** Only for an admin: the audit trail, the wall displays' kiosk links and the scripts' API tokens. */
const adminNav = [
  { to: '/audit', label: 'Audit', end: false },
  { to: '/kiosk-links', label: 'Kiosk links', end: false },
  { to: '/api-tokens', label: 'API tokens', end: false },
];

function SkipLink() {
  return (
    <a
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
      className="sr-only z-50 rounded-md bg-white px-3 py-2 font-semibold text-sky-900 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
    >
      Skip to main content
    </a>
  );
}

/** The page, told the sources' display names (asked for only once signed in). */
function Page() {
  const sources = useSourceLabels();
  return (
    <SourceNamesProvider nameOf={sources.nameOf}>
      <Outlet />
    </SourceNamesProvider>
  );
}

/** The signed-in shell: skip link, navigation, user and Sign out, the sources banner, the page. */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const signingOut = useIsMutating({ mutationKey: logoutMutationKey }) > 0;
  // One event stream for the whole app, open while someone is signed in.
  const live = useLiveUpdates(Boolean(session.data) && !signingOut);

  if (session.data === null) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}${location.hash}`)} replace />;
  }

  if (!session.data) {
    return (
      <main id="main" tabIndex={-1} className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-16">
        <h1 className="text-2xl font-bold">Lifeboat</h1>
        <LiveStatus>
          {session.isPending ? 'Checking your session…' : 'Could not check your session.'}
        </LiveStatus>
        {session.isError ? (
          <ErrorPanel
            title="Could not check your session"
            error={session.error}
            onRetry={() => void session.refetch()}
            retrying={session.isFetching}
          />
        ) : null}
      </main>
    );
  }

  const { user } = session.data;
  const items = user.roles.includes('admin') ? [...nav, ...adminNav] : nav;
  return (
    <div className="min-h-screen">
      <SkipLink />
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-[120rem] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link to="/" className="rounded text-lg font-bold tracking-tight focus-visible:outline-white">
            Lifeboat
          </Link>
          <nav aria-label="Main" className="flex-1">
            <ul className="flex flex-wrap gap-1">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.end}
                    className={({ isActive }) =>
                      `block rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-white ${
                        isActive ? 'bg-white text-slate-900' : 'text-slate-100 hover:bg-slate-700'
                      }`
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <LiveIndicator status={live} />
          <ThemeSwitch />
          <UserMenu user={user} />
        </div>
      </header>
      <SourcesBanner />
      <main id="main" tabIndex={-1} className="mx-auto flex max-w-[120rem] flex-col gap-4 px-4 py-6">
        <Page />
      </main>
    </div>
  );
}
