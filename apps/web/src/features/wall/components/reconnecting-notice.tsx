import { Icon } from '../../../components/ui/icons.tsx';
import { formatDuration } from '../../../lib/format.ts';
import { wallClock } from '../utils/data-age.ts';
import { iconSize, typeScale } from './look.ts';

/**
 * The BFF (or the live connection to it) is away: the screen keeps the last data it received and
 * says since when. An alert, so it is announced when it appears; the ticking "ago" is left out of
 * what is announced (the time says the same once).
 */
export function ReconnectingNotice({ lastSuccessAt, now }: { lastSuccessAt: number; now: number }) {
  return (
    <div
      role="alert"
      className="flex min-w-0 items-center gap-[1vw] rounded-[0.6vw] border-[length:max(3px,0.22vw)] border-double border-amber-300 bg-amber-950 px-[1.2vw] py-[0.4vw] text-amber-50"
    >
      <Icon name="alert" className={iconSize.state} />
      <p className={`font-bold ${typeScale.state}`}>Reconnecting…</p>
      <p className={`min-w-0 ${typeScale.body}`}>
        {lastSuccessAt > 0 ? (
          <>
            Last update at{' '}
            <time dateTime={new Date(lastSuccessAt).toISOString()}>{wallClock(lastSuccessAt)}</time>
            <span aria-hidden="true">, {formatDuration((now - lastSuccessAt) / 1000) ?? '0 s'} ago</span>.
          </>
        ) : (
          'No data received yet.'
        )}
      </p>
    </div>
  );
}
