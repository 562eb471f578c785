// `npm start`: installs what is missing, builds, then runs the BFF on LIFEBOAT_CONFIG, or the demo.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { build, ensureInstalled, main, root, run } from './tooling.mjs';

await main(async () => {
  await ensureInstalled();
  await build();
  if (process.env.LIFEBOAT_CONFIG) {
    await run(process.execPath, ['apps/bff/dist/server.js']);
    return;
  }
  const { startDemo, DEMO_USERS } = await import('./demo.mjs');
  const wanted = Number(process.env.PORT ?? 8080);
  const port = (await isFree(wanted)) ? wanted : 0;
  const demo = await startDemo({ port, dataDir: join(root, '.data', 'demo') });
  console.log(`
Lifeboat is running (demo on the built-in Veeam simulator).

  Open:      ${demo.url}
  Sign in:   ${DEMO_USERS.join(', ')}  (password: ${demo.demoPassword})
  Simulator: Enterprise Manager ${demo.sim.enterpriseManager.url}, Orchestrator ${demo.sim.orchestrator.url},
             Service Provider Console ${demo.sim.serviceProviderConsole.url}, admin API ${demo.sim.admin.url}

Press Ctrl+C to stop.`);
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const child of [demo.bffProcess, demo.simProcess]) {
    child.on('exit', async (code) => {
      if (stopping) return;
      console.error(`A demo process stopped unexpectedly (exit ${code}); shutting down.`);
      await demo.close();
      process.exit(1);
    });
  }
});

function isFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
