/**
 * Lets waiting work (requests, timers, I/O) run: a long computation on the thread that serves
 * requests awaits this between slices of a few milliseconds, so no request waits behind it.
 */
export const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A slice's length: far under what a request may wait, long enough that giving way costs little. */
const SLICE_MS = 8;

/** Says when the current slice is used up; `await slices.next()` then gives way and starts another. */
export class Slices {
  private ends = performance.now() + SLICE_MS;
  private calls = 0;

  /**
   * True once the slice is over. The clock is read every `every` calls (a power of two): on every
   * item of a cheap loop it would cost too much; a loop of costly steps passes 1.
   */
  due(every = 256): boolean {
    return (++this.calls & (every - 1)) === 0 && performance.now() > this.ends;
  }

  async next(): Promise<void> {
    await giveWay();
    this.ends = performance.now() + SLICE_MS;
  }
}

/**
 * Runs `fn` on every item, giving way between slices; the clock is read every `every` items
 * (`Slices.due`): a costly `fn` (a hundred microseconds or more) passes a small one.
 */
export async function inSlices<T>(items: Iterable<T>, fn: (item: T) => void, every?: number): Promise<void> {
  const slices = new Slices();
  for (const item of items) {
    fn(item);
    if (slices.due(every)) await slices.next();
  }
}
