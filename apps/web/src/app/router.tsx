import { createBrowserRouter } from 'react-router';
import { routes, warmPages } from './route-config.tsx';

export const router = createBrowserRouter(routes);

// The other pages' code is fetched once the first page is up and the browser has nothing to do.
/** Runs `fn` once the browser has nothing to do (Safari has no requestIdleCallback: a timeout stands in). */
function whenIdle(fn: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(fn);
  else setTimeout(fn, 1_000);
}
window.addEventListener('load', () => whenIdle(() => void warmPages()), { once: true });
