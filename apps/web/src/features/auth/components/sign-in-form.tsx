import type { SessionInfo } from '@lifeboat/shared';
import { useId, useState, type FormEvent } from 'react';
import { errorMessage, isUnauthorized, isUnreachable } from '../../../lib/api-client.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { useLogin } from '../api/login.ts';

export const WRONG_CREDENTIALS = 'Wrong username or password';

function signInError(error: unknown): string {
  if (isUnauthorized(error)) return WRONG_CREDENTIALS;
  if (isUnreachable(error))
    return 'Cannot reach the Lifeboat server. Check that it is running and that you are online, then try again.';
  return errorMessage(error);
}

export function SignInForm({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const usernameId = useId();
  const passwordId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loginMutation.isPending) return;
    loginMutation.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (session) => onSignedIn(session),
        onError: () => setPassword(''),
      },
    );
  }

  const error = loginMutation.isError ? signInError(loginMutation.error) : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div role="alert">
        {error ? (
          <p className="flex items-start gap-2 rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm text-red-950">
            <Icon name="x" className="mt-0.5 size-4" />
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={usernameId} className="text-sm font-medium">
          Username
        </label>
        <input
          id={usernameId}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={100}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          className="rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={passwordId} className="text-sm font-medium">
          Password
        </label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          className="rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <Button type="submit" variant="primary" className="w-full py-2" aria-disabled={loginMutation.isPending}>
        Sign in
      </Button>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {loginMutation.isPending ? 'Signing in…' : ''}
      </p>
    </form>
  );
}
