// The OpenAPI document the BFF serves, under a maintained linter's recommended rules (Redocly's):
// no error and no warning, security declared on every operation.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

it("is clean under Redocly's recommended rules", async () => {
  const source = await (await fetch(`${stack.url}/api/v1/openapi.json`)).text();
  const problems = await lintFromString({
    source,
    absoluteRef: 'openapi.json',
    config: await createConfig({ extends: ['recommended'] }),
  });
  expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual(
    [],
  );
});

it('says how each operation is secured: none to sign in, the session or a bearer token to read, the CSRF token or a bearer token to change', async () => {
  const doc = (await (await fetch(`${stack.url}/api/v1/openapi.json`)).json()) as {
    security: unknown;
    paths: Record<string, Record<string, { operationId: string; security?: unknown }>>;
  };
  expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
  const ops = Object.values(doc.paths).flatMap((p) => Object.entries(p));
  const signingIn = ['login', 'kioskSignIn', 'getSignInOptions', 'startSingleSignOn', 'finishSingleSignOn'];
  for (const id of signingIn) expect(ops.find(([, o]) => o.operationId === id)?.[1].security, id).toEqual([]);
  for (const [method, op] of ops.filter(([, o]) => !signingIn.includes(o.operationId)))
    expect(op.security, op.operationId).toEqual(
      method === 'get'
        ? undefined
        : op.operationId === 'logout'
          ? [{ session: [], csrf: [] }]
          : [{ session: [], csrf: [] }, { bearer: [] }],
    );
});
