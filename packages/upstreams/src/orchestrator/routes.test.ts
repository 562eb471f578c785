import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error.ts';
import { routes } from './routes.ts';

describe('the Orchestrator route table', () => {
  it('builds a plan path from a GUID only, lower-cased', () => {
    expect(routes.v3PlanRuntimeDetails('B8517D70-028D-4740-A130-787E164A3D83')).toBe(
      '/api/v3/RuntimeDetails/Plans/b8517d70-028d-4740-a130-787e164a3d83',
    );
  });

  it('builds the plan and action paths of both generations the same way', () => {
    const id = 'B8517D70-028D-4740-A130-787E164A3D83';
    const lower = id.toLowerCase();
    expect(routes.v2FailoverPlan(id)).toBe(`/v2/FailoverPlans/${lower}`);
    expect(routes.v2FailoverPlanAction(id, 'Run')).toBe(`/v2/FailoverPlans/${lower}/Run`);
    expect(routes.v3Plan(id)).toBe(`/api/v3/Plans/${lower}`);
    expect(routes.v3PlanAction(id, 'FailbackToProduction')).toBe(
      `/api/v3/Plans/${lower}/FailbackToProduction`,
    );
    expect(() => routes.v3PlanAction('../x', 'Undo')).toThrow(UpstreamError);
    expect(() => routes.v2FailoverPlanAction('../x', 'Undo')).toThrow(UpstreamError);
  });

  it.each([
    '../../x',
    'a%2Fb',
    'b8517d70-028d-4740-a130-787e164a3d83/Failover',
    '',
    ' b8517d70-028d-4740-a130-787e164a3d83',
  ])('refuses %j before anything is sent', (id) => {
    let err: unknown;
    try {
      routes.v3PlanRuntimeDetails(id);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).code).toBe('invalid_id');
  });
});
