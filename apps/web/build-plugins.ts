// Two steps of the release build: the build id, and the compressed copies of what the BFF serves.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/** Read by the BFF at start (apps/bff/src/http/static-web.ts), which names it on API answers. */
const BUILD_ID_FILE = 'build-id.txt';
/** Stands for the id in the code until every module has been read; then the real id replaces it. */
const PLACEHOLDER = '__lifeboat_build_id_placeholder__';

/**
 * The build id: a hash of every module the build read (app, dependencies, index.html, CSS), so the
 * same sources give the same id. It is put into the code before the chunk hashes are computed, so a
 * new id also gives new asset names (a hash of the asset names themselves would have to be part of
 * the assets it names). The app reads it as `import.meta.env.LIFEBOAT_BUILD_ID`.
 */
export function buildId(): Plugin {
  let root = '';
  const modules = new Map<string, string>();
  let id = '';
  return {
    name: 'lifeboat:build-id',
    apply: 'build',
    config: () => ({ define: { 'import.meta.env.LIFEBOAT_BUILD_ID': JSON.stringify(PLACEHOLDER) } }),
    configResolved(config) {
      root = config.root;
    },
    transform: {
      order: 'pre',
      handler(code, moduleId) {
        modules.set(relative(root, moduleId), createHash('sha256').update(code).digest('hex'));
      },
    },
    renderStart() {
      const hash = createHash('sha256');
      for (const name of [...modules.keys()].sort()) hash.update(`${name}\0${modules.get(name)}\0`);
      id = hash.digest('hex').slice(0, 16);
    },
    renderChunk(code) {
      return code.includes(PLACEHOLDER) ? { code: code.replaceAll(PLACEHOLDER, id), map: null } : null;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BUILD_ID_FILE, source: id });
    },
  };
}

const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt)$/;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `.br` (brotli, quality 11) and `.gz` (gzip -9) beside every compressible file of the
 * output, for the BFF to serve as they are; a copy that is not smaller than the file is left out.
 */
export function precompress(): Plugin {
  return {
    name: 'lifeboat:precompress',
    apply: 'build',
    async writeBundle({ dir }) {
      if (!dir) return;
      const files = (await readdir(dir, { recursive: true })).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (file) => {
          const path = join(dir, file);
          const data = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzipAsync(data, { level: 9 }),
          ]);
          if (br.length < data.length) await writeFile(`${path}.br`, br);
          if (gz.length < data.length) await writeFile(`${path}.gz`, gz);
        }),
      );
    },
  };
}
