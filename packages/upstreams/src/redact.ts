/**
 * Upstream text shown to operators may quote URLs: credentials (user-info), query strings and
 * fragments are removed from them first (tokens and session ids travel there).
 */
export function redactUrls(text: string): string {
  return text.replace(
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*@)?([^\s/?#]*)([^\s?#]*)(\?[^\s#;,)]*)?(#[^\s;,)]*)?/gi,
    (_m, scheme: string, _user, host: string, path: string, query?: string) =>
      `${scheme}${host}${path}${query ? '?…' : ''}`,
  );
}
