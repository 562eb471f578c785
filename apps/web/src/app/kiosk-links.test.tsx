/**
 * The admin's kiosk links page, rendered to HTML in Node (as app.test.tsx does), and the creation
 * and kiosk sign-in through the real API client with a mocked fetch: the list, the admin gate, and
 * the kiosk address shown once.
 */
import type { CreatedKioskLink, KioskLink, KioskLinkList } from '@lifeboat/shared';
import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createKioskLinkMutationOptions, kioskUrl } from '../features/kiosk-links/api/create-kiosk-link.ts';
import { getKioskLinksQueryOptions } from '../features/kiosk-links/api/get-kiosk-links.ts';
import { kioskSignIn } from '../features/kiosk-links/api/kiosk-sign-in.ts';
import { KioskLinkCreated } from '../features/kiosk-links/components/create-kiosk-link.tsx';
import { getCsrfToken } from '../lib/api-client.ts';
import {
  cachedQueryData,
  dismissCreated,
  hostile,
  sessionOf,
  signedInClient,
  stubFetch,
} from './admin-page.testing.ts';
import { renderRoute } from './render-route.testing.tsx';

const link = (over: Partial<KioskLink>): KioskLink => ({
  id: '6f1c1a52-2f7c-4d7e-9a51-0a4f3b2c1d00',
  name: 'NOC wall',
  createdBy: 'ada',
  createdAt: '2026-11-20T08:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: '2026-11-24T09:59:00.000Z',
  state: 'active',
  ...over,
});
const list: KioskLinkList = {
  items: [
    link({}),
    link({
      id: '6f1c1a52-2f7c-4d7e-9a51-0a4f3b2c1d01',
      name: `Lobby ${hostile}`,
      expiresAt: '2026-11-21T08:00:00.000Z',
      lastUsedAt: null,
      state: 'expired',
    }),
    link({
      id: '6f1c1a52-2f7c-4d7e-9a51-0a4f3b2c1d02',
      name: 'Old TV',
      revokedAt: '2026-11-22T08:00:00.000Z',
      state: 'revoked',
    }),
  ],
};

async function render(client: QueryClient): Promise<string> {
  return renderRoute('/kiosk-links', client);
}

describe('the kiosk links page', () => {
  it('lists every link with its state, creator, times and a Revoke for those not yet revoked', async () => {
    const client = signedInClient(['admin']);
    client.setQueryData(getKioskLinksQueryOptions().queryKey, list);
    const html = await render(client);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toContain(hostile);
    expect(html).toMatch(/aria-current="page"[^>]*>Kiosk links</);
    expect(html).toContain('<caption class="sr-only">Kiosk links</caption>');
    for (const text of ['NOC wall', 'Lobby &lt;img', 'Old TV', 'Active', 'Expired', 'Revoked', 'Never'])
      expect(html).toContain(text);
    expect(html).toContain('never used');
    expect(html).toContain('dateTime="2026-11-24T09:59:00.000Z"');
    expect(html.match(/aria-label="Revoke [^"]*"/g)).toEqual([
      'aria-label="Revoke NOC wall"',
      `aria-label="Revoke Lobby &lt;img src=x onerror=alert(1)&gt;"`,
    ]);
    // The form to create one: a name and an optional expiry.
    expect(html).toContain('New kiosk link');
    expect(html).toMatch(/<input[^>]*required=""[^>]*maxLength="100"/);
    expect(html).toContain('type="datetime-local"');
    expect(html).toContain('Create link');
  });

  it('is for admins only: anyone else gets a plain refusal, and no navigation entry', async () => {
    const html = await render(signedInClient(['operator', 'approver', 'viewer']));
    expect(html).toContain('Only an admin can manage kiosk links.');
    expect(html).not.toContain('href="/kiosk-links"');
    expect(html).not.toContain('Create link');
  });
});

describe('creating a link and signing a wall in', () => {
  const token = 'k'.repeat(43);
  const created: CreatedKioskLink = { link: link({ lastUsedAt: null }), token };
  const requests = stubFetch((url, init) =>
    url === '/api/v1/kiosk-links' && init.method === 'POST'
      ? { status: 201, body: created }
      : url === '/api/v1/kiosk-links'
        ? { status: 200, body: { items: [created.link] } }
        : { status: 200, body: { ...sessionOf(['viewer']), csrfToken: 'kiosk-csrf' } },
  );

  it('shows the whole kiosk address once, with Copy and a warning; once dismissed it is gone for good', async () => {
    const client = signedInClient(['admin']);
    const creation = new MutationObserver(client, createKioskLinkMutationOptions(client));
    const answer = await creation.mutate({ name: 'NOC wall' });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/kiosk-links',
      body: { name: 'NOC wall' },
    });
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');

    const panel = renderToString(
      <KioskLinkCreated
        name={answer.link.name}
        url={kioskUrl('https://lifeboat.example', answer.token)}
        onDone={() => {}}
      />,
    ).replaceAll('<!-- -->', '');
    expect(panel).toContain(`value="https://lifeboat.example/wall#k=${token}"`);
    expect(panel).toContain('>Copy</button>');
    expect(panel).toContain('it will not be shown again');

    // Done: the mutation forgets its answer and leaves the cache; the list, fetched again, has no token.
    await dismissCreated(creation, client);
    await client.fetchQuery(getKioskLinksQueryOptions());
    const page = await render(client);
    expect(page).toContain('NOC wall');
    expect(page).toContain('Create link');
    expect(page).not.toContain(token);
    expect(cachedQueryData(client)).not.toContain(token);
  });

  it('signs a wall in with the token and keeps its CSRF token for the next requests', async () => {
    const session = await kioskSignIn(token);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/kiosk', body: { token } });
    expect(session.user.roles).toEqual(['viewer']);
    expect(getCsrfToken()).toBe('kiosk-csrf');
  });
});
