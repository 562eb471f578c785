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
        trustedProxies: z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).default([]),
      })
      .default({ host: '127.0.0.1', port: 8080, trustedProxies: [] }),
    database: z
      .strictObject({ url: z.string().nullable().default(null), dataDir: z.string().default('.data') })
      .default({ url: null, dataDir: '.data' }),
    sources: z
      .array(SourceConfig)
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'source ids must be unique'),
    users: z.array(UserConfig).min(1, 'at least one user is needed to sign in'),
    policy: z
      .strictObject({ requireApproval: z.boolean().default(false) })
      .default({ requireApproval: false }),
    rpo: z
      .strictObject({ defaultTargetMinutes: z.number().positive().default(60) })
      .default({ defaultTargetMinutes: 60 }),
  })
  .refine(
    (c) => new Set(c.users.map((u) => u.username)).size === c.users.length,
    'user names must be unique',
  );
export type Config = z.infer<typeof Config>;
