import type { CredentialState } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { CredentialStateBadge } from './credential-state.tsx';
import { EmptyState, LiveStatus, LoadFailure, type RetryableQuery } from './feedback.tsx';
import { DataTable, tdClass, Th } from './table.tsx';
import { Missing, Time, Truncated } from './values.tsx';

/** What a kiosk link and an API token both tell about themselves. */
interface Credential {
  id: string;
  name: string;
  state: CredentialState;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** A column a kind of credential adds after the name. */
export interface CredentialColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/**
 * Every credential of one kind: its name, state, who made it when, until when it works, when it
 * was last used, and a control to revoke it. `noun` is the kind, plural, as in a sentence
 * ("kiosk links"); capitalized, it is the table's caption.
 */
export function CredentialList<T extends Credential>({
  query,
  noun,
  emptyHint,
  columns = [],
  revoke,
}: {
  query: RetryableQuery & { isPending: boolean; data: { items: T[] } | undefined };
  noun: string;
  emptyHint: string;
  columns?: readonly CredentialColumn<T>[];
  /** A row's revoke control: an element of its own, so each row has its own pending state and error. */
  revoke: (item: T) => ReactNode;
}) {
  const items = query.data?.items;
  return (
    <div className="flex flex-col gap-3">
      <LiveStatus>{query.isPending ? `Loading ${noun}…` : items ? `${items.length} ${noun}` : ''}</LiveStatus>
      <LoadFailure query={query} title={`Could not load the ${noun}`} />
      {items?.length === 0 ? <EmptyState title={`No ${noun} yet`} hint={emptyHint} /> : null}
      {items?.length ? (
        <DataTable caption={noun.charAt(0).toUpperCase() + noun.slice(1)} busy={query.isFetching}>
          <thead>
            <tr>
              <Th>Name</Th>
              {columns.map((column) => (
                <Th key={column.header}>{column.header}</Th>
              ))}
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
            {items.map((item) => (
              <tr key={item.id}>
                <td className={tdClass}>
                  <Truncated text={item.name} className="max-w-64 font-medium" />
                </td>
                {columns.map((column) => (
                  <td key={column.header} className={tdClass}>
                    {column.cell(item)}
                  </td>
                ))}
                <td className={tdClass}>
                  <CredentialStateBadge state={item.state} />
                </td>
                <td className={tdClass}>
                  <Truncated text={item.createdBy} className="max-w-32" />
                </td>
                <td className={tdClass}>
                  <Time iso={item.createdAt} />
                </td>
                <td className={tdClass}>{item.expiresAt ? <Time iso={item.expiresAt} /> : 'Never'}</td>
                <td className={tdClass}>
                  {item.lastUsedAt ? <Time iso={item.lastUsedAt} /> : <Missing label="never used" />}
                </td>
                <td className={tdClass}>{revoke(item)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </div>
  );
}
