import type { ApiToken } from '@lifeboat/shared';
import { CredentialList } from '../../../components/ui/credential-list.tsx';
import { RevokeControl } from '../../../components/ui/revoke-control.tsx';
import { useApiTokens } from '../api/get-api-tokens.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';
import { roleLabels } from './role-labels.ts';

/** Revoke, behind a confirmation; the scripts using the token are refused from then on. */
function RevokeApiToken({ token }: { token: ApiToken }) {
  const revoke = useRevokeApiToken();
  return (
    <RevokeControl
      name={token.name}
      revoked={token.state === 'revoked'}
      consequence="Every script using it is refused from its next request, and the token never works again."
      pending={revoke.isPending}
      error={revoke.error}
      onRevoke={(done) => revoke.mutate(token.id, { onSuccess: done })}
    />
  );
}

/** Every API token: its role, who made it when, until when it works, when a script last used it. */
export function ApiTokenList() {
  return (
    <CredentialList
      query={useApiTokens()}
      noun="API tokens"
      emptyHint="Create one above for each script."
      columns={[{ header: 'Role', cell: (token) => roleLabels[token.role] }]}
      revoke={(token) => <RevokeApiToken token={token} />}
    />
  );
}
