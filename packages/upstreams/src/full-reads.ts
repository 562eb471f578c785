import { channel } from 'node:diagnostics_channel';

/**
 * Told `true` when a read of a whole inventory starts and `false` when it ends: what is live grows
 * all through one, which the BFF's heap sizing cannot tell from two collections alone (decision 022).
 */
export const FULL_READS = 'lifeboat:full-reads';

const fullReads = channel(FULL_READS);

/** Runs `read`, telling `FULL_READS` subscribers that a full read runs meanwhile. */
export async function asFullRead<T>(read: () => Promise<T>): Promise<T> {
  fullReads.publish(true);
  try {
    return await read();
  } finally {
    fullReads.publish(false);
  }
}
