// /api/cloud/cloudFailoverPlans: a tenant's cloud failover plans. Their Start, Test and Undo links are
// the plan actions (plan-actions.ts).

import type { FailoverPlan, Tenant, Vm } from '../../world/types.ts';
import { element, textElement } from '../../xml/xml-writer.ts';
import { apiUrl, link, urn } from '../em-xml.ts';
import { backupServerFields, backupServerUpLink } from './backup-servers.ts';
import { entityHref, listInventory, referenceHref, type EmResource } from './resource.ts';

const tenantOf = (plan: FailoverPlan, tenants: readonly Tenant[]) => tenants[plan.tenant] as Tenant;

export const failoverPlans: EmResource<FailoverPlan> = {
  type: 'CloudFailoverPlan',
  plural: 'CloudFailoverPlans',
  path: '/cloud/cloudFailoverPlans',
  idOf: (plan) => plan.uid,
  nameOf: (plan) => plan.name,
  referenceLinks(plan, ctx) {
    const tenant = tenantOf(plan, ctx.world.tenants);
    return [
      backupServerUpLink(ctx, plan.backupServer),
      link('Alternate', 'CloudFailoverPlan', entityHref(failoverPlans, plan, ctx), plan.name),
      link('Related', 'CloudTenant', apiUrl(ctx, `/cloud/tenants/${tenant.uid}?format=Entity`), tenant.name),
    ];
  },
  entityLinks(plan, ctx) {
    const href = referenceHref(failoverPlans, plan, ctx);
    return [
      backupServerUpLink(ctx, plan.backupServer),
      link('Alternate', 'CloudFailoverPlanReference', href, plan.name),
      link('Edit', 'CloudFailoverPlanReference', href, plan.name),
      link('Start', undefined, `${href}?action=start`),
      link('Test', undefined, `${href}?action=test`),
      link('Undo', undefined, `${href}?action=undo`),
      link('Delete', 'CloudFailoverPlanReference', href, plan.name),
    ];
  },
  entityBody(plan, ctx) {
    const tenant = tenantOf(plan, ctx.world.tenants);
    const href = referenceHref(failoverPlans, plan, ctx);
    return [
      ...textElement('TenantUid', urn('CloudTenant', tenant.uid)),
      ...textElement('TenantName', tenant.name),
      ...textElement('Description', plan.description),
      element('CloudFailoverPlanOptions', undefined, [
        ...textElement('PostFailoverPlanCommandEnabled', plan.postCommand !== undefined),
        ...textElement('PostFailoverPlanCommand', plan.postCommand ?? ''),
        ...textElement('PreFailoverPlanCommandEnabled', plan.preCommand !== undefined),
        ...textElement('PreFailoverPlanCommand', plan.preCommand ?? ''),
      ]),
      element('CloudFailoverPlanInfo', undefined, [
        element(
          'Includes',
          undefined,
          plan.vms.map((planVm) =>
            element(
              'CloudFailoverPlanVm',
              { Type: 'CloudFailoveredVm', Href: `${href}/includes/${planVm.planVmId}` },
              [
                ...textElement('FailoverPlanVMId', planVm.planVmId),
                ...textElement('Name', (ctx.world.vms[planVm.vm] as Vm).name),
                ...textElement('Order', planVm.order),
              ],
            ),
          ),
        ),
      ]),
    ];
  },
  listed: (ctx) => ctx.world.plans,
  inventory: listInventory((ctx) => ctx.world.plans),
  find: (id, ctx) => ctx.world.planByUid(id),
  fields: {
    uid: { kind: 'string', get: (plan) => urn('CloudFailoverPlan', plan.uid) },
    name: { kind: 'string', get: (plan) => plan.name },
    description: { kind: 'string', get: (plan) => plan.description },
    tenantuid: {
      kind: 'string',
      get: (plan, ctx) => urn('CloudTenant', tenantOf(plan, ctx.world.tenants).uid),
    },
    tenantname: { kind: 'string', get: (plan, ctx) => tenantOf(plan, ctx.world.tenants).name },
    ...backupServerFields<FailoverPlan>((plan) => plan.backupServer),
  },
};
