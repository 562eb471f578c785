// Reads a request body up to a size cap, so a hostile client cannot fill memory. Callers answer
// 'too-large' in their own API's error format.

import type { IncomingMessage } from 'node:http';

export async function readCappedBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
