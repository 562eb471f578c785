import type { Role, SsoError } from '@lifeboat/shared';
import * as oidc from 'openid-client';
import type { ResolvedSso } from '../config/load.ts';

/** How long a sign-in may take at the identity provider before its answer is refused. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;
/** The identity provider's own calls (discovery, token, userinfo) give up after this long. */
const TIMEOUT_SECONDS = 10;

/** A single sign-on that ends without a session, with why (shown in plain words by the sign-in page). */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoError,
    message: string,
  ) {
    super(message);
  }
}

/** What the identity provider said of the user, read from the ID token and the userinfo endpoint. */
export interface SsoIdentity {
  username: string;
  roles: Role[];
  /** Every claim value that named a role, for the audit. */
  groups: string[];
}

/** What a sign-in under way must keep until the provider answers (stored in the database). */
export interface SsoStart {
  url: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/**
 * The OpenID Connect client (authorization code with PKCE, through openid-client): the
 * provider's settings are discovered at first use and kept (a provider that is down at boot does
 * not stop Lifeboat; a failed discovery is tried again at the next sign-in).
 */
export class SingleSignOn {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: ResolvedSso) {}

  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const url = new URL(issuer);
    this.configuration ??= oidc
      .discovery(
        url,
        clientId,
        clientSecret ?? undefined,
        clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
        {
          timeout: TIMEOUT_SECONDS,
          // Plain http only for a provider on this machine (the config refuses it elsewhere).
          ...(url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      )
      .catch((err: unknown) => {
        this.configuration = null;
        throw new SsoFailure('failed', `the identity provider could not be reached (${describe(err)})`);
      });
    return this.configuration;
  }

  /** Where to send the browser to sign in, with what to keep until it comes back. */
  async start(redirectUri: string): Promise<SsoStart> {
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, codeVerifier, nonce };
  }

  /**
   * The identity behind the provider's answer (`callbackUrl`, the redirect URI with its query):
   * the code exchanged with the PKCE verifier, the ID token checked (issuer, audience, nonce,
   * expiry), the roles mapped from the roles claim.
   */
  async finish(
    callbackUrl: URL,
    kept: { state: string; codeVerifier: string; nonce: string },
  ): Promise<SsoIdentity> {
    const configuration = await this.discover();
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: kept.codeVerifier,
        expectedState: kept.state,
        expectedNonce: kept.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new SsoFailure('failed', `the identity provider's answer was refused (${describe(err)})`);
    }
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = idClaims;
    if (configuration.serverMetadata().userinfo_endpoint) {
      try {
        claims = {
          ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)),
          ...idClaims,
        };
      } catch (err) {
        throw new SsoFailure(
          'failed',
          `the identity provider's userinfo could not be read (${describe(err)})`,
        );
      }
    }
    return this.identityOf(claims);
  }

  /** The user's name and roles from the claims; refused when no claim value names a role. */
  private identityOf(claims: Record<string, unknown>): SsoIdentity {
    const named = claims[this.settings.usernameClaim];
    const username = typeof named === 'string' && named ? named : String(claims.sub);
    const value = claims[this.settings.rolesClaim];
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    const groups = values.filter((v) => Object.hasOwn(this.settings.roles, v));
    const roles = [...new Set(groups.flatMap((g) => this.settings.roles[g]!))];
    if (roles.length === 0)
      throw new SsoFailure(
        'no_role',
        `${username} has no Lifeboat role: none of their ${this.settings.rolesClaim} is mapped to one`,
      );
    return { username: username.slice(0, 100), roles, groups };
  }
}

function describe(err: unknown): string {
  if (err instanceof oidc.ResponseBodyError)
    return `${err.error}: ${err.error_description ?? 'no description'}`;
  return err instanceof Error ? err.message.slice(0, 200) : 'an unexpected error';
}
