import { Badge, type Tone } from './badge.tsx';
import type { IconName } from './icons.tsx';

/** The lifecycle kiosk links and API tokens share; each call site checks its own enum still fits. */
export type CredentialState = 'active' | 'expired' | 'revoked';

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
