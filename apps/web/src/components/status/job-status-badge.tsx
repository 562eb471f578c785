import type { JobStatus } from '@lifeboat/shared';
import { Badge, type Tone } from '../ui/badge.tsx';
import type { IconName } from '../ui/icons.tsx';

export const jobStatusDisplay: Record<JobStatus, { label: string; tone: Tone; icon: IconName }> = {
  success: { label: 'Success', tone: 'ok', icon: 'check' },
  warning: { label: 'Warning', tone: 'warn', icon: 'alert' },
  failed: { label: 'Failed', tone: 'bad', icon: 'x' },
  running: { label: 'Running', tone: 'info', icon: 'spinner' },
  disabled: { label: 'Disabled', tone: 'neutral', icon: 'pause' },
  none: { label: 'No result', tone: 'neutral', icon: 'minus' },
  unknown: { label: 'Unknown', tone: 'neutral', icon: 'question' },
};

/** A replication job's last known outcome; the upstream's own word is in the title. */
export function JobStatusBadge({ status, native }: { status: JobStatus; native?: string | null }) {
  const d = jobStatusDisplay[status];
  return (
    <Badge
      tone={d.tone}
      icon={d.icon}
      label={d.label}
      title={native ? `Upstream status: ${native}` : undefined}
      iconClassName={status === 'running' ? 'size-3.5 motion-safe:animate-spin' : undefined}
    />
  );
}
