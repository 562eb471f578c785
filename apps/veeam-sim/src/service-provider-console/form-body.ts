// Reads the form a client posts to /token. The documentation shows both
// application/x-www-form-urlencoded and multipart/form-data; the platform's Response.formData()
// parses either. The body is capped: a token request is a few hundred bytes.

import type { IncomingMessage } from 'node:http';
import { readCappedBody } from '../http/capped-body.ts';
import { VspcError } from './vspc-errors.ts';

const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The form's text fields; a field sent twice keeps its first value. */
export async function readForm(request: IncomingMessage): Promise<ReadonlyMap<string, string>> {
  const contentType = request.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(mediaType)) {
    throw new VspcError(
      415,
      `Unsupported media type '${mediaType}': send application/x-www-form-urlencoded or multipart/form-data.`,
      'logical',
    );
  }
  const body = await readCappedBody(request, MAX_FORM_BYTES);
  if (body === 'too-large')
    throw new VspcError(413, `The request body exceeds ${MAX_FORM_BYTES} bytes.`, 'logical');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData();
  } catch {
    throw new VspcError(400, 'The request body is not a valid form.', 'logical');
  }
  const fields = new Map<string, string>();
  for (const [name, value] of form)
    if (typeof value === 'string' && !fields.has(name)) fields.set(name, value);
  return fields;
}
