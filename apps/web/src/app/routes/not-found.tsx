import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <>
      <title>Not found · Lifeboat</title>
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/" className="font-medium text-sky-900 underline">
          Go to the overview
        </Link>
      </p>
    </>
  );
}
