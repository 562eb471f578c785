import { Slices } from '../in-slices.ts';
import type { KeptPoint } from './kept-point.ts';

/** 64 shards: 1,000,000 points make shards of about 16,000. */
const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;
/** A shard's table is doubled before it is more than half full. */
const FIRST_SLOTS = 16;
const EMPTY = -1;

/**
 * Kept points by id, a million of them at `large`, holding no id: a point makes its id when read
 * (`KeptPoint`), so a Map keyed by ids would hold a million strings, one more object per point for
 * every full collection to mark. Each shard keeps its points in an array and finds them through a
 * table of their positions (open addressing, linear probing) by a hash of the id; the tables and
 * hashes are typed arrays, which a collection does not look into. The points are spread over
 * SHARDS shards so that a table doubling copies a sixty-fourth of them (a Map of 524,288 entries
 * held the serving thread 85 to 250 ms doing so). It iterates shard by shard, in no given order.
 */
export class KeptPoints implements Iterable<KeptPoint> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Shard());

  get size(): number {
    let n = 0;
    for (const shard of this.shards) n += shard.points.length;
    return n;
  }

  get(id: string): KeptPoint | undefined {
    const h = hashOf(id);
    const shard = this.shardOf(h);
    const slot = shard.find(h, id);
    return slot === EMPTY ? undefined : shard.points[shard.slots[slot]!];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Keeps `p`, in place of the point with its id if there is one. */
  set(p: KeptPoint): this {
    const id = p.id;
    const h = hashOf(id);
    this.shardOf(h).set(h, id, p);
    return this;
  }

  delete(id: string): boolean {
    const h = hashOf(id);
    return this.shardOf(h).delete(h, id);
  }

  /**
   * The points in one array, giving way between shards: a million at once held the serving thread
   * 57 ms, and through the generator below took several times as long.
   */
  async valuesArray(): Promise<KeptPoint[]> {
    const all = new Array<KeptPoint>(this.size);
    let i = 0;
    const slices = new Slices();
    for (const shard of this.shards) {
      for (const p of shard.points) all[i++] = p;
      if (slices.due(1)) await slices.next();
    }
    return all;
  }

  /** Each point; the one being visited may be deleted meanwhile (a shard is walked from its end). */
  *[Symbol.iterator](): IterableIterator<KeptPoint> {
    for (const shard of this.shards) {
      for (let i = shard.points.length - 1; i >= 0; i--) yield shard.points[i]!;
    }
  }

  values(): IterableIterator<KeptPoint> {
    return this[Symbol.iterator]();
  }

  private shardOf(h: number): Shard {
    return this.shards[h & (SHARDS - 1)]!;
  }
}

/** Points in an array; `slots` holds their positions in it, at the place their hash names. */
class Shard {
  points: KeptPoint[] = [];
  /** hashes[i]: the hash of points[i]'s id, kept so that a table is rebuilt without making ids. */
  hashes = new Int32Array(FIRST_SLOTS / 2);
  slots = new Int32Array(FIRST_SLOTS).fill(EMPTY);

  /** The slot holding the point with this id, or EMPTY. */
  find(h: number, id: string): number {
    const mask = this.slots.length - 1;
    for (let s = start(h, mask); ; s = (s + 1) & mask) {
      const i = this.slots[s]!;
      if (i === EMPTY) return EMPTY;
      if (this.hashes[i] === h && this.points[i]!.id === id) return s;
    }
  }

  set(h: number, id: string, p: KeptPoint): void {
    const found = this.find(h, id);
    if (found !== EMPTY) {
      this.points[this.slots[found]!] = p;
      return;
    }
    const i = this.points.length;
    if (2 * (i + 1) > this.slots.length) this.grow();
    this.points.push(p);
    this.hashes[i] = h;
    this.place(h, i);
  }

  delete(h: number, id: string): boolean {
    const found = this.find(h, id);
    if (found === EMPTY) return false;
    const i = this.slots[found]!;
    this.unplace(found);
    // The last point moves into the gap, so the array stays dense.
    const last = this.points.length - 1;
    if (i !== last) {
      const lastHash = this.hashes[last]!;
      this.slots[this.slotOf(lastHash, last)] = i;
      this.points[i] = this.points[last]!;
      this.hashes[i] = lastHash;
    }
    this.points.pop();
    return true;
  }

  private place(h: number, i: number): void {
    const mask = this.slots.length - 1;
    let s = start(h, mask);
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = i;
  }

  /** The slot holding position `i`, whose id hashes to `h`. */
  private slotOf(h: number, i: number): number {
    const mask = this.slots.length - 1;
    let s = start(h, mask);
    while (this.slots[s] !== i) s = (s + 1) & mask;
    return s;
  }

  /**
   * Empties a slot and moves back the entries after it that it had pushed along (backward-shift
   * deletion), so a search still stops at the first empty slot.
   */
  private unplace(gap: number): void {
    const mask = this.slots.length - 1;
    this.slots[gap] = EMPTY;
    for (let s = (gap + 1) & mask; this.slots[s] !== EMPTY; s = (s + 1) & mask) {
      const i = this.slots[s]!;
      const home = start(this.hashes[i]!, mask);
      // The entry may fill the gap when its home is not in (gap, s], cyclically.
      if (gap < s ? home <= gap || home > s : home <= gap && home > s) {
        this.slots[gap] = i;
        this.slots[s] = EMPTY;
        gap = s;
      }
    }
  }

  private grow(): void {
    const hashes = new Int32Array(this.slots.length);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    for (let i = 0; i < this.points.length; i++) this.place(this.hashes[i]!, i);
  }
}

/** A slot for a hash: its bits above those that chose the shard. */
function start(h: number, mask: number): number {
  return (h >>> SHARD_BITS) & mask;
}

/**
 * FNV-1a over the whole id: ids need not be random anywhere (the simulator's points repeat their
 * last twelve characters), and a counter spreads as well as a GUID.
 */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}
