declare global {
  interface ImportMetaEnv {
    /** Set by the release build (apps/web/build-plugins.ts); absent from the dev server and tests. */
    readonly LIFEBOAT_BUILD_ID?: string;
  }
}

/** The build this page runs; null when it was not built for release (dev server, tests). */
export const BUILD_ID: string | null = import.meta.env.LIFEBOAT_BUILD_ID ?? null;

/**
 * True when the server names another build than the one this page runs (its `X-Lifeboat-Build`):
 * builds are only ever replaced by newer ones, so another build is a newer one. A page without a
 * build id of its own (the dev server) never asks to reload.
 */
export function isNewerBuild(headerValue: string | null): boolean {
  return BUILD_ID !== null && !!headerValue && headerValue !== BUILD_ID;
}
