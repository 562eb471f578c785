// Counts calls per `METHOD path-template`, so tests can assert how often a client hit an endpoint
// (retries, breakers, caching) without caring about ids in the path.

export interface CallCounter {
  add(method: string, template: string): void;
  snapshot(): Record<string, number>;
  reset(): void;
}

export function createCallCounter(): CallCounter {
  const counts = new Map<string, number>();
  return {
    add(method, template) {
      const key = `${method} ${template}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    snapshot: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    reset: () => counts.clear(),
  };
}
