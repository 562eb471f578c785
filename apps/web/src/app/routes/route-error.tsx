import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A render error or unknown route: a plain message and a way back, never a stack trace. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A page's code could not be fetched: the server is unreachable, or a newer version replaced it.
  const codeMissing =
    error instanceof TypeError &&
    /dynamically imported module|importing a module script failed/i.test(error.message);
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-3 px-4 py-16">
      <h1 className="text-2xl font-bold">{notFound ? 'Page not found' : 'Something went wrong'}</h1>
      <p>
        {notFound
          ? 'There is no page at this address.'
          : codeMissing
            ? 'This page could not be loaded: the Lifeboat server is unreachable or was updated. Reload to get the current version.'
            : 'This page failed to display. Reloading it may help.'}
      </p>
      <p>
        <Link to="/" reloadDocument className="font-medium text-sky-900 underline">
          Back to Lifeboat
        </Link>
      </p>
    </main>
  );
}
