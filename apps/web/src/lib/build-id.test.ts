import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The API client of a page built as `buildId` (null: not a release build), fresh for each test. */
async function pageBuiltAs(buildId: string | null) {
  if (buildId !== null) vi.stubEnv('LIFEBOAT_BUILD_ID', buildId);
  const { createApiClient, newBuildDeployed } = await import('./api-client.ts');
  const answer = (build: string | null) => {
    const headers = new Headers({ 'Content-Type': 'application/json' });
    if (build !== null) headers.set('X-Lifeboat-Build', build);
    return createApiClient({
      fetch: () => Promise.resolve(new Response('{}', { status: 200, headers })),
      getCsrfToken: () => null,
    }).get('/overview');
  };
  return { answer, newBuildDeployed };
}

describe('a wall display noticing a new deployment', () => {
  it('sees no new build while the server names the build the page runs', async () => {
    const page = await pageBuiltAs('build-a');
    expect(page.newBuildDeployed()).toBe(false);
    await page.answer('build-a');
    expect(page.newBuildDeployed()).toBe(false);
  });

  it('sees a new build once an API answer names another one, and keeps seeing it', async () => {
    const page = await pageBuiltAs('build-a');
    await page.answer('build-b');
    expect(page.newBuildDeployed()).toBe(true);
    // An answer without the header (a BFF serving no web build) does not undo what was seen.
    await page.answer(null);
    expect(page.newBuildDeployed()).toBe(true);
  });

  it('never asks to reload from the dev server, which has no build id', async () => {
    const page = await pageBuiltAs(null);
    await page.answer('build-b');
    expect(page.newBuildDeployed()).toBe(false);
  });
});
