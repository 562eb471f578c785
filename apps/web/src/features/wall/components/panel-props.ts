import type { WallData } from '../api/wall-queries.ts';

/** What every panel of the wall is drawn from. */
export interface PanelProps {
  data: WallData;
  /** The current time (browser ms), ticking every second. */
  now: number;
  hideNames: boolean;
}
