import type { KioskLink } from '@lifeboat/shared';
import { useState } from 'react';
import { Badge, type Tone } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState, LiveStatus, LoadFailure } from '../../../components/ui/feedback.tsx';
import type { IconName } from '../../../components/ui/icons.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useKioskLinks } from '../api/get-kiosk-links.ts';
import { useRevokeKioskLink } from '../api/revoke-kiosk-link.ts';

const states: Record<KioskLink['state'], { tone: Tone; icon: IconName; label: string }> = {
  active: { tone: 'ok', icon: 'check', label: 'Active' },
  expired: { tone: 'neutral', icon: 'clock', label: 'Expired' },
  revoked: { tone: 'bad', icon: 'x', label: 'Revoked' },
};

/** Revoke, behind a confirmation that says what it does. */
function RevokeControl({ link }: { link: KioskLink }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeKioskLink();
  if (link.state === 'revoked') return <Missing label="revoked" />;
  if (!confirming)
    return (
      <Button onClick={() => setConfirming(true)} aria-label={`Revoke ${link.name}`}>
        Revoke
      </Button>
    );
  return (
    <div className="flex max-w-72 flex-col gap-2">
      <p className="text-sm">
        Revoke “{link.name}”? Every display signed in with it loses access at once, and the link never works
        again.
      </p>
      <div className="flex gap-2">
        <Button
          variant="primary"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate(link.id, { onSuccess: () => setConfirming(false) })}
        >
          {revoke.isPending ? 'Revoking…' : 'Yes, revoke'}
        </Button>
        <Button disabled={revoke.isPending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      <div role="alert">
        {revoke.isError ? <p className="text-sm text-red-900">{errorMessage(revoke.error)}</p> : null}
      </div>
    </div>
  );
}

/** Every kiosk link: who made it when, until when it works, when a display last used it, its state. */
export function KioskLinkList() {
  const links = useKioskLinks();
  const items = links.data?.items;
  return (
    <div className="flex flex-col gap-3">
      <LiveStatus>
        {links.isPending ? 'Loading kiosk links…' : items ? `${items.length} kiosk links` : ''}
      </LiveStatus>
      <LoadFailure query={links} title="Could not load the kiosk links" />
      {items?.length === 0 ? (
        <EmptyState title="No kiosk links yet" hint="Create one above for each wall display." />
      ) : null}
      {items?.length ? (
        <DataTable caption="Kiosk links" busy={links.isFetching}>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>State</Th>
              <Th>Created by</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {items.map((link) => {
              const state = states[link.state];
              return (
                <tr key={link.id}>
                  <td className={tdClass}>
                    <Truncated text={link.name} className="max-w-64 font-medium" />
                  </td>
                  <td className={tdClass}>
                    <Badge tone={state.tone} icon={state.icon} label={state.label} />
                  </td>
                  <td className={tdClass}>
                    <Truncated text={link.createdBy} className="max-w-32" />
                  </td>
                  <td className={tdClass}>
                    <Time iso={link.createdAt} />
                  </td>
                  <td className={tdClass}>{link.expiresAt ? <Time iso={link.expiresAt} /> : 'Never'}</td>
                  <td className={tdClass}>
                    {link.lastUsedAt ? <Time iso={link.lastUsedAt} /> : <Missing label="never used" />}
                  </td>
                  <td className={tdClass}>
                    <RevokeControl link={link} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      ) : null}
    </div>
  );
}
