import sjson from 'secure-json-parse';
import { UpstreamError } from './upstream-error.ts';

/**
 * Parses an upstream's JSON body (XML-08): prototype keys refused, any parse failure (including
 * nesting too deep for the stack) a `malformed_response`. The byte cap and strict UTF-8 were
 * applied by the transport before this.
 */
export function parseUpstreamJson(text: string, upstream: string): unknown {
  try {
    return sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    const why = err instanceof RangeError ? 'nested too deeply' : firstLine(err);
    throw new UpstreamError(
      'malformed_response',
      `response malformed: ${upstream} sent invalid JSON (${why})`,
    );
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}
