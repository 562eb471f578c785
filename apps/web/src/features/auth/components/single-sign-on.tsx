import type { SsoError } from '@lifeboat/shared';
import { Icon } from '../../../components/ui/icons.tsx';
import { apiUrl } from '../../../lib/api-client.ts';

/** What went wrong, in plain words, for each `sso_error` the server sends the browser back with. */
export const SSO_ERRORS: Record<SsoError, string> = {
  denied: 'The identity provider did not sign you in. Try again, or ask your administrator.',
  no_role:
    'You are signed in at the identity provider, but your account has no Lifeboat role. Ask your administrator to add you to a Lifeboat group.',
  name_taken:
    'Your single sign-on name is already a local Lifeboat user’s. Ask your administrator to rename one of them.',
  expired: 'That sign-in took too long, or was already used. Try again.',
  failed:
    'Single sign-on failed: the identity provider could not be reached, or its answer was refused. Try again, or ask your administrator.',
};

/** Why the last single sign-on failed (from the URL), or nothing. */
export function SsoFailure({ code }: { code: string | null }) {
  if (!code) return null;
  const message = Object.hasOwn(SSO_ERRORS, code) ? SSO_ERRORS[code as SsoError] : SSO_ERRORS.failed;
  return (
    <p
      role="alert"
      className="mb-4 flex items-start gap-2 rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm text-red-950"
    >
      <Icon name="x" className="mt-0.5 size-4 shrink-0" />
      {message}
    </p>
  );
}

/** A link to the identity provider (a full page load: the browser goes there and comes back). */
export function SsoSignIn({ name, next }: { name: string; next: string }) {
  return (
    <a
      href={apiUrl(`/auth/sso/start?next=${encodeURIComponent(next)}`)}
      className="flex w-full items-center justify-center rounded-md bg-sky-800 px-3 py-2 text-sm font-medium text-white hover:bg-sky-900"
    >
      Sign in with {name}
    </a>
  );
}
