import type { KioskLinkList } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** The prefix of every kiosk-link query, to invalidate them all. */
export const kioskLinksQueryKey = ['kiosk-links'] as const;

/** GET /kiosk-links (admin): every link, newest first; never a token. */
export const getKioskLinks = (signal?: AbortSignal) =>
  api.get<KioskLinkList>('/kiosk-links', undefined, signal ? { signal } : {});

export const getKioskLinksQueryOptions = () =>
  queryOptions({
    queryKey: [...kioskLinksQueryKey, 'list'],
    queryFn: ({ signal }) => getKioskLinks(signal),
  });

export const useKioskLinks = () => useQuery(getKioskLinksQueryOptions());
