import { Slices } from './in-slices.ts';

/** A power of two: 1,000,000 points make shards of about 16,000. */
const SHARDS = 64;

/**
 * A map for a million entries that never grows all at once. A Map doubles its table when full and
 * copies every entry in one step: 85 ms at 524,288 entries on a quiet 2-core machine, up to 250 ms
 * during a `large` sync, and a request waits as long. Here the entries are spread over SHARDS maps
 * by a hash of the key, so a step copies a sixty-fourth. It iterates shard by shard: not in the
 * order of insertion.
 */
export class ShardedMap<V> implements Iterable<[string, V]> {
  private readonly shards: Map<string, V>[] = Array.from({ length: SHARDS }, () => new Map<string, V>());

  private shardOf(key: string): Map<string, V> {
    // FNV-1a over the whole key: ids need not be random anywhere (the simulator's points repeat
    // their last twelve characters), and a counter spreads as well as a GUID.
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return this.shards[h & (SHARDS - 1)]!;
  }

  get size(): number {
    let n = 0;
    for (const shard of this.shards) n += shard.size;
    return n;
  }

  get(key: string): V | undefined {
    return this.shardOf(key).get(key);
  }

  has(key: string): boolean {
    return this.shardOf(key).has(key);
  }

  set(key: string, value: V): this {
    this.shardOf(key).set(key, value);
    return this;
  }

  delete(key: string): boolean {
    return this.shardOf(key).delete(key);
  }

  /**
   * The values in one array, giving way between shards: a million at once held the serving thread
   * 57 ms, and through the generator below took several times as long.
   */
  async valuesArray(): Promise<V[]> {
    const all = new Array<V>(this.size);
    let i = 0;
    const slices = new Slices();
    for (const shard of this.shards) {
      for (const v of shard.values()) all[i++] = v;
      if (slices.due(1)) await slices.next();
    }
    return all;
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) yield* shard.keys();
  }

  *values(): IterableIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const shard of this.shards) yield* shard;
  }
}
