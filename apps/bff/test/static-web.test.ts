// The built web app as the BFF serves it: the precompressed variant the browser accepts (never
// compressed on the fly), cache headers by kind of file, and the build id on every API answer. The
// web folder is a fixture laid out as `vite build` writes it, variants included.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { login, startStack } from './harness.ts';

const webDir = mkdtempSync(join(tmpdir(), 'lifeboat-web-'));
const INDEX =
  '<!doctype html><html><head><title>Lifeboat</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `row ${i}`))};`;

/** Writes a file and, as the build does, its .br and .gz beside it. */
function writeWithVariants(path: string, text: string) {
  writeFileSync(join(webDir, path), text);
  writeFileSync(join(webDir, `${path}.br`), brotliCompressSync(text));
  writeFileSync(join(webDir, `${path}.gz`), gzipSync(text, { level: 9 }));
}
mkdirSync(join(webDir, 'assets'));
writeWithVariants('index.html', INDEX);
writeWithVariants('assets/index-C0ffee42.js', SCRIPT);
writeFileSync(join(webDir, 'assets/logo-C0ffee42.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
writeFileSync(join(webDir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
writeFileSync(join(webDir, 'build-id.txt'), 'fixture-build-1\n');

const stack = await startStack({ webDir });
afterAll(async () => {
  await stack.close();
  rmSync(webDir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with exactly these headers, the body as sent (fetch would decompress it). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const size = (path: string) => String(statSync(join(webDir, path)).size);
const CHROME = 'gzip, deflate, br, zstd';
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('a browser loading the web app', () => {
  it('gets the brotli file of a script when it accepts br, with its type, length and Vary', async () => {
    const res = await raw('/assets/index-C0ffee42.js', { 'Accept-Encoding': CHROME });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-length']).toBe(size('assets/index-C0ffee42.js.br'));
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['last-modified']).toBeTruthy();
    expect(res.body).toEqual(brotliCompressSync(SCRIPT));
  });

  it('gets the gzip file when br is not accepted, or accepted less', async () => {
    for (const accept of ['gzip', 'br;q=0.5, gzip', 'gzip, br;q=0']) {
      const res = await raw('/assets/index-C0ffee42.js', { 'Accept-Encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(res.headers['content-length'], accept).toBe(size('assets/index-C0ffee42.js.gz'));
      expect(res.body, accept).toEqual(gzipSync(SCRIPT, { level: 9 }));
    }
  });

  it('gets the file as it is without Accept-Encoding, or when it prefers identity', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0.5, identity']) {
      const res = await raw('/assets/index-C0ffee42.js', accept ? { 'Accept-Encoding': accept } : {});
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['content-length']).toBe(size('assets/index-C0ffee42.js'));
      // The identity answer varies too: a shared cache must not give it to a br client, or the reverse.
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.body.toString()).toBe(SCRIPT);
    }
  });

  it('revalidates each variant by its own ETag', async () => {
    const br = await raw('/assets/index-C0ffee42.js', { 'Accept-Encoding': 'br' });
    const gzip = await raw('/assets/index-C0ffee42.js', { 'Accept-Encoding': 'gzip' });
    const identity = await raw('/assets/index-C0ffee42.js');
    const tags = [br, gzip, identity].map((r) => r.headers.etag);
    expect(new Set(tags).size).toBe(3);

    const same = await raw('/assets/index-C0ffee42.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': String(br.headers.etag),
    });
    expect(same.status).toBe(304);
    expect(same.body.length).toBe(0);
    // The br tag does not validate the gzip body: the client gets the whole gzip file.
    const other = await raw('/assets/index-C0ffee42.js', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(br.headers.etag),
    });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('gzip');
  });

  it('answers HEAD with the headers of the variant and no body', async () => {
    const res = await raw('/assets/index-C0ffee42.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-length']).toBe(size('assets/index-C0ffee42.js.br'));
    expect(res.body.length).toBe(0);
  });

  it('gets a file the build did not compress as it is, with its own type', async () => {
    const res = await raw('/assets/logo-C0ffee42.png', { 'Accept-Encoding': CHROME });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary ?? '').not.toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });
});

