// The simulated Orchestrator's answers have the keys and value types of Veeam's documented examples
// (copied, with their source line, into fixtures/veeam-examples): the token response, the v2
// plan representation and the v1 About, compared recursively.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/fault-injection/api-server.ts';
import { startOrchestratorServer } from '../src/orchestrator/orchestrator-server.ts';
import { createWorld } from '../src/world/world.ts';

type Shape = string | Shape[] | { [key: string]: Shape };

/** Keys and value types, recursively; an array's shape is its first element's. */
function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return typeof value;
}

/** A documentation example: its first line names the source and is not JSON. */
function example(file: string): unknown {
  const text = readFileSync(new URL(`./fixtures/veeam-examples/${file}`, import.meta.url), 'utf8');
  expect(text.startsWith('// source:')).toBe(true);
  return JSON.parse(text.slice(text.indexOf('\n') + 1));
}

describe('Orchestrator answers have the documented shapes', () => {
  let server: ApiServer;
  let token: Record<string, unknown>;

  beforeAll(async () => {
    const world = createWorld({ seed: 1, speed: 0, epoch: new Date('2026-03-02T08:00:00Z') });
    server = await startOrchestratorServer(world, {
      host: '127.0.0.1',
      port: 0,
      username: 'vro\\administrator',
      password: 'Password1',
    });
    const response = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=vro\\administrator&password=Password1',
    });
    token = (await response.json()) as Record<string, unknown>;
  });
  afterAll(() => server.close());

  const plans = async (): Promise<Record<string, unknown>[]> => {
    const response = await fetch(`${server.url}/v2/FailoverPlans`, {
      headers: { Authorization: `Bearer ${String(token.access_token)}` },
    });
    return (await response.json()) as Record<string, unknown>[];
  };

  it('token response = vro_post_token_password_response.json', () => {
    expect(shapeOf(token)).toEqual(shapeOf(example('vro_post_token_password_response.json')));
  });

  it('GET /v2/FailoverPlans = vro_v2_get_RestorePlans.json (the same v2 plan schema), for a scheduled plan', async () => {
    const scheduled = (await plans()).filter((plan) => plan.scheduleEnabled === true);
    expect(scheduled.length).toBeGreaterThan(0);
    expect(shapeOf(scheduled)).toEqual(shapeOf(example('vro_v2_get_RestorePlans.json')));
  });

  it('an unscheduled plan differs only by the nulls the documentation shows for no schedule', async () => {
    const unscheduled = (await plans()).find((plan) => plan.scheduleEnabled === false);
    const documented = (example('vro_v2_get_RestorePlans.json') as Record<string, unknown>[])[0];
    const noSchedule = {
      ...documented,
      scheduleType: null,
      scheduleAfter: null,
      scheduleAfterPlanName: null,
      scheduleTime: null,
    };
    expect(shapeOf(unscheduled)).toEqual(shapeOf(noSchedule));
  });

  it('a v2 plan = vro_v1_get_FailoverPlans_item.json after the documented v1 -> v2 changes', async () => {
    const [first] = (await plans()).filter((plan) => plan.scheduleEnabled === true);
    const { siteId, ...v1 } = example('vro_v1_get_FailoverPlans_item.json') as Record<string, unknown>;
    // v2 replaces siteId by siteScopeId and adds planInUse, targetRPO and targetRTO; the v1 swagger
    // example writes scheduleType as an enum index where the documentation shows "OnTime".
    const asV2 = {
      ...v1,
      siteScopeId: siteId,
      planInUse: false,
      targetRPO: 1440,
      targetRTO: 60,
      scheduleType: 'OnTime',
    };
    expect(shapeOf(first)).toEqual(shapeOf(asV2));
  });

  it('GET /v1/About = vro_v1_get_About.json, behind the bearer token', async () => {
    expect((await fetch(`${server.url}/v1/About`)).status).toBe(401);
    const response = await fetch(`${server.url}/v1/About`, {
      headers: { Authorization: `Bearer ${String(token.access_token)}` },
    });
    expect(response.status).toBe(200);
    // The swagger example writes component as an enum index (2, VaoUi), as it writes scheduleType;
    // the simulator writes enums as names, like the documented plan answers.
    const documented = {
      ...(example('vro_v1_get_About.json') as Record<string, unknown>),
      component: 'VaoUi',
    };
    expect(shapeOf(await response.json())).toEqual(shapeOf(documented));
  });
});
