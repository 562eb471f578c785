/**
 * Items an upstream sent that could not be read: counted, with the first reason, never silently
 * dropped (XML-07). A poll reports its `count` and `firstError` as its snapshot's `unreadable`.
 */
export class Unreadable {
  count = 0;
  firstError: string | null = null;
  /** One item (of `what`) that could not be read, and why. */
  add(what: string, err: unknown) {
    this.addMany(1, `${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
  /** `n` items that could not be read, for one reason. */
  addMany(n: number, why: string) {
    this.count += n;
    this.firstError ??= why.slice(0, 500);
  }
}
