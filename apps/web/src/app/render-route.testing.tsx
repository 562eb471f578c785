import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from './route-config.tsx';

/**
 * The app at `url` as HTML, rendered in Node with the queries `client` holds; once the page's
 * code is loaded (most pages load theirs when first opened, as in the browser).
 */
export async function renderRoute(url: string, client: QueryClient): Promise<string> {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  await new Promise<void>((resolve) => {
    if (router.state.initialized) resolve();
    else router.subscribe((state) => state.initialized && resolve());
  });
  return renderToString(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  ).replaceAll('<!-- -->', '');
}