describe('caching by kind of file', () => {
  it('caches the content-hashed files under /assets for a year, as immutable', async () => {
    for (const path of ['/assets/index-C0ffee42.js', '/assets/logo-C0ffee42.png']) {
      expect((await raw(path, { 'Accept-Encoding': CHROME })).headers['cache-control'], path).toBe(IMMUTABLE);
    }
  });

  it('revalidates index.html, a deep link answered with it, and files whose names are not hashed', async () => {
    const html = { Accept: 'text/html', 'Accept-Encoding': CHROME };
    const index = await raw('/', html);
    const deepLink = await raw('/plans/some-plan', html);
    const robots = await raw('/robots.txt');
    for (const res of [index, deepLink, robots]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    // The SPA fallback is negotiated like any file.
    for (const res of [index, deepLink]) {
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.body).toEqual(brotliCompressSync(INDEX));
    }
    // The landing page asks for its first data while its script loads; other pages do not.
    expect(index.headers.link).toBe(
      '</api/v1/auth/me>; rel=preload; as=fetch; crossorigin, </api/v1/overview>; rel=preload; as=fetch; crossorigin',
    );
    expect(deepLink.headers.link).toBeUndefined();
  });

  it('answers a missing hashed asset with 404, never with index.html', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const res = await raw('/assets/index-0ld0ld00.js', { Accept: accept, 'Accept-Encoding': CHROME });
      expect(res.status, accept).toBe(404);
      expect(res.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.headers['cache-control'], accept).not.toBe(IMMUTABLE);
    }
  });

  it('serves nothing outside the web folder, nor its dotfiles', async () => {
    writeFileSync(join(webDir, '.env'), 'SECRET=1');
    for (const path of ['/assets/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/.env']) {
      // Not asking for HTML, so that no SPA fallback answers in the file's place.
      const res = await raw(path, { Accept: 'application/json' });
      expect(res.status, path).toBe(404);
    }
  });
});

describe('the build id on API answers', () => {
  it('names the served web build on every API answer: signed out, signed in, and errors', async () => {
    const viewer = await login(stack.url, 'viewer');
    const answers = [
      await raw('/api/v1/auth/me'),
      await raw('/api/v1/overview', { Cookie: viewer.cookie }),
      await raw('/api/v1/no-such-thing', { Cookie: viewer.cookie }),
      await raw('/api/v2/anything'),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 200, 404, 404]);
    for (const res of answers) expect(res.headers['x-lifeboat-build']).toBe('fixture-build-1');
    // Pages are no API answers.
    expect((await raw('/', { Accept: 'text/html' })).headers['x-lifeboat-build']).toBeUndefined();
  });

  it('is absent when the BFF serves no web build', async () => {
    const apiOnly = await startStack();
    try {
      const bare = await fetch(`${apiOnly.url}/api/v1/auth/me`);
      expect(bare.status).toBe(401);
      expect(bare.headers.has('X-Lifeboat-Build')).toBe(false);
    } finally {
      await apiOnly.close();
    }
  });
});

describe('the metrics of the web app', () => {
  it('times pages and files as one bounded label, and keeps serving', async () => {
    for (const path of ['/', '/rpo', '/assets/index-C0ffee42.js']) expect((await raw(path)).status).toBe(200);
    const metrics = await fetch(`${stack.url}/metrics`);
    expect(metrics.status).toBe(200);
    const lines = (await metrics.text()).split('\n');
    const count = (route: string) =>
      lines
        .filter(
          (l) =>
            l.startsWith('lifeboat_http_request_duration_seconds_count{') && l.includes(`route="${route}"`),
        )
        .reduce((n, l) => n + Number(l.split(' ')[1]), 0);
    expect(count('other')).toBeGreaterThanOrEqual(3);
    expect(lines.some((l) => l.includes('route="/rpo"') || l.includes('C0ffee42'))).toBe(false);
  });
});
