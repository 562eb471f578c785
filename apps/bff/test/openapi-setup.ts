// Every answer the BFF's API gives in these suites is checked against its OpenAPI document: each
// test fails if an answer it received is not documented or does not match its schema.
import { afterEach, expect } from 'vitest';
import { API, answerProblems } from './openapi-conformance.ts';

const seen: string[] = [];
const realFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  const request = input instanceof Request ? input : null;
  const { pathname } = new URL(request ? request.url : input instanceof URL ? input.href : input);
  // The event stream never ends (it is not a body to read whole); the document is not in itself.
  if (pathname.startsWith(`${API}/`) && ![`${API}/events`, `${API}/openapi.json`].includes(pathname)) {
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const body = await res.clone().text();
    seen.push(...answerProblems(method, pathname, res.status, res.headers.get('content-type'), body));
  }
  return res;
};

afterEach(() => {
  expect(seen.splice(0), 'answers that the OpenAPI document does not describe').toEqual([]);
});
