import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { asFullRead, FULL_READS } from './full-reads.ts';

describe('a full read', () => {
  const told: unknown[] = [];
  const listen = (message: unknown) => told.push(message);
  afterEach(() => {
    unsubscribe(FULL_READS, listen);
    told.length = 0;
  });

  it('is told to subscribers when it starts and when it ends', async () => {
    subscribe(FULL_READS, listen);
    const result = await asFullRead(() => {
      expect(told).toEqual([true]);
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(told).toEqual([true, false]);
  });

  it('is told ended when it fails', async () => {
    subscribe(FULL_READS, listen);
    await expect(asFullRead(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(told).toEqual([true, false]);
  });
});
