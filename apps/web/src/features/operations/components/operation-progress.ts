import type { Operation } from '@lifeboat/shared';

/** One step of a VM's part in the action, as the upstream reported it. */
export interface VmStep {
  name: string;
  state: string;
  result: string | null;
  message: string | null;
}

/** Where one VM is in the action. */
export interface VmProgress {
  name: string;
  state: string;
  progress: number | null;
  result: string | null;
  steps: VmStep[];
}

/** What the BFF reports of a running or finished action, read leniently (the record is open). */
export interface OperationProgress {
  percent: number | null;
  nativeState: string | null;
  rtoTargetMinutes: number | null;
  vms: VmProgress[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function stepOf(value: unknown): VmStep | null {
  if (!isRecord(value) || typeof value.name !== 'string') return null;
  return {
    name: value.name,
    state: text(value.state) ?? 'Unknown',
    result: text(value.result),
    message: text(value.message),
  };
}

function vmOf(value: unknown): VmProgress | null {
  if (!isRecord(value) || typeof value.name !== 'string' || !isRecord(value.run)) return null;
  const run = value.run;
  return {
    name: value.name,
    state: text(run.state) ?? 'Unknown',
    progress: number(run.progress),
    result: text(run.result),
    steps: Array.isArray(run.steps) ? run.steps.map(stepOf).filter((s): s is VmStep => s !== null) : [],
  };
}

export function progressOf(operation: Operation): OperationProgress {
  const p = operation.progress;
  if (!p) return { percent: null, nativeState: null, rtoTargetMinutes: null, vms: [] };
  return {
    percent: number(p.progress),
    nativeState: text(p.nativeState),
    rtoTargetMinutes: number(p.rtoTargetMinutes),
    vms: Array.isArray(p.vms) ? p.vms.map(vmOf).filter((vm): vm is VmProgress => vm !== null) : [],
  };
}

/** The step a VM is on (the first not completed), or its last one. */
export function currentStep(vm: VmProgress): VmStep | null {
  return vm.steps.find((s) => !/^(completed|success|done)$/i.test(s.state)) ?? vm.steps.at(-1) ?? null;
}
