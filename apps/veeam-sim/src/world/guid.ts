// GUIDs for the world. Most entities get a GUID from the seeded generator and are kept in a map.
// Restore points are too many to keep (1,000,000 at the large scale), so a point's GUID encodes its
// (VM index, run index) reversibly, scrambled with the world's seed so it looks like any other GUID:
// the id can be turned back into the point without a lookup table, and a forged id fails the check.

import { hash32 } from './prng.ts';

const HEX_DIGITS = '0123456789abcdef';
const DASH_AFTER = new Set([8, 12, 16, 20]);

/**
 * A version-4 style GUID (lower case) from four 32-bit words. Built from character codes so the
 * result is one flat string: slicing and concatenating would keep rope fragments alive, which
 * matters with 100,000 VMs.
 */
export function guidFromWords(words: readonly [number, number, number, number]): string {
  const codes: number[] = [];
  for (let nibble = 0; nibble < 32; nibble++) {
    if (DASH_AFTER.has(nibble)) codes.push(45);
    const word = words[nibble >> 3] as number;
    let digit = (word >>> (28 - (nibble & 7) * 4)) & 0xf;
    if (nibble === 12) digit = 4;
    if (nibble === 16) digit = (digit & 0x3) | 0x8;
    codes.push(HEX_DIGITS.charCodeAt(digit));
  }
  return String.fromCharCode(...codes);
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower-cases a GUID, or returns undefined when the text is not one. */
export function normalizeGuid(text: string): string | undefined {
  const lower = text.toLowerCase();
  return GUID_PATTERN.test(lower) ? lower : undefined;
}

// An odd multiplier is invertible modulo 2^32; its inverse is found by Newton's iteration.
const MULTIPLIER = 0x2c1b3c6d;
const INVERSE = (() => {
  let inverse = MULTIPLIER;
  for (let i = 0; i < 5; i++) inverse = Math.imul(inverse, 2 - Math.imul(MULTIPLIER, inverse));
  return inverse >>> 0;
})();

const scramble = (value: number, key: number): number => Math.imul((value ^ key) >>> 0, MULTIPLIER) >>> 0;
const unscramble = (value: number, key: number): number => (Math.imul(value, INVERSE) ^ key) >>> 0;

export interface PointIdCodec {
  encode(vmIndex: number, runIndex: number): string;
  /** The (VM, run) pair behind a GUID made by `encode`, or undefined for any other text. */
  decode(guid: string): { vmIndex: number; runIndex: number } | undefined;
}

export function createPointIdCodec(seed: number): PointIdCodec {
  const vmKey = hash32(seed, 0x766d);
  const runKey = hash32(seed, 0x72756e);
  const encode = (vmIndex: number, runIndex: number): string => {
    const last = scramble(runIndex, runKey);
    const first = (scramble(vmIndex, vmKey) ^ hash32(seed, runIndex)) >>> 0;
    return guidFromWords([
      first,
      hash32(seed, vmIndex, runIndex, 1),
      hash32(seed, vmIndex, runIndex, 2),
      last,
    ]);
  };
  return {
    encode,
    decode(guid) {
      const normalized = normalizeGuid(guid);
      if (!normalized) return undefined;
      const hex = normalized.replaceAll('-', '');
      const runIndex = unscramble(parseInt(hex.slice(24, 32), 16), runKey);
      const vmIndex = unscramble((parseInt(hex.slice(0, 8), 16) ^ hash32(seed, runIndex)) >>> 0, vmKey);
      return encode(vmIndex, runIndex) === normalized ? { vmIndex, runIndex } : undefined;
    },
  };
}
