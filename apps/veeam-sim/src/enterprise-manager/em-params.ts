// Query-string parameters, matched case-insensitively as Enterprise Manager does
// (`format=Entity` and `format=entity`, `pageSize` and `pagesize` are the same).

export function queryParam(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The `format` parameter, lower-cased ('entity', 'entities', 'references'), or undefined. */
export function formatParam(url: URL): string | undefined {
  return queryParam(url, 'format')?.toLowerCase();
}
