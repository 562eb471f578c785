import {
  ApiToken,
  ApiTokenList,
  AuditEvent,
  CreateApiTokenRequest,
  CreatedApiToken,
  AuditQuery,
  CreatedKioskLink,
  CreateKioskLinkRequest,
  CSRF_HEADER,
  DecisionRequest,
  FailbackRequest,
  FailoverRequest,
  IDEMPOTENCY_HEADER,
  Operation,
  OperationQuery,
  PlainActionRequest,
  ErrorBody,
  FailoverSession,
  FailoverSessionQuery,
  itemEnvelope,
  KioskLink,
  KioskLinkList,
  KioskSignInRequest,
  listEnvelope,
  LoginRequest,
  Overview,
  Plan,
  PlanRestorePoints,
  PlanRestorePointsQuery,
  PlanQuery,
  ReplicationJob,
  ReplicationJobQuery,
  ReplicaPoint,
  ReplicaPointQuery,
  SignInOptions,
  RpoHistory,
  RpoHistoryQuery,
  SessionInfo,
  SourceList,
  VmRpo,
  VmRpoQuery,
} from '@lifeboat/shared';
import { z } from 'zod';
import { SESSION_COOKIE } from './middleware/session.ts';

/** JSON Schema of a shared zod schema, as OpenAPI 3.1 takes it. */
const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => {
  const json: Record<string, unknown> = z.toJSONSchema(s, { io, unrepresentable: 'any' });
  delete json.$schema;
  return namedRequiredKeys(json);
};

/**
 * A record keyed by an enum (counts by grade, by state) comes out of zod as `additionalProperties`
 * with every key `required`; its keys are written out as properties too, so that each required
 * property is defined (the linter's rule, and what client generators expect). Changed in place.
 */
function namedRequiredKeys(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) node.forEach(namedRequiredKeys);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    Object.values(o).forEach(namedRequiredKeys);
    if (Array.isArray(o.required) && o.additionalProperties && typeof o.additionalProperties === 'object') {
      const properties = (o.properties ?? {}) as Record<string, unknown>;
      for (const key of o.required as string[]) properties[key] ??= o.additionalProperties;
      o.properties = properties;
    }
  }
  return node as Record<string, unknown>;
}

const errors = Object.fromEntries(
  ['400', '401', '403', '404', '409', '413', '415', '422', '429', '502', '503', '504'].map((code) => [
    code,
    { description: 'Error', content: { 'application/json': { schema: schema(ErrorBody) } } },
  ]),
);

/**
 * The answers of an operation that redirects the browser (it has no 2xx): 303 to where `description`
 * says; 404 when single sign-on is not set up; any other error in the error body.
 */
const redirects = (description: string) => ({
  '303': { description, headers: { Location: { schema: { type: 'string' } } } },
  '404': { ...errors['404'], description: 'Single sign-on is not set up' },
  default: errors['400'],
});

/** Optional string query parameters, by name. */
const stringQuery = (names: string[]) =>
  names.map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));

const json = (s: z.ZodType) => ({
  description: 'OK',
  content: { 'application/json': { schema: schema(s) } },
});

/** Query parameters from a strict zod object (each documented with its own schema). */
function queryParams(q: z.ZodObject) {
  return Object.entries(q.shape).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: schema(s as z.ZodType, 'input'),
  }));
}

const list = (operationId: string, summary: string, query: z.ZodObject, item: z.ZodType) => ({
  get: {
    operationId,
    summary,
    parameters: queryParams(query),
    responses: { '200': json(listEnvelope(item)), ...errors },
  },
});

/** A list that also answers `?format=csv` with every match as a CSV file. */
function withCsv<T extends ReturnType<typeof list>>(route: T): T {
  (route.get.responses['200'].content as Record<string, unknown>)['text/csv'] = {
    schema: { type: 'string' },
  };
  return route;
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** A destructive plan action: 202 with the operation; the same Idempotency-Key and body answer the same. */
const action = (operationId: string, summary: string, body: z.ZodType) => ({
  post: {
    operationId,
    summary,
    parameters: [
      idParam,
      {
        name: IDEMPOTENCY_HEADER,
        in: 'header',
        required: true,
        schema: { type: 'string', minLength: 8, maxLength: 128 },
      },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: schema(body, 'input') } } },
    responses: {
      '202': {
        description: 'Accepted: the operation',
        content: { 'application/json': { schema: schema(Operation) } },
      },
      ...errors,
    },
  },
});

const decision = (operationId: string, summary: string) => ({
  post: {
    operationId,
    summary,
    parameters: [idParam],
    requestBody: {
      required: false,
      content: { 'application/json': { schema: schema(DecisionRequest, 'input') } },
    },
    responses: { '200': json(Operation), ...errors },
  },
});

const detail = (operationId: string, summary: string, item: z.ZodType) => ({
  get: {
    operationId,
    summary,
    parameters: [idParam],
    responses: { '200': json(itemEnvelope(item)), ...errors },
  },
});

/**
 * The BFF API contract, generated from the same zod schemas the BFF and the web app use, so it
 * cannot drift from what the server validates.
 */
