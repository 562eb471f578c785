import { createBrowserRouter } from 'react-router';
import { routes, warmPages } from './route-config.tsx';

export const router = createBrowserRouter(routes);

// The other pages' code is fetched once the first page is up and the browser has nothing to do.
window.addEventListener('load', () => requestIdleCallback(() => void warmPages()), { once: true });
