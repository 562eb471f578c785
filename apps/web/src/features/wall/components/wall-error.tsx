import { useEffect } from 'react';
import { WallMessage } from './wall-frame.tsx';

/** An unattended screen cannot be fixed by hand: after a render error it reloads itself. */
const RELOAD_AFTER_MS = 60_000;

/** The wall's error screen: a plain message (never a stack trace), then a reload. */
export function WallError() {
  useEffect(() => {
    const timer = setTimeout(() => location.reload(), RELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return <WallMessage title="The wall failed to display. It reloads itself in a minute." />;
}
