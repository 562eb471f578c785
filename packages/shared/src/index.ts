export * from './common.ts';
export * from './sources.ts';
export * from './failover-sessions.ts';
export * from './replica-points.ts';
export * from './rpo.ts';
export * from './api.ts';
