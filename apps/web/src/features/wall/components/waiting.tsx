import { Icon } from '../../../components/ui/icons.tsx';
import { iconSize, typeScale } from './look.ts';

/** A panel whose data has not arrived yet (the wall is never blank). */
export function Waiting() {
  return (
    <p className={`flex h-full items-center justify-center gap-[1vw] text-slate-200 ${typeScale.state}`}>
      <Icon name="clock" className={iconSize.state} />
      Waiting for data…
    </p>
  );
}
