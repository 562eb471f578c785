import { describe, expect, it } from 'vitest';
import { parseWallOptions, readKioskToken } from './wall-options.ts';

describe('the wall options from its link', () => {
  it('rotates every 15 s and shows names unless told otherwise', () => {
    expect(parseWallOptions('')).toEqual({ rotateSeconds: 15, hideNames: false });
  });

  it('takes the rotation in seconds, no shorter than 5 s and no longer than an hour', () => {
    expect(parseWallOptions('?rotate=20').rotateSeconds).toBe(20);
    expect(parseWallOptions('?rotate=2').rotateSeconds).toBe(5);
    expect(parseWallOptions('?rotate=0').rotateSeconds).toBe(5);
    expect(parseWallOptions('?rotate=99999').rotateSeconds).toBe(3600);
    expect(parseWallOptions('?rotate=12.6').rotateSeconds).toBe(13);
  });

  it('falls back to 15 s for a rotation it cannot read', () => {
    expect(parseWallOptions('?rotate=abc').rotateSeconds).toBe(15);
    expect(parseWallOptions('?rotate=').rotateSeconds).toBe(15);
  });

  it('hides names for hideNames=1 (or true, or the bare flag), not for hideNames=0', () => {
    expect(parseWallOptions('?rotate=20&hideNames=1').hideNames).toBe(true);
    expect(parseWallOptions('?hideNames=true').hideNames).toBe(true);
    expect(parseWallOptions('?hideNames').hideNames).toBe(true);
    expect(parseWallOptions('?hideNames=0').hideNames).toBe(false);
  });
});

describe('the kiosk token from the fragment', () => {
  it('reads #k=<token>, and nothing else', () => {
    expect(readKioskToken('#k=abc-123_XYZ')).toBe('abc-123_XYZ');
    expect(readKioskToken('#x=1&k=t0k')).toBe('t0k');
    expect(readKioskToken('')).toBeNull();
    expect(readKioskToken('#k=')).toBeNull();
    expect(readKioskToken('#main')).toBeNull();
  });
});