const paths = {
  '/auth/login': {
    post: {
      operationId: 'login',
      summary: 'Sign in; sets the session cookie and returns the CSRF token',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schema(LoginRequest, 'input') } },
      },
      responses: { '200': json(SessionInfo), ...errors },
    },
  },
  '/auth/kiosk': {
    post: {
      operationId: 'kioskSignIn',
      summary:
        "Sign a wall display in with a kiosk link's token: read-only (viewer), no idle timeout, until the " +
        'link expires or is revoked; sets the session cookie and returns the CSRF token',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schema(KioskSignInRequest, 'input') } },
      },
      responses: { '200': json(SessionInfo), ...errors },
    },
  },
  '/auth/logout': {
    post: {
      operationId: 'logout',
      summary: 'Sign out',
      responses: { '204': { description: 'Signed out' }, ...errors },
    },
  },
  '/auth/me': {
    get: {
      operationId: 'getSession',
      summary: 'The signed-in user and CSRF token',
      responses: { '200': json(SessionInfo), ...errors },
    },
  },
  '/auth/options': {
    get: {
      operationId: 'getSignInOptions',
      summary: 'How one may sign in here: passwords (unless switched off) and single sign-on (when set up)',
      responses: { '200': json(SignInOptions), ...errors },
    },
  },
  '/auth/sso/start': {
    get: {
      operationId: 'startSingleSignOn',
      summary:
        "Sends the browser to the organisation's identity provider (OpenID Connect, authorization code with " +
        'PKCE); it comes back to /auth/sso/callback',
      parameters: stringQuery(['next']),
      responses: redirects(
        'To the identity provider, or to the sign-in page with sso_error when it cannot be reached',
      ),
    },
  },
  '/auth/sso/callback': {
    get: {
      operationId: 'finishSingleSignOn',
      summary:
        "The identity provider's answer: sets the session cookie and sends the browser on, or to the sign-in " +
        'page with sso_error (denied, no_role, name_taken, expired or failed)',
      parameters: stringQuery(['code', 'state', 'error', 'error_description']),
      responses: redirects(
        'Signed in and on to where the user was going, or back to the sign-in page with why not',
      ),
    },
  },
  '/sources': {
    get: {
      operationId: 'listSources',
      summary: 'Each source with its health and the age of its data',
      responses: { '200': json(SourceList), ...errors },
    },
  },
  '/overview': {
    get: {
      operationId: 'getOverview',
      summary: 'Worst-of status, RPO compliance, plans by state, runs in progress, unfinished business',
      responses: { '200': json(Overview), ...errors },
    },
  },
  '/events': {
    get: {
      operationId: 'streamEvents',
      summary:
        "Server-Sent Events: `inventory` (a source's data changed), `source` (its health changed), " +
        '`resync` (events were missed: refetch), `restarting`; resume with Last-Event-ID',
      responses: {
        '200': {
          description: 'An event stream',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        ...errors,
      },
    },
  },
  '/failover-sessions': list(
    'listFailoverSessions',
    'Failover sessions',
    FailoverSessionQuery,
    FailoverSession,
  ),
  '/failover-sessions/{id}': detail(
    'getFailoverSession',
    'One failover session (re-read from its upstream while it runs)',
    FailoverSession,
  ),
  '/replica-points': list('listReplicaPoints', 'VM replica restore points', ReplicaPointQuery, ReplicaPoint),
  '/vm-rpo': withCsv(
    list(
      'listVmRpo',
      'RPO per VM, graded against its target; ?format=csv downloads every match',
      VmRpoQuery,
      VmRpo,
    ),
  ),
  '/rpo-history': {
    get: {
      operationId: 'getRpoHistory',
      summary:
        'RPO compliance over time: VMs per grade, for every VM or one tenant (a sample at most once a minute, kept 30 days)',
      parameters: queryParams(RpoHistoryQuery),
      responses: { '200': json(RpoHistory), ...errors },
    },
  },
  '/plans': list('listPlans', 'Recovery plans with the actions their state allows', PlanQuery, Plan),
  '/plans/{id}': detail('getPlan', 'One recovery plan', Plan),
  '/plans/{id}/restore-points': {
    get: {
      operationId: 'getPlanRestorePoints',
      summary: "For a failover's pre-flight: the restore point each of the plan's VMs would use, and its age",
      parameters: [idParam, ...queryParams(PlanRestorePointsQuery)],
      responses: { '200': json(itemEnvelope(PlanRestorePoints)), ...errors },
    },
  },
  '/replication-jobs': list('listReplicationJobs', 'Replication jobs', ReplicationJobQuery, ReplicationJob),
  '/replication-jobs/{id}': detail('getReplicationJob', 'One replication job', ReplicationJob),
  '/plans/{id}/failover': action('requestFailover', 'Request a failover of the plan', FailoverRequest),
  '/plans/{id}/failback': action('requestFailback', 'Request a failback of the plan', FailbackRequest),
  '/plans/{id}/undo-failover': action(
    'requestUndoFailover',
    'Request an undo of the failover',
    PlainActionRequest,
  ),
  '/plans/{id}/commit-failback': action(
    'requestCommitFailback',
    'Request a commit of the failback',
    PlainActionRequest,
  ),
  '/plans/{id}/undo-failback': action(
    'requestUndoFailback',
    'Request an undo of the failback',
    PlainActionRequest,
  ),
  '/operations': list(
    'listOperations',
    'Operations (failover, failback, ...), newest first',
    OperationQuery,
    Operation,
  ),
  '/operations/{id}': detail('getOperation', 'One operation with its progress and receipt', Operation),
  '/operations/{id}/approve': decision(
    'approveOperation',
    'Approve a request (approver role, not the requester)',
  ),
  '/operations/{id}/reject': decision(
    'rejectOperation',
    'Reject a request (approver role, not the requester)',
  ),
  '/kiosk-links': {
    get: {
      operationId: 'listKioskLinks',
      summary: 'Kiosk links, newest first (admin); never their tokens',
      responses: { '200': json(KioskLinkList), ...errors },
    },
    post: {
      operationId: 'createKioskLink',
      summary: 'Create a kiosk link (admin); its token is in this answer only',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schema(CreateKioskLinkRequest, 'input') } },
      },
      responses: {
        '201': {
          description: 'Created: the link and its token',
          content: { 'application/json': { schema: schema(CreatedKioskLink) } },
        },
        ...errors,
      },
    },
  },
  '/kiosk-links/{id}/revoke': {
    post: {
      operationId: 'revokeKioskLink',
      summary: 'Revoke a kiosk link (admin): the displays signed in with it lose access at once',
      parameters: [idParam],
      responses: { '200': json(KioskLink), ...errors },
    },
  },
  '/api-tokens': {
    get: {
      operationId: 'listApiTokens',
      summary: 'API tokens, newest first (admin); never their secrets',
      responses: { '200': json(ApiTokenList), ...errors },
    },
    post: {
      operationId: 'createApiToken',
      summary: 'Create an API token with one role and an expiry (admin); its secret is in this answer only',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schema(CreateApiTokenRequest, 'input') } },
      },
      responses: {
        '201': {
          description: 'Created: the token and its secret',
          content: { 'application/json': { schema: schema(CreatedApiToken) } },
        },
        ...errors,
      },
    },
  },
  '/api-tokens/{id}/revoke': {
    post: {
      operationId: 'revokeApiToken',
      summary: 'Revoke an API token (admin): it is refused from the next request on',
      parameters: [idParam],
      responses: { '200': json(ApiToken), ...errors },
    },
  },
  '/audit': auditRoute(),
};

