import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Rows kept above and below the visible ones. Few: the rows are rendered in the scroll event,
 * before the frame is painted, so none is ever blank; each extra row costs layout on every jump.
 */
const OVERSCAN = 1;
/** Rows rendered before the browser has measured anything (and on the server). */
const FIRST = 60;

interface Range {
  start: number;
  end: number;
}

/**
 * Which rows of a long table are on screen, for a table that scrolls with the window: only those
 * are rendered (plus OVERSCAN), so 100,000 rows cost a few dozen DOM rows. Rows have one fixed
 * height. Renders again only when the range changes.
 */
export function useWindowRows(
  body: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  enabled: boolean,
): Range {
  const [range, setRange] = useState<Range>(() => ({ start: 0, end: Math.min(count, FIRST) }));
  // The range last asked for, read by the scroll handler without re-subscribing on every change.
  const shown = useRef(range);
  useEffect(() => {
    if (!enabled) return;
    const measure = (): Range | null => {
      const top = body.current?.getBoundingClientRect().top ?? 0;
      const first = Math.floor(-top / rowHeight);
      const start = Math.max(0, Math.min(count, first - OVERSCAN));
      const end = Math.min(count, Math.max(0, first + Math.ceil(window.innerHeight / rowHeight) + OVERSCAN));
      const now = shown.current;
      if (now.start === start && now.end === end) return null;
      shown.current = { start, end };
      return shown.current;
    };
    // Scroll events come once a frame, before it is painted: the new rows are rendered at once
    // (flushSync) so that frame already shows them, never a blank stretch.
    const onScroll = () => {
      const next = measure();
      if (next) flushSync(() => setRange(next));
    };
    const first = measure();
    if (first) setRange(first);
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [body, count, rowHeight, enabled]);
  return enabled ? range : { start: 0, end: count };
}
