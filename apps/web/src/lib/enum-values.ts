/**
 * The members of a string union, listed once as the keys of a `Record<Union, …>` so the compiler
 * says when the shared contract gains a member this app does not handle yet. (The web imports only
 * types from @lifeboat/shared, which keeps zod out of the browser bundle.)
 */
export function keysOf<K extends string>(record: Record<K, unknown>): K[] {
  return Object.keys(record) as K[];
}
