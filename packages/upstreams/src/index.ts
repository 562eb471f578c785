export type { Connector, ConnectorFactory, InventorySnapshot, SourceSettings } from './connector.ts';
export { connectors, SOURCE_KINDS, type SourceKind } from './registry.ts';
export { UpstreamError, isUpstreamError, type UpstreamErrorCode } from './http/upstream-error.ts';
