import { UpstreamError } from './upstream-error.ts';

/**
 * A body's bytes as strict UTF-8 text, its BOM removed: a body in any other encoding is
 * malformed, never guessed at. Pure, so a reading thread decodes the pages it reads.
 */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UpstreamError('malformed_response', 'response malformed: invalid UTF-8');
  }
}
