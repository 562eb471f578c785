// The world's clock: now() = start wall time + elapsed real time x speed. Everything time-dependent
// in the world (restore points arriving, sessions progressing) is computed from now() on demand,
// so no timers are needed and a changed speed or a jump applies everywhere at once.

import { performance } from 'node:perf_hooks';

export interface WorldClock {
  /** The world's start time (epoch ms): every generated time is relative to it. */
  readonly startMs: number;
  /** Current world time in epoch ms. */
  now(): number;
  readonly speed: number;
  /** Changes the speed from this moment on; time already elapsed is kept. 0 freezes the clock. */
  setSpeed(speed: number): void;
  /** Jumps the world forward (tests, demos): restore points due in the jump appear at once. */
  advance(ms: number): void;
}

export function createWorldClock(
  startMs: number,
  speed: number,
  realNow = () => performance.now(),
): WorldClock {
  assertSpeed(speed);
  let baseWorld = startMs;
  let baseReal = realNow();
  let currentSpeed = speed;
  const now = (): number => baseWorld + (realNow() - baseReal) * currentSpeed;
  const rebase = (): void => {
    baseWorld = now();
    baseReal = realNow();
  };
  return {
    startMs,
    now,
    get speed() {
      return currentSpeed;
    },
    setSpeed(next) {
      assertSpeed(next);
      rebase();
      currentSpeed = next;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      rebase();
      baseWorld += ms;
    },
  };
}

function assertSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed < 0)
    throw new RangeError(`speed must be a finite number >= 0, got ${speed}`);
}
