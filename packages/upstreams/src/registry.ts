import type { ConnectorFactory } from './connector.ts';
import { createEnterpriseManagerConnector } from './enterprise-manager/connector.ts';

/** Every upstream kind, one typed line each: a new upstream is a new folder plus a line here. */
export const connectors = {
  'enterprise-manager': createEnterpriseManagerConnector,
} satisfies Record<string, ConnectorFactory>;

export type SourceKind = keyof typeof connectors;
export const SOURCE_KINDS = Object.keys(connectors) as [SourceKind, ...SourceKind[]];
