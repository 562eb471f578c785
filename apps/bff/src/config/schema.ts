import { upstreamKinds, type SourceKind } from '@lifeboat/upstreams';
import { Role } from '@lifeboat/shared';
import { z } from 'zod';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** https anywhere; plain http only to this machine (the simulator), never a redirect target (SEC-40). */
const UpstreamUrl = z
  .url()
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  }, 'must be an https:// URL (http:// is allowed only to 127.0.0.1 or localhost)')
  .refine(
    (u) => ['', '/'].includes(new URL(u).pathname) && !new URL(u).search,
    'must be the base URL without a path',
  )
  .transform((u) => new URL(u).origin);

/** A secret is named, never written: an environment variable or a file (e.g. a mounted secret). */
const secretRef = {
  passwordEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  passwordFile: z.string().min(1).optional(),
};
const oneSecret = (v: { passwordEnv?: string | undefined; passwordFile?: string | undefined }) =>
  (v.passwordEnv === undefined) !== (v.passwordFile === undefined);
const ONE_SECRET = { message: 'give exactly one of passwordEnv or passwordFile', path: ['passwordEnv'] };

/** What every source takes, whatever its kind. */
const commonSource = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1).max(100).optional(),
  /** A source configured off: listed as disabled, never polled. */
  enabled: z.boolean().default(true),
  url: UpstreamUrl,
  username: z.string().min(1),
  ...secretRef,
  /** Trust a self-signed upstream through a CA file, or pin its certificate; verification is never skipped. */
  tls: z
    .union([
      z.strictObject({ caFile: z.string().min(1) }),
      z.strictObject({
        pinnedSha256: z
          .string()
          .regex(
            /^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/,
            'must be a SHA-256 fingerprint (64 hex digits, colons allowed)',
          ),
      }),
    ])
    .optional(),
  pollSeconds: z.number().int().min(1).max(3600).default(30),
  timeoutSeconds: z.number().int().min(1).max(120).default(20),
  maxResponseMegabytes: z.number().min(1).max(256).default(8),
};

/** One object per kind: the common fields plus that kind's own settings from the registry. */
const kindSchemas = (Object.keys(upstreamKinds) as SourceKind[]).map((kind) =>
  z
    .strictObject({ ...commonSource, kind: z.literal(kind), ...upstreamKinds[kind].settings.shape })
    .refine(oneSecret, ONE_SECRET),
);

/** `sources[]` is a union on `kind`, so each kind's own settings are checked with readable errors. */
export const SourceConfig = z.discriminatedUnion(
  'kind',
  kindSchemas as [(typeof kindSchemas)[number], ...(typeof kindSchemas)[number][]],
);
export type SourceConfig = z.infer<typeof SourceConfig>;

export const UserConfig = z
  .strictObject({
    username: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only'),
    ...secretRef,
    roles: z.array(Role).min(1),
  })
  .refine(oneSecret, ONE_SECRET);

/** An RPO target: a positive number of minutes, at most a year. */
const TargetMinutes = z
  .number({ error: 'must be a number of minutes' })
  .positive('must be more than 0 minutes')
  .max(525_600, 'must be at most 525600 minutes (a year)');
/** A map by name; its keys are checked as a whole, so an empty name reads as such, not as "invalid key". */
const byName = <T extends z.ZodType>(what: string, value: T) =>
  z
    .record(z.string(), value)
    .refine(
      (m) => Object.keys(m).every((k) => k.length > 0 && k.length <= 512),
      `each key must be ${what} (1 to 512 characters)`,
    );
const targetsByName = (what: string) => byName(what, TargetMinutes);

/** An address or a CIDR network, IPv4 or IPv6. */
const Network = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

