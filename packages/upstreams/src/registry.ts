import type { UpstreamKind } from './connector.ts';
import { enterpriseManager } from './enterprise-manager/connector.ts';
import { orchestrator } from './orchestrator/connector.ts';
import { serviceProviderConsole } from './service-provider-console/connector.ts';

/**
 * Every upstream kind, one typed line each: a new upstream is a new folder plus a line here. Each
 * entry carries its own config settings and its factory.
 */
export const upstreamKinds = {
  'enterprise-manager': enterpriseManager,
  orchestrator,
  'service-provider-console': serviceProviderConsole,
} satisfies Record<string, UpstreamKind>;

export type SourceKind = keyof typeof upstreamKinds;
export const SOURCE_KINDS = Object.keys(upstreamKinds) as [SourceKind, ...SourceKind[]];
