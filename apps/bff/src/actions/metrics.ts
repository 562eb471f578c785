import { PlanState, RpoStatus } from '@lifeboat/shared';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Inventory } from '../inventory/inventory.ts';
import { tallyRpo } from '../inventory/vm-rpo.ts';
import type { Database } from '../store/database.ts';
import { countOperationsByActionAndState } from '../store/operations.ts';

let processRegistry: Registry | null = null;

/**
 * The process's own metrics (memory, CPU, event-loop delay, GC), collected once per process
 * however many apps it builds (the tests build many): each collection starts timers of its own.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 });
    // Gauges named like counters, which promtool's lint refuses; nodejs_active_* say the same.
    for (const name of ['handles', 'requests', 'resources'])
      processRegistry.removeSingleMetric(`nodejs_active_${name}_total`);
  }
  return processRegistry;
}

export interface Metrics {
  /** One answered HTTP request; `route` is its route's template, never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The exposition, in Prometheus' text format. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

/**
 * Lifeboat's metrics for Prometheus: per-source health, data age and polls; VMs by RPO grade,
 * plans by state and operations by kind and state; HTTP request durations; event-stream clients;
 * and the process (memory, event-loop delay, GC). Every label set is bounded: sources come from
 * the config, grades and states from the model, routes from the app; there is no per-VM label.
 * Values read from the inventory are read when scraped, so they are never older than the scrape.
 */
export function createMetrics(deps: {
  inventory: Inventory;
  db: Database;
  eventClients: () => number;
}): Metrics {
  const { inventory } = deps;
  const registry = new Registry();
  const registers = [registry];

  new Gauge({
    name: 'lifeboat_source_up',
    help: 'Whether the source is healthy (1: its last poll succeeded and its data is fresh).',
    labelNames: ['source', 'kind', 'status'],
    registers,
    collect() {
      this.reset();
      for (const s of inventory.sources())
        this.set({ source: s.id, kind: s.kind, status: s.status }, s.status === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'lifeboat_source_stale',
    help: 'Whether the data served for the source is stale (1) or fresh (0).',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      for (const s of inventory.sources()) this.set({ source: s.id }, s.stale ? 1 : 0);
    },
  });
  new Gauge({
    name: 'lifeboat_source_data_age_seconds',
    help: 'Age of the data served for the source; absent while it has none.',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      for (const s of inventory.sources())
        if (s.ageSeconds !== null) this.set({ source: s.id }, s.ageSeconds);
    },
  });
  new Gauge({
    name: 'lifeboat_source_polling',
    help: 'Whether this instance polls the source (1), or reads what the instance that polls it stored (0).',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      for (const { source, polling } of inventory.pollCounts()) this.set({ source }, polling ? 1 : 0);
    },
  });
  new Gauge({
    name: 'lifeboat_source_last_poll_duration_seconds',
    help: 'Duration of the last completed poll of the source.',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      for (const s of inventory.sources())
        if (s.latencyMs !== null) this.set({ source: s.id }, s.latencyMs / 1000);
    },
  });
  new Counter({
    name: 'lifeboat_source_polls_total',
    help: 'Polls of the source since the BFF started, by outcome (ok, or the error code).',
    labelNames: ['source', 'outcome'],
    registers,
    collect() {
      this.reset();
      for (const { source, outcomes } of inventory.pollCounts())
        for (const [outcome, n] of outcomes) this.inc({ source, outcome }, n);
    },
  });
  new Gauge({
    name: 'lifeboat_vms',
    help: 'VMs by RPO grade (the age of their newest restore point against their target).',
    labelNames: ['grade'],
    registers,
    async collect() {
      const { all } = tallyRpo((await inventory.vmRpo()).vms);
      for (const grade of RpoStatus.options) this.set({ grade }, all[grade]);
    },
  });
  new Gauge({
    name: 'lifeboat_plans',
    help: 'Recovery plans by state.',
    labelNames: ['state'],
    registers,
    collect() {
      const counts = new Map(PlanState.options.map((s) => [s, 0]));
      for (const p of inventory.list('plans')) counts.set(p.state, counts.get(p.state)! + 1);
      for (const [state, n] of counts) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'lifeboat_operations',
    help: 'Failover and failback operations recorded, by kind and state.',
    labelNames: ['kind', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const { action, state, n } of await countOperationsByActionAndState(deps.db))
        this.set({ kind: action, state }, n);
    },
  });
  new Gauge({
    name: 'lifeboat_event_stream_clients',
    help: 'Browsers connected to the event stream.',
    registers,
    collect() {
      this.set(deps.eventClients());
    },
  });
  const requests = new Histogram({
    name: 'lifeboat_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  return {
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    async exposition() {
      const [own, lifeboat] = await Promise.all([processMetrics().metrics(), registry.metrics()]);
      return { contentType: registry.contentType, body: `${own}\n${lifeboat}` };
    },
  };
}
