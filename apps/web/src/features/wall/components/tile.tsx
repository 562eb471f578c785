import { useId, type ReactNode } from 'react';
import { Icon } from '../../../components/ui/icons.tsx';
import { formatCount } from '../../../lib/format.ts';
import { ageText, type DataAge } from '../utils/data-age.ts';
import { frames, frameWidth, iconSize, typeScale, type Look } from './look.ts';

/** The age of a tile's data, ticking: "as of 14:03:07, 12 s ago". */
export function AgeLine({ age }: { age: DataAge | null }) {
  return (
    <p className={`flex items-center gap-[0.4vw] opacity-90 ${typeScale.small}`}>
      <Icon name="clock" className={iconSize.small} />
      {age ? <time dateTime={age.asOf}>{ageText(age)}</time> : <span>no data yet</span>}
    </p>
  );
}

/** A state as icon + word (the word alone carries the meaning). */
export function StateWord({
  look,
  className = typeScale.state,
  iconClassName = iconSize.state,
}: {
  look: Look;
  className?: string;
  iconClassName?: string;
}) {
  return (
    <p className={`flex items-center gap-[0.5vw] font-bold ${className}`}>
      <Icon name={look.icon} className={iconClassName} />
      <span className="min-w-0 break-words">{look.label}</span>
    </p>
  );
}

/**
 * One tile: an article named by its title, framed by its state's tone (or plainly), with its
 * state as icon + word, its content, and the age of its data at the foot.
 */
export function Tile({
  title,
  look,
  age,
  hero = false,
  className = '',
  children,
}: {
  title: string;
  /** The tile's own state; null for a tile that only holds others (its cells carry the states). */
  look: Look | null;
  age: DataAge | null;
  /** The one tile that answers "can we recover?": its state in the largest type. */
  hero?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const headingId = useId();
  return (
    <article
      aria-labelledby={headingId}
      data-tone={look?.tone ?? 'plain'}
      className={`flex min-h-0 min-w-0 flex-col gap-[0.6vw] overflow-hidden rounded-[0.6vw] p-[0.9vw] ${frameWidth} ${
        frames[look?.tone ?? 'plain']
      } ${className}`}
    >
      <h3 id={headingId} className={`truncate font-semibold ${typeScale.title}`}>
        {title}
      </h3>
      {look ? (
        hero ? (
          <StateWord look={look} className={typeScale.hero} iconClassName={iconSize.hero} />
        ) : (
          <StateWord look={look} />
        )
      ) : null}
      <div className={`flex min-h-0 flex-1 flex-col gap-[0.5vw] overflow-hidden ${typeScale.body}`}>
        {children}
      </div>
      <AgeLine age={age} />
    </article>
  );
}

/**
 * One count by state inside a tile: icon + word + number, framed by the state's tone while the
 * number is above zero (a zero is quiet: nothing to see there).
 */
export function StateCount({
  look,
  count,
  noun,
}: {
  look: Look;
  count: number;
  noun: [one: string, many: string];
}) {
  return (
    <li
      className={`flex min-w-0 flex-col justify-between gap-[0.3vw] rounded-[0.5vw] px-[0.7vw] py-[0.5vw] ${frameWidth} ${
        frames[count > 0 ? look.tone : 'quiet']
      }`}
    >
      <StateWord look={look} className={`leading-tight ${typeScale.body}`} />
      <p className="flex flex-wrap items-baseline gap-x-[0.4vw]">
        <span className={`leading-none font-bold tabular-nums ${typeScale.count}`}>{formatCount(count)}</span>
        <span className={typeScale.small}>{count === 1 ? noun[0] : noun[1]}</span>
      </p>
    </li>
  );
}
