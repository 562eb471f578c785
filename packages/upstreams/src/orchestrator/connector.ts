import { checkedGuid } from '../values.ts';
import type { Plan } from '@lifeboat/shared';
import { z } from 'zod';
import {
  upstreamKind,
  type ActionReceipt,
  type Connector,
  type InventorySnapshot,
  type SourceSettings,
} from '../connector.ts';
import { isUpstreamError, UpstreamError } from '../http/upstream-error.ts';
import { Unreadable } from '../unreadable.ts';
import { OrchestratorClient } from './client.ts';
import { dialects, v2, v3, type Dialect, type PlanFields } from './dialect.ts';
import { normalizePlan, planState } from './normalize.ts';
import { RawList, RawRuntimeDetails } from './raw-schemas.ts';

/** Runtime details are one call per running plan: at most this many at once. */
const RUNTIME_CONCURRENCY = 4;

export const OrchestratorSettings = z.object({
  /** Which plan API to read; `auto` tries v3 and falls back to v2 when the server has no v3. */
  apiGeneration: z.enum(['auto', 'v2', 'v3']).default('auto'),
});
export type OrchestratorSettings = z.infer<typeof OrchestratorSettings>;

/** Maps with at most `limit` calls in flight; results keep the input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function createOrchestratorConnector(settings: SourceSettings, own: OrchestratorSettings): Connector {
  const client = new OrchestratorClient(settings);
  // Fixed by the setting, or by the first list that answered under `auto`.
  let dialect: Dialect | null = own.apiGeneration === 'auto' ? null : dialects[own.apiGeneration];

  async function listPlans(signal?: AbortSignal): Promise<{ dialect: Dialect; body: unknown }> {
    if (dialect) return { dialect, body: await client.getJson(dialect.listPath, signal) };
    let body: unknown;
    try {
      body = await client.getJson(v3.listPath, signal);
      dialect = v3;
    } catch (err) {
      // Only "no such resource" means an older server; any other failure is this poll's error.
      if (!isUpstreamError(err) || err.code !== 'not_found') throw err;
      body = await client.getJson(v2.listPath, signal);
      dialect = v2;
    }
    return { dialect, body };
  }

  /** The generation in use; under `auto` before any poll, found as a poll finds it (one list read). */
  async function currentDialect(signal?: AbortSignal): Promise<Dialect> {
    return dialect ?? (await listPlans(signal)).dialect;
  }

  /** A running plan's runtime details; a failed read keeps the plan, without progress, and is counted. */
  async function runtimeOf(d: Dialect, f: PlanFields, bad: Unreadable, signal?: AbortSignal) {
    if (!d.runtimeDetailsPath) return null;
    try {
      const parsed = RawRuntimeDetails.safeParse(
        await client.getJson(d.runtimeDetailsPath(f.nativeId), signal),
      );
      if (parsed.success) return parsed.data;
      bad.add(`runtime details of plan ${f.nativeId}`, parsed.error.issues[0]?.message ?? 'invalid');
    } catch (err) {
      bad.add(`runtime details of plan ${f.nativeId}`, err);
    }
    return null;
  }

  return {
    settings,
    collections: ['plans'],
    async fetchInventory(signal): Promise<InventorySnapshot> {
      const { dialect: d, body } = await listPlans(signal);
      const list = RawList.safeParse(body);
      if (!list.success)
        throw new UpstreamError(
          'malformed_response',
          `response malformed: ${d.listPath} is not a list of plans`,
        );
      const bad = new Unreadable();
      const fields: PlanFields[] = [];
      for (const raw of list.data) {
        const read = d.readItem(raw);
        if (read.ok) fields.push(read.fields);
        else bad.add(d.kind, read.error);
      }
      const runtimes = await mapLimit(fields, RUNTIME_CONCURRENCY, (f) =>
        planState(f.nativeState) === 'running' ? runtimeOf(d, f, bad, signal) : Promise.resolve(null),
      );
      // An aborted poll is the caller's error, not a list of plans without progress.
      signal?.throwIfAborted();
      // Keyed by id: a list that names a plan twice shows it once.
      const plans = new Map<string, Plan>();
      fields.forEach((f, i) => {
        const plan = normalizePlan(f, { sourceId: settings.id, kind: d.kind }, runtimes[i] ?? null);
        plans.set(plan.id, plan);
      });
      return { plans: [...plans.values()], unreadable: { count: bad.count, firstError: bad.firstError } };
    },
    async readPlan(nativeId, signal): Promise<Plan> {
      const id = checkedGuid(nativeId, 'a plan');
      const d = await currentDialect(signal);
      const read = d.readItem(await client.getJson(d.itemPath(id), signal));
      if (!read.ok)
        throw new UpstreamError('malformed_response', `response malformed: plan ${id}: ${read.error}`);
      const f = read.fields;
      if (f.nativeId !== id)
        throw new UpstreamError(
          'malformed_response',
          `response malformed: asked for plan ${id}, got another`,
        );
      // As in a poll: progress and VMs for a running plan; without them when they cannot be read.
      const runtime =
        planState(f.nativeState) === 'running' ? await runtimeOf(d, f, new Unreadable(), signal) : null;
      signal?.throwIfAborted();
      return normalizePlan(f, { sourceId: settings.id, kind: d.kind }, runtime);
    },
    async runPlanAction(nativeId, action, params, signal): Promise<ActionReceipt> {
      const id = checkedGuid(nativeId, 'a plan');
      const d = await currentDialect(signal);
      const request = d.actionRequest(id, action, params);
      return client.sendAction(request.path, request.body, signal);
    },
    close: () => client.close(),
  };
}

/** The Recovery Orchestrator (VAO/VRO) kind: its plans, from the v3 or the v2 plan API. */
export const orchestrator = upstreamKind({
  settings: OrchestratorSettings,
  create: createOrchestratorConnector,
});
