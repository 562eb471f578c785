import { describe, expect, it } from 'vitest';
import { worstGrade } from './worst-grade.ts';

describe('a tenant’s worst RPO grade', () => {
  it('is the worst grade that has a VM, unknown counting worse than compliant only', () => {
    expect(worstGrade({ compliant: 10, exceeded: 1, critical: 0 })).toBe('exceeded');
    expect(worstGrade({ compliant: 10, unknown: 2 })).toBe('unknown');
    expect(worstGrade({ severe: 1, critical: 1 })).toBe('critical');
    expect(worstGrade({ compliant: 0 })).toBeNull();
  });
});