/** The audit trail: a page in the list envelope, or with `format` every match as a file (JSON or CSV). */
function auditRoute() {
  const route = withCsv(
    list('listAudit', 'The audit trail (admin); format=csv or json downloads it all', AuditQuery, AuditEvent),
  );
  route.get.responses['200'].content['application/json'] = {
    schema: { oneOf: [schema(listEnvelope(AuditEvent)), schema(z.array(AuditEvent))] },
  };
  return route;
}

/** Operations anyone may call: signing in. */
const PUBLIC = new Set([
  'login',
  'kioskSignIn',
  'getSignInOptions',
  'startSingleSignOn',
  'finishSingleSignOn',
]);
/** Operations on a browser session itself, which an API token has none of. */
const SESSION_ONLY = new Set(['logout']);

/**
 * Each operation's security: none to sign in; the session cookie or an API token to read; the
 * session cookie and the CSRF token (with a same-origin Origin and a JSON body), or an API token,
 * to change anything.
 */
for (const operations of Object.values(paths) as Record<
  string,
  { operationId: string; security?: unknown }
>[])
  for (const [method, operation] of Object.entries(operations)) {
    if (PUBLIC.has(operation.operationId)) operation.security = [];
    else if (SESSION_ONLY.has(operation.operationId)) operation.security = [{ session: [], csrf: [] }];
    else if (method !== 'get') operation.security = [{ session: [], csrf: [] }, { bearer: [] }];
  }

/**
 * The BFF API contract, generated from the same zod schemas the BFF and the web app use, so it
 * cannot drift from what the server validates.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Lifeboat API',
    version: '1',
    description:
      'Normalized DR data from Veeam sources. Sign in with POST /auth/login; send the session cookie, and on ' +
      'state-changing calls the X-CSRF-Token header, a JSON body and a same-origin Origin. Scripts send ' +
      '`Authorization: Bearer <secret>` of an API token instead (an admin creates it), and no CSRF token.',
    // No licence is granted: the document says so rather than leave it unsaid.
    license: { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' },
  },
  servers: [{ url: '/api/v1' }],
  security: [{ session: [] }, { bearer: [] }],
  components: {
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: 'The session cookie POST /auth/login (or /auth/kiosk) sets: httpOnly, SameSite=Strict.',
      },
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: CSRF_HEADER,
        description: 'The csrfToken the sign-in answered; every state-changing call sends it.',
      },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          "An API token's secret (POST /api-tokens, shown once): it acts with the token's role and needs no CSRF token.",
      },
    },
  },
  paths,
};
