// The Orchestrator's view of the world's failover plans: one recovery plan per world plan, with what
// VRO shows and the world does not hold (its own ids, a contact, a site scope, a recovery location,
// a schedule, an RTO). Everything is derived from the seed and the world's data, so the same world
// always shows the same plans. The Orchestrator has its own ids (derived from the world's), as a real
// VRO plan is a different object from the VBR cloud failover plan that Enterprise Manager shows.
// The catalog is built at start; the names in it (plan, site scope, VMs) are read through the world
// at each access, so they follow the world's hostile-names switch. What is derived from a name (the
// contact's e-mail domain) keeps the value it had at start.

import { guidFromWords, normalizeGuid } from '../world/guid.ts';
import { hash32, hashUnit } from '../world/prng.ts';
import type { FailoverPlan, Tenant, Vm } from '../world/types.ts';
import type { World } from '../world/world.ts';

export interface OrchestratorVm {
  readonly id: string;
  readonly name: string;
}

export interface OrchestratorPlan {
  /** Position in the world's plans (and in the catalog). */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactTel: string;
  readonly siteScopeId: string;
  readonly siteScopeName: string;
  readonly recoveryLocationId: string;
  readonly targetRpoMinutes: number;
  readonly targetRtoMinutes: number;
  readonly enabledAtStart: boolean;
  /** Daily run time (epoch ms of the next run) when the plan is scheduled. */
  readonly scheduleTimeMs: number | undefined;
  /** In boot order. */
  readonly vms: readonly OrchestratorVm[];
}

export interface OrchestratorCatalog {
  readonly plans: readonly OrchestratorPlan[];
  byId(id: string): OrchestratorPlan | undefined;
}

const CONTACTS = [
  'Wendy May',
  'Rahul Mehta',
  'Olga Petrova',
  'Kenji Sato',
  'Amara Okafor',
  'Lucas Moreau',
  'Sofia Rossi',
  'Daniel Kim',
] as const;
/** Salts for the ids this module derives, so they never collide with each other. */
const SALT = { plan: 0x504c, vm: 0x564d, scope: 0x5343, location: 0x4c4f } as const;
const HOUR = 3_600_000;

export function plansFromWorld(world: World): OrchestratorCatalog {
  const plans = world.plans.map((plan) =>
    orchestratorPlan(world, plan, world.tenants[plan.tenant] as Tenant),
  );
  const byId = new Map(plans.map((plan) => [plan.id, plan]));
  return {
    plans,
    byId(id) {
      const key = normalizeGuid(id);
      return key === undefined ? undefined : byId.get(key);
    },
  };
}

function derivedGuid(seed: number, salt: number, index: number): string {
  return guidFromWords([
    hash32(seed, salt, index, 0),
    hash32(seed, salt, index, 1),
    hash32(seed, salt, index, 2),
    hash32(seed, salt, index, 3),
  ]);
}

function orchestratorPlan(world: World, plan: FailoverPlan, tenant: Tenant): OrchestratorPlan {
  const contactName = CONTACTS[hash32(world.seed, tenant.index) % CONTACTS.length] as string;
  const domain = `${tenant.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`;
  // Plan 0 is always scheduled so that every world shows a schedule; about a quarter of the rest are.
  const scheduled = plan.index === 0 || hashUnit(world.seed, plan.index, 0x5343) < 0.25;
  const nextDay = Math.floor(world.clock.startMs / (24 * HOUR) + 1) * 24 * HOUR;
  return {
    index: plan.index,
    id: derivedGuid(world.seed, SALT.plan, plan.index),
    get name() {
      return (world.plans[plan.index] as FailoverPlan).name;
    },
    description: plan.description,
    contactName,
    contactEmail: `${contactName.toLowerCase().replace(' ', '.')}@${domain}`,
    contactTel: `1800${String(hash32(world.seed, tenant.index, 7) % 10_000_000).padStart(7, '0')}`,
    // One scope per tenant: a service provider gives each customer its own scope.
    siteScopeId: derivedGuid(world.seed, SALT.scope, tenant.index),
    get siteScopeName() {
      return (world.tenants[tenant.index] as Tenant).name;
    },
    // One recovery location per backup server: where the tenant's replicas live.
    recoveryLocationId: derivedGuid(world.seed, SALT.location, plan.backupServer),
    targetRpoMinutes: plan.targetRpoMinutes,
    // An hour per ten VMs, started: larger plans are given more time to recover.
    targetRtoMinutes: 60 * Math.max(1, Math.ceil(plan.vms.length / 10)),
    enabledAtStart: plan.enabled,
    scheduleTimeMs: scheduled ? nextDay + (1 + (hash32(world.seed, plan.index) % 5)) * HOUR : undefined,
    vms: plan.vms.map((planVm) => ({
      id: derivedGuid(world.seed, SALT.vm, planVm.vm),
      get name() {
        return (world.vms[planVm.vm] as Vm).name;
      },
    })),
  };
}
