import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startDemo } from '../../scripts/demo.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

/**
 * The whole stack as `npm start` runs it: built simulator, built BFF serving the built web app.
 * Spec files run two at a time and share it, so none may change what the others see: a spec that
 * injects faults, acts on plans or restarts the BFF starts a demo of its own.
 */
export default async function setup(project: TestProject) {
  const dataDir = fileURLToPath(new URL('../../.tmp/e2e-demo', import.meta.url));
  rmSync(dataDir, { recursive: true, force: true });
  // Hostile names (security-and-resilience §7.3) in half the plans, VMs, jobs and tenants: every
  // test then also checks that upstream text is shown as text.
  const demo = await startDemo({ port: 0, dataDir, pollSeconds: 2, simArgs: ['--hostile-names'] });
  project.provide('baseUrl', demo.url);
  project.provide('demoPassword', demo.demoPassword);
  return async () => {
    await demo.close();
  };
}
