import { readFileSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { API_PREFIX } from '@lifeboat/shared';
import { Router, type Request, type Response } from 'express';

/** Written by the web build (apps/web/build-plugins.ts) next to index.html. */
const BUILD_ID_FILE = 'build-id.txt';

/** The precompressed variants the web build writes beside each compressible file, best first. */
const VARIANTS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;
type Coding = (typeof VARIANTS)[number]['coding'] | 'identity';

/**
 * The types the build precompresses: a variant's own extension (.br, .gz) would give the wrong type,
 * so these are named here; any other file gets the type `send` derives from its name.
 */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const LANDING_PRELOADS = [`${API_PREFIX}/auth/me`, `${API_PREFIX}/overview`]
  .map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`)
  .join(', ');

/** Content-hashed file names never change content; everything else must be revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const ASSETS = /^\/assets(\/|$)/;

/** The id of the web build in `webDir`, or null when there is none (or it is not a plain token). */
export function readBuildId(webDir: string): string | null {
  let text: string;
  try {
    text = readFileSync(join(webDir, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    return null;
  }
  return /^[\w.-]{1,100}$/.test(text) ? text : null;
}

/**
 * The coding to send, by the request's Accept-Encoding q-values (RFC 9110 §12.5.3) among those on
 * disk: br before gzip when equally acceptable; identity without the header, or when it is preferred.
 */
function chooseCoding(header: string | undefined, available: readonly Coding[]): Coding {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    if (name) q.set(name, qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  let best: Coding = 'identity';
  let bestQ = q.get('identity') ?? 0;
  for (const coding of available) {
    const codingQ = q.get(coding) ?? q.get('*') ?? 0;
    // A compressed variant wins a tie with identity, but not with the better variant before it.
    if (codingQ > 0 && (best === 'identity' ? codingQ >= bestQ : codingQ > bestQ)) {
      best = coding;
      bestQ = codingQ;
    }
  }
  return best;
}

async function fileStat(path: string): Promise<Stats | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** The request path as a path inside the web folder, or null for one that can name no file there. */
function relativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter(Boolean);
  // Dot segments (`..`, dotfiles) and separators or NULs inside a segment never name a served file.
  if (segments.length === 0 || segments.some((s) => s.startsWith('.') || /[\\\0]/.test(s))) return null;
  return segments.join('/');
}

/**
 * The built SPA, from the precompressed variants the build wrote (never compressed on the fly):
 * hashed assets cached for good, everything else revalidated, deep links answered with index.html.
 */
export function staticWeb(webDir: string) {
  /** Sends `relative` (or its best variant); false when there is no such file. */
  async function sendFile(req: Request, res: Response, relative: string, cacheControl: string) {
    const path = join(webDir, relative);
    const [identity, ...variants] = await Promise.all([
      fileStat(path),
      ...VARIANTS.map((v) => fileStat(path + v.suffix)),
    ]);
    if (!identity) return false;
    const available = VARIANTS.filter((_, i) => variants[i]).map((v) => v.coding);
    const coding = chooseCoding(req.headers['accept-encoding'], available);
    const index = VARIANTS.findIndex((v) => v.coding === coding);
    const file = index === -1 ? identity : variants[index]!;
    const type = TYPES[extname(relative)];
    // Set only once the file is being sent (send's 'headers' event): an error answer gets none of them.
    const headers: Record<string, string> = {
      'Cache-Control': cacheControl,
      // One tag per variant: a cache must never answer a br request from the gzip body's tag.
      ETag: `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}-${coding}"`,
      ...(type ? { 'Content-Type': type } : {}),
      ...(available.length ? { Vary: 'Accept-Encoding' } : {}),
      ...(coding !== 'identity' ? { 'Content-Encoding': coding } : {}),
    };
    res.sendFile(relative + (VARIANTS[index]?.suffix ?? ''), { root: webDir, headers });
    return true;
  }

  const r = Router();
  r.get(/^\/(?!api\/|healthz$|readyz$).*/, async (req, res, next) => {
    const isAsset = ASSETS.test(req.path);
    const relative = relativePath(req.path);
    if (relative && (await sendFile(req, res, relative, isAsset ? IMMUTABLE : REVALIDATE))) return;
    // A missing hashed asset is a 404: answering index.html would be cached as that script for a year.
    if (isAsset || !req.accepts('html')) return next();
    // The landing page's first data, asked for while its script loads (the app's own requests then
    // take these answers): the overview is painted a round trip and a script evaluation sooner.
    if (req.path === '/') res.setHeader('Link', LANDING_PRELOADS);
    if (!(await sendFile(req, res, 'index.html', REVALIDATE))) {
      res.status(503).type('text').send('The web app is not built. Run `npm start`, which builds it.');
    }
  });
  return r;
}
