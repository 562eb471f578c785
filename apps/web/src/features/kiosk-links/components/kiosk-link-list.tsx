import type { KioskLink } from '@lifeboat/shared';
import { CredentialList } from '../../../components/ui/credential-list.tsx';
import { RevokeControl } from '../../../components/ui/revoke-control.tsx';
import { useKioskLinks } from '../api/get-kiosk-links.ts';
import { useRevokeKioskLink } from '../api/revoke-kiosk-link.ts';

/** Revoke, behind a confirmation; the displays signed in with the link lose access at once. */
function RevokeKioskLink({ link }: { link: KioskLink }) {
  const revoke = useRevokeKioskLink();
  return (
    <RevokeControl
      name={link.name}
      revoked={link.state === 'revoked'}
      consequence="Every display signed in with it loses access at once, and the link never works again."
      pending={revoke.isPending}
      error={revoke.error}
      onRevoke={(done) => revoke.mutate(link.id, { onSuccess: done })}
    />
  );
}

/** Every kiosk link: who made it when, until when it works, when a display last used it, its state. */
export function KioskLinkList() {
  return (
    <CredentialList
      query={useKioskLinks()}
      noun="kiosk links"
      emptyHint="Create one above for each wall display."
      revoke={(link) => <RevokeKioskLink link={link} />}
    />
  );
}
