import type { CredentialState } from '@lifeboat/shared';
import { Badge, type Tone } from './badge.tsx';
import type { IconName } from './icons.tsx';

const states: Record<CredentialState, { tone: Tone; icon: IconName; label: string }> = {
  active: { tone: 'ok', icon: 'check', label: 'Active' },
  expired: { tone: 'neutral', icon: 'clock', label: 'Expired' },
  revoked: { tone: 'bad', icon: 'x', label: 'Revoked' },
};

/** Whether a kiosk link or an API token still works, and if not, why. */
export function CredentialStateBadge({ state }: { state: CredentialState }) {
  const { tone, icon, label } = states[state];
  return <Badge tone={tone} icon={icon} label={label} />;
}
