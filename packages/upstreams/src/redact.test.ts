import { describe, expect, it } from 'vitest';
import { redactUrls } from './redact.ts';

describe('upstream text shown to operators', () => {
  it('loses the credentials, query strings and fragments of the URLs it quotes, and nothing else', () => {
    expect(
      redactUrls(
        'upstream redirected to https://svc:s3cret@em.example:9398/api/x?token=abc#frag; not followed (see http://h/p).',
      ),
    ).toBe('upstream redirected to https://em.example:9398/api/x?…; not followed (see http://h/p).');
    expect(redactUrls('no link here: R&D <Prod>')).toBe('no link here: R&D <Prod>');
  });
});
