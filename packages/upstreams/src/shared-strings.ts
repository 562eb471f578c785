/**
 * Strings kept for long, out of parsed upstream pages. A parser's substrings may be slices that
 * keep the whole page alive (V8 slices strings of 13 characters or more), so what is kept is a
 * copy of its own; and values that repeat across items (VM, replica and server names, states)
 * are kept once, however many items name them.
 */
export class SharedStrings {
  private readonly seen = new Map<string, string>();

  /** One copy of `s` for every item that names it. */
  shared(s: string): string;
  shared(s: string | null): string | null;
  shared(s: string | null): string | null {
    if (s === null) return null;
    let kept = this.seen.get(s);
    if (kept === undefined) {
      kept = ownCopy(s);
      this.seen.set(kept, kept);
    }
    return kept;
  }
}

/** A string that holds its characters itself, whatever it was sliced from. */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
