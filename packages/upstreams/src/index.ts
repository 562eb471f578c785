export type {
  ActionParams,
  ActionReceipt,
  CollectionChanges,
  CollectionName,
  Collections,
  Connector,
  InventorySnapshot,
  ProtectedVm,
  ResilienceTiming,
  SourceSettings,
  UpstreamKind,
} from './connector.ts';
export { upstreamKinds, SOURCE_KINDS, type SourceKind } from './registry.ts';
export { UpstreamError, isUpstreamError, type UpstreamErrorCode } from './http/upstream-error.ts';
export { redactUrls } from './redact.ts';
export { FULL_READS } from './full-reads.ts';
export { pointMs, pointSource } from './enterprise-manager/kept-point.ts';
export { giveWay, inSlices, Slices } from './in-slices.ts';
export { onThisThread, startWorkerPool, type OffThread } from './off-thread.ts';
