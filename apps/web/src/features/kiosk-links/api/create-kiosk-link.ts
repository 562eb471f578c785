import type { CreatedKioskLink, CreateKioskLinkRequest } from '@lifeboat/shared';
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { kioskLinksQueryKey } from './get-kiosk-links.ts';

/** POST /kiosk-links (admin): 201 with the link and its token, which no other answer holds. */
export const createKioskLink = (body: CreateKioskLinkRequest): Promise<CreatedKioskLink> =>
  api.post<CreatedKioskLink>('/kiosk-links', body);

/**
 * The address a wall display opens. The token travels in the fragment, which browsers never send,
 * so it reaches no server or proxy log.
 */
export const kioskUrl = (origin: string, token: string) => `${origin}/wall#k=${token}`;

/**
 * The token stays in the mutation's result only (never in the query cache), and the result is
 * dropped as soon as nothing shows it (gcTime 0), so the address is shown once.
 */
export const createKioskLinkMutationOptions = (queryClient: QueryClient) =>
  mutationOptions({
    mutationFn: createKioskLink,
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: kioskLinksQueryKey }),
  });

export const useCreateKioskLink = () => useMutation(createKioskLinkMutationOptions(useQueryClient()));
