import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

/** Debian's Chromium, headless, with the network features this closed machine refuses turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Collects what must never happen on a page: CSP violations, dialogs (XSS), uncaught errors. With
 * `origin`, console errors of pages elsewhere (an identity provider's) are not Lifeboat's.
 */
export async function watchForTrouble(page: Page, origin?: string): Promise<string[]> {
  const trouble: string[] = [];
  page.on('dialog', (d) => {
    trouble.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => trouble.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (origin && !m.location().url.startsWith(origin)) return;
    if (m.type() === 'error' && !/status of 401/.test(m.text())) trouble.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__reportCsp', (v: string) => trouble.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return trouble;
}
