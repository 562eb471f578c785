import type { ReactNode } from 'react';
import { typeScale } from './look.ts';

/**
 * The whole screen: dark, high contrast, never scrolling, no pointer (a wall has no one to use it).
 * Everything the wall shows sits in one of these.
 */
export function WallFrame({ children }: { children: ReactNode }) {
  return (
    <div
      className={`fixed inset-0 flex cursor-none flex-col overflow-hidden bg-slate-950 text-slate-50 select-none ${typeScale.body}`}
    >
      <title>Wall · Lifeboat</title>
      {children}
    </div>
  );
}

/** A screen with one message instead of the panels: no kiosk link, a revoked one, starting up. */
export function WallMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <WallFrame>
      <main className="flex flex-1 flex-col items-center justify-center gap-[2vw] p-[4vw] text-center">
        <h1 className={`max-w-[80vw] font-bold text-balance ${typeScale.hero}`}>{title}</h1>
        {children}
      </main>
    </WallFrame>
  );
}
