/**
 * The admin's API tokens page, rendered to HTML in Node (as app.test.tsx does), and the creation
 * through the real API client with a mocked fetch: the list, the admin gate, the request a creation
 * sends, the secret shown once, and the expiry's bounds.
 */
import type { ApiToken, ApiTokenList, CreatedApiToken } from '@lifeboat/shared';
import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createApiTokenMutationOptions } from '../features/api-tokens/api/create-api-token.ts';
import { getApiTokensQueryOptions } from '../features/api-tokens/api/get-api-tokens.ts';
import { revokeApiToken } from '../features/api-tokens/api/revoke-api-token.ts';
import { ApiTokenCreated } from '../features/api-tokens/components/create-api-token.tsx';
import { dayAfter, expiryBounds, parseExpiryDate } from '../features/api-tokens/components/expiry-date.ts';
import { cachedQueryData, dismissCreated, hostile, signedInClient, stubFetch } from './admin-page.testing.ts';
import { renderRoute } from './render-route.testing.tsx';

const apiToken = (over: Partial<ApiToken>): ApiToken => ({
  id: '0b7e1a52-2f7c-4d7e-9a51-0a4f3b2c1d00',
  name: 'Nightly DR report',
  role: 'viewer',
  createdBy: 'ada',
  createdAt: '2026-11-20T08:00:00.000Z',
  expiresAt: '2027-02-18T00:00:00.000Z',
  revokedAt: null,
  lastUsedAt: '2026-11-24T09:59:00.000Z',
  state: 'active',
  ...over,
});
const list: ApiTokenList = {
  items: [
    apiToken({}),
    apiToken({
      id: '0b7e1a52-2f7c-4d7e-9a51-0a4f3b2c1d01',
      name: `Runbook ${hostile}`,
      role: 'operator',
      expiresAt: '2026-11-21T08:00:00.000Z',
      lastUsedAt: null,
      state: 'expired',
    }),
    apiToken({
      id: '0b7e1a52-2f7c-4d7e-9a51-0a4f3b2c1d02',
      name: 'Old CI',
      role: 'admin',
      revokedAt: '2026-11-22T08:00:00.000Z',
      state: 'revoked',
    }),
  ],
};

const render = (client: QueryClient) => renderRoute('/api-tokens', client);

describe('the API tokens page', () => {
  it('lists every token with its role, state, creator, times and a Revoke for those not yet revoked', async () => {
    const client = signedInClient(['admin']);
    client.setQueryData(getApiTokensQueryOptions().queryKey, list);
    const html = await render(client);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toContain(hostile);
    expect(html).toMatch(/aria-current="page"[^>]*>API tokens</);
    // The entry comes right after the kiosk links'.
    expect(html).toMatch(/href="\/kiosk-links"[^>]*>Kiosk links<\/a><\/li><li><a[^>]*href="\/api-tokens"/);
    expect(html).toContain('<caption class="sr-only">API tokens</caption>');
    for (const text of ['Nightly DR report', 'Runbook &lt;img', 'Old CI', 'Viewer', 'Operator', 'Admin'])
      expect(html).toContain(text);
    for (const text of ['Active', 'Expired', 'Revoked', 'never used']) expect(html).toContain(text);
    expect(html).toContain('dateTime="2027-02-18T00:00:00.000Z"');
    expect(html).toContain('dateTime="2026-11-24T09:59:00.000Z"');
    expect(html.match(/aria-label="Revoke [^"]*"/g)).toEqual([
      'aria-label="Revoke Nightly DR report"',
      'aria-label="Revoke Runbook &lt;img src=x onerror=alert(1)&gt;"',
    ]);
    // The form: a name, a role (viewer first and chosen), and a required expiry day within the limit.
    expect(html).toContain('New API token');
    expect(html).toMatch(/<input[^>]*required=""[^>]*maxLength="100"/);
    expect(html.match(/<option value="(viewer|operator|approver|admin)"[^>]*>/g)).toEqual([
      '<option value="viewer" selected="">',
      '<option value="operator">',
      '<option value="approver">',
      '<option value="admin">',
    ]);
    expect(html).toContain('The token acts with exactly this role');
    const { min, max } = expiryBounds(new Date());
    expect(html).toContain(`type="date" required="" min="${min}" max="${max}" aria-describedby="`);
    expect(html).toContain(`value="${dayAfter(new Date(), 90)}"`);
    expect(html).toContain('Create token');
  });

  it('is for admins only: anyone else gets a plain refusal, and no navigation entry', async () => {
    const html = await render(signedInClient(['viewer']));
    expect(html).toContain('Only an admin can manage API tokens.');
    expect(html).not.toContain('href="/api-tokens"');
    expect(html).not.toContain('Create token');
  });
});

