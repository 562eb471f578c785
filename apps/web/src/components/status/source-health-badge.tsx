import type { SourceHealth } from '@lifeboat/shared';
import { Badge, type Tone } from '../ui/badge.tsx';
import type { IconName } from '../ui/icons.tsx';

export const healthDisplay: Record<
  SourceHealth,
  { label: string; tone: Tone; icon: IconName; title: string }
> = {
  ok: { label: 'OK', tone: 'ok', icon: 'check', title: 'Last poll succeeded; data is fresh' },
  degraded: {
    label: 'Degraded',
    tone: 'warn',
    icon: 'alert',
    title: 'Serving the last good data, which is stale or partly unreadable',
  },
  down: { label: 'Down', tone: 'bad', icon: 'x', title: 'No usable data from this source' },
  auth_failed: {
    label: 'Sign-in refused',
    tone: 'bad',
    icon: 'lock',
    title:
      "The source refused Lifeboat's credentials; check its service account. The last good data is kept, marked stale",
  },
  disabled: { label: 'Disabled', tone: 'neutral', icon: 'pause', title: 'Configured off' },
};

export function SourceHealthBadge({ status }: { status: SourceHealth }) {
  const d = healthDisplay[status];
  return <Badge tone={d.tone} icon={d.icon} label={d.label} title={d.title} />;
}
