import type { ReplicaPoint } from '@lifeboat/shared';
import { KeptPoint, pointMs } from './kept-point.ts';

/**
 * A page of restore points as it crosses from a reading thread: in columns, not as objects. A
 * structured clone of a point object (and its `ref`) cost the serving thread about 1.7 µs to
 * read back, these columns about 0.13 µs a point; and the texts a page repeats (VM, replica and
 * server names, types, states) cross once.
 */
export interface PointColumns {
  ids: string[];
  /** Each point's time, in ms since the epoch. */
  timeMs: Float64Array;
  /** The page's distinct texts (and null), each once. */
  texts: (string | null)[];
  /** TEXTS.length indexes into `texts` per point, in the order of TEXTS. */
  fields: Uint32Array;
}

const TEXTS = [
  'vmName',
  'pointType',
  'nativeState',
  'replicaName',
  'replicaId',
  'backupServer',
  'tenant',
] as const;

/** Points of one source in columns (on the reading thread). */
export function toColumns(points: readonly ReplicaPoint[]): PointColumns {
  const texts: (string | null)[] = [];
  const at = new Map<string | null, number>();
  const fields = new Uint32Array(points.length * TEXTS.length);
  const timeMs = new Float64Array(points.length);
  points.forEach((p, i) => {
    timeMs[i] = pointMs(p);
    TEXTS.forEach((name, f) => {
      const text = p[name];
      let k = at.get(text);
      if (k === undefined) {
        k = texts.push(text) - 1;
        at.set(text, k);
      }
      fields[i * TEXTS.length + f] = k;
    });
  });
  return { ids: points.map((p) => p.id), timeMs, texts, fields };
}

/** The points again, of source `source` (on the serving thread). */
export function fromColumns({ ids, timeMs, texts, fields }: PointColumns, source: string): KeptPoint[] {
  const n = TEXTS.length;
  const text = (k: number) => texts[k] ?? null;
  return ids.map((id, i) => {
    const f = i * n;
    return new KeptPoint(
      id,
      source,
      texts[fields[f]!]!,
      timeMs[i]!,
      text(fields[f + 1]!),
      text(fields[f + 2]!),
      text(fields[f + 3]!),
      text(fields[f + 4]!),
      text(fields[f + 5]!),
      text(fields[f + 6]!),
    );
  });
}
