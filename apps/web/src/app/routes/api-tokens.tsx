import { useSession } from '../../features/auth/api/get-session.ts';
import { ApiTokenList } from '../../features/api-tokens/components/api-token-list.tsx';
import { CreateApiToken } from '../../features/api-tokens/components/create-api-token.tsx';

export function ApiTokensRoute() {
  const isAdmin = useSession().data?.user.roles.includes('admin') ?? false;
  return (
    <>
      <title>API tokens · Lifeboat</title>
      <h1 className="text-2xl font-bold">API tokens</h1>
      {isAdmin ? (
        <>
          <p className="max-w-prose text-sm text-slate-700">
            An API token lets a script call Lifeboat&apos;s API as{' '}
            <code className="font-mono">Authorization: Bearer</code>, with one role, until it expires or you
            revoke it. Revoking a token refuses the next request made with it.
          </p>
          <CreateApiToken />
          <ApiTokenList />
        </>
      ) : (
        <p className="max-w-prose">Only an admin can manage API tokens.</p>
      )}
    </>
  );
}