describe('the expiry day', () => {
  const now = new Date(2026, 10, 24, 15, 30);

  it('runs from tomorrow to 366 days away, and becomes the start of that day, local time', () => {
    expect(expiryBounds(now)).toEqual({ min: '2026-11-25', max: '2027-11-25' });
    expect(parseExpiryDate('2027-02-22', now)).toEqual({ iso: new Date(2027, 1, 22).toISOString() });
    expect(parseExpiryDate('2027-11-25', now)).toEqual({ iso: new Date(2027, 10, 25).toISOString() });
  });

  it('refuses today, a day past the limit, a day the calendar lacks, and nothing', () => {
    expect(parseExpiryDate('2026-11-24', now)).toEqual({ problem: 'The expiry must be a day after today.' });
    expect(parseExpiryDate('2027-11-26', now)).toEqual({
      problem: 'A token lives at most 366 days: pick a day up to 2027-11-25.',
    });
    expect(parseExpiryDate('2027-02-30', now)).toEqual({ problem: 'Enter the expiry date.' });
    expect(parseExpiryDate('', now)).toEqual({ problem: 'Enter the expiry date.' });
  });
});

describe('creating a token', () => {
  const secret = 's'.repeat(43);
  const created: CreatedApiToken = { token: apiToken({ lastUsedAt: null }), secret };
  const requests = stubFetch((_url, init) =>
    init.method === 'POST'
      ? { status: 201, body: created }
      : { status: 200, body: { items: [created.token] } },
  );

  it('posts the name, role and expiry, shows the secret once with Copy, a warning and a curl line; once dismissed it is gone', async () => {
    const client = signedInClient(['admin']);
    const creation = new MutationObserver(client, createApiTokenMutationOptions(client));
    const body = {
      name: 'Nightly DR report',
      role: 'viewer',
      expiresAt: '2027-02-18T00:00:00.000Z',
    } as const;
    const answer = await creation.mutate(body);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/api-tokens', body });
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');

    const panel = renderToString(
      <ApiTokenCreated
        name={answer.token.name}
        secret={answer.secret}
        origin="https://lifeboat.example"
        onDone={() => {}}
      />,
    ).replaceAll('<!-- -->', '');
    expect(panel).not.toMatch(/\sstyle="/);
    expect(panel.split(secret)).toHaveLength(2);
    expect(panel).toMatch(new RegExp(`<input [^>]*readOnly=""[^>]*value="${secret}"`));
    expect(panel).toContain('>Copy</button>');
    expect(panel).toContain('it will not be shown again');
    expect(panel).toContain(
      'curl -H &quot;Authorization: Bearer $LIFEBOAT_TOKEN&quot; https://lifeboat.example/api/v1/plans',
    );

    // Done: the mutation forgets its answer and leaves the cache; the list, fetched again, has no secret.
    await dismissCreated(creation, client);
    await client.fetchQuery(getApiTokensQueryOptions());
    expect(requests[1]).toMatchObject({ method: 'GET', url: '/api/v1/api-tokens' });
    const page = await render(client);
    expect(page).toContain('Nightly DR report');
    expect(page).toContain('Create token');
    expect(page).not.toContain(secret);
    expect(cachedQueryData(client)).not.toContain(secret);
  });

  it('revokes a token by its id, with the CSRF token', async () => {
    await revokeApiToken(created.token.id);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: `/api/v1/api-tokens/${created.token.id}/revoke`,
      body: {},
    });
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });
});
