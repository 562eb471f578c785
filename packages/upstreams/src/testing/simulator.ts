import type { FaultRequest, startSimulator } from '@lifeboat/veeam-sim';
import { expect } from 'vitest';

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

/** The simulator's three APIs, as its admin API names them. */
export type SimApi = 'enterpriseManager' | 'orchestrator' | 'serviceProviderConsole';

/** A fault for one API, as `POST /admin/faults` takes it without the `api`. */
export type Fault = Omit<FaultRequest, 'api'>;

/** Clears every API's faults, then its call counts: each test starts on a well simulator, counting from 0. */
export async function resetSimulator(sim: Sim): Promise<void> {
  await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
  await fetch(`${sim.admin.url}/admin/calls`, { method: 'DELETE' });
}

/** Adds a fault to one API of the simulator, which must accept it. */
export async function injectFault(sim: Sim, api: SimApi, f: Fault): Promise<void> {
  const res = await fetch(`${sim.admin.url}/admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api, ...f }),
  });
  expect(res.status).toBeLessThan(300);
}

/** Calls counted by the simulator on one API under `METHOD template`, summed over templates starting so. */
export async function countCalls(sim: Sim, api: SimApi, prefix: string): Promise<number> {
  const all = (await (await fetch(`${sim.admin.url}/admin/calls?api=${api}`)).json()) as Record<
    SimApi,
    Record<string, number>
  >;
  return Object.entries(all[api])
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

/** Moves the simulator's world clock (runs progress and end, tokens age); at speed 0 nothing else moves it. */
export async function advanceClock(sim: Sim, ms: number): Promise<void> {
  const res = await fetch(`${sim.admin.url}/admin/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(res.status).toBe(200);
}

/** Switches the §7.3 hostile names on or off (ids and structure stay the same). */
export async function useHostileNames(sim: Sim, hostile: boolean): Promise<void> {
  const res = await fetch(`${sim.admin.url}/admin/names`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ hostile }),
  });
  expect(res.status).toBe(200);
}
