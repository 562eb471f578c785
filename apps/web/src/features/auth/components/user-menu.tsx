import type { User } from '@lifeboat/shared';
import { Button } from '../../../components/ui/button.tsx';
import { useLogout } from '../api/logout.ts';

/** Who is signed in, with which roles, and the Sign out button. */
export function UserMenu({ user }: { user: User }) {
  const logoutMutation = useLogout();
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span>
          Signed in as{' '}
          <strong className="inline-block max-w-40 truncate align-bottom" title={user.username}>
            {user.username}
          </strong>
        </span>
        <span className="sr-only">, roles:</span>
        {user.roles.map((role) => (
          <span key={role} className="rounded bg-slate-700 px-1.5 py-0.5 text-xs font-medium text-white">
            {role}
          </span>
        ))}
      </p>
      <Button
        variant="secondary"
        onClick={() => logoutMutation.mutate()}
        disabled={logoutMutation.isPending || logoutMutation.isSuccess}
      >
        {logoutMutation.isPending ? 'Signing out…' : 'Sign out'}
      </Button>
    </div>
  );
}