export const Config = z
  .strictObject({
    listen: z
      .strictObject({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** The origin browsers use (e.g. https://lifeboat.example behind a TLS proxy); checked on every write. */
        publicOrigin: z
          .url()
          .transform((u) => new URL(u).origin)
          .optional(),
        /**
         * Proxies whose X-Forwarded-For is believed for the client's address (sign-in throttling,
         * audit): addresses or CIDR ranges. Empty: the connecting address is the client.
         */
        trustedProxies: z.array(Network).default([]),
        /** A client that has not sent its request headers by then is cut off (SEC-32, slowloris). */
        headersTimeoutSeconds: z.number().min(0.1).max(300).default(10),
        /** A client that has not sent its whole request by then is cut off; event streams are responses, so exempt. */
        requestTimeoutSeconds: z.number().min(1).max(3600).default(60),
      })
      .default({
        host: '127.0.0.1',
        port: 8080,
        trustedProxies: [],
        headersTimeoutSeconds: 10,
        requestTimeoutSeconds: 60,
      }),
    database: z
      .strictObject({ url: z.string().nullable().default(null), dataDir: z.string().default('.data') })
      .default({ url: null, dataDir: '.data' }),
    sources: z
      .array(SourceConfig)
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'source ids must be unique'),
    /** Local users, who sign in with a password (unless `passwordSignIn` is false). */
    users: z.array(UserConfig).default([]),
    /**
     * Whether local users may sign in with their passwords. With single sign-on set up, an admin
     * may switch them off; then only the identity provider signs anyone in.
     */
    passwordSignIn: z.boolean().default(true),
    /**
     * Single sign-on through the organisation's OpenID Connect provider (authorization code with
     * PKCE). Register `PUBLIC_ORIGIN/api/v1/auth/sso/callback` as its redirect URI. Each value of
     * the `rolesClaim` claim (a string or a list) named in `roles` grants those roles; a user with
     * none is refused. For example: `{ "issuer": "https://login.example", "clientId": "lifeboat",
     * "clientSecretEnv": "LIFEBOAT_SSO_SECRET", "roles": { "dr-operators": ["operator"] } }`.
     */
    sso: z
      .strictObject({
        /** What the sign-in page calls it: "Sign in with …". */
        name: z.string().min(1).max(60).default('single sign-on'),
        /** https, or http on this machine only (a provider for tests). */
        issuer: z.url().refine((u) => {
          const { protocol, hostname } = new URL(u);
          return protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
        }, 'must be an https URL (plain http only on this machine)'),
        clientId: z.string().min(1),
        /** The client's secret, when the provider gave one (a public client uses PKCE alone). */
        clientSecretEnv: secretRef.passwordEnv,
        clientSecretFile: secretRef.passwordFile,
        scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).default(['openid', 'profile', 'email']),
        /** The claim that names the user (falls back to `sub`). */
        usernameClaim: z.string().min(1).default('preferred_username'),
        rolesClaim: z.string().min(1).default('groups'),
        roles: z.record(z.string().min(1), z.array(Role).min(1)),
      })
      .refine((o) => !(o.clientSecretEnv && o.clientSecretFile), {
        message: 'give at most one of clientSecretEnv or clientSecretFile',
        path: ['clientSecretEnv'],
      })
      .optional(),
    /**
     * Threads that parse and normalize large upstream answers, so that no request waits behind a
     * parse (decision 014); 0 parses on the thread that serves requests. Unset: one fewer than the
     * machine's cores, at least one, and two on a machine of two.
     */
    upstreamWorkers: z.number().int().min(0).max(16).optional(),
    /**
     * Who may scrape GET /metrics: clients connecting from `allowFrom` (addresses or CIDR
     * networks; this machine by default), and anyone sending the token named by `tokenEnv` or
     * `tokenFile` as `Authorization: Bearer …`.
     */
    metrics: z
      .strictObject({
        allowFrom: z.array(Network).max(100).default(['127.0.0.1', '::1']),
        tokenEnv: secretRef.passwordEnv,
        tokenFile: secretRef.passwordFile,
      })
      .refine((m) => !(m.tokenEnv && m.tokenFile), {
        message: 'give at most one of tokenEnv or tokenFile',
        path: ['tokenEnv'],
      })
      .default({ allowFrom: ['127.0.0.1', '::1'] }),
    policy: z
      .strictObject({ requireApproval: z.boolean().default(false) })
      .default({ requireApproval: false }),
    /**
     * RPO targets in minutes. The most specific that names a VM wins: `tenantVms`, then `vms`, then
     * `jobs`, then `tenants`, then `defaultTargetMinutes`. Names are matched exactly, as the
     * sources spell them. For example:
     * `{ "defaultTargetMinutes": 60, "tenants": { "Acme": 240 }, "jobs": { "Acme SQL": 15 },
     *    "vms": { "dc01": 30 }, "tenantVms": { "Acme": { "dc01": 5 } } }`
     */
    rpo: z
      .strictObject({
        defaultTargetMinutes: TargetMinutes.default(60),
        /** By tenant name. */
        tenants: targetsByName('a tenant name').optional(),
        /** By replication job: its name as restore points give it (the replica job), or its native id. */
        jobs: targetsByName('a job name or id').optional(),
        /** By VM name, in every tenant: VM names repeat across tenants, see `tenantVms`. */
        vms: targetsByName('a VM name').optional(),
        /** By tenant name, then VM name: one tenant's VM, when others have a VM of the same name. */
        tenantVms: byName('a tenant name', targetsByName('a VM name')).optional(),
      })
      .default({ defaultTargetMinutes: 60 }),
  })
  .refine((c) => new Set(c.users.map((u) => u.username)).size === c.users.length, 'user names must be unique')
  .refine((c) => c.sso || (c.passwordSignIn && c.users.length > 0), {
    message: 'someone must be able to sign in: give users (with passwordSignIn) or sso',
    path: ['users'],
  });
export type Config = z.infer<typeof Config>;
