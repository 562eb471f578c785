import type { KioskLink } from '@lifeboat/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { kioskLinksQueryKey } from './get-kiosk-links.ts';

/** POST /kiosk-links/{id}/revoke (admin): the displays signed in with it lose access at once. */
export const revokeKioskLink = (id: string): Promise<KioskLink> =>
  api.post<KioskLink>(`/kiosk-links/${encodeURIComponent(id)}/revoke`, {});

export const useRevokeKioskLink = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeKioskLink,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: kioskLinksQueryKey }),
  });
};
