import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@lifeboat/shared/navigation';
import { signInPath } from './navigation.ts';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its search', () => {
    expect(safeNextPath('/failover-sessions?state=running')).toBe('/failover-sessions?state=running');
  });
  it('refuses other sites, schemes and the sign-in page', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/sign-in',
      '/sign-in?next=/x',
      '',
      null,
      '/a\nb',
    ]) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});

describe('signInPath', () => {
  it('remembers where the user was', () => {
    expect(signInPath('/rpo?status=critical')).toBe('/sign-in?next=%2Frpo%3Fstatus%3Dcritical');
    expect(signInPath('/')).toBe('/sign-in');
  });
});
