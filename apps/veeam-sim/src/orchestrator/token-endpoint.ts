// POST /api/token (VRO 7 and 13) and POST /token (VAO 4): the OAuth 2.0 token endpoint, a form post
// with grant_type=password (username, password) or grant_type=refresh_token (refresh_token).
// VRO's error body for this endpoint is not documented; it is hosted by OWIN's OAuth server, which
// answers RFC 6749 errors, so that is what this returns: 400 {"error","error_description"}.

import type { IncomingMessage } from 'node:http';
import type { ApiResponse } from '../fault-injection/api-handler.ts';
import type { AccessTokens, IssuedTokens } from './access-tokens.ts';
import { readText } from './request-body.ts';
import { json } from './vro-errors.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

function oauthError(error: string, description: string): ApiResponse {
  return json(400, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

export async function tokenEndpoint(
  request: IncomingMessage,
  tokens: AccessTokens,
  credentials: Credentials,
): Promise<ApiResponse> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const body = await readText(request);
  if (type !== 'application/x-www-form-urlencoded') {
    return oauthError('invalid_request', 'The request must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type');
  if (grant === 'password') {
    const username = form.get('username');
    const password = form.get('password');
    if (username === null || password === null)
      return oauthError('invalid_request', 'The username and password parameters are required.');
    // Windows account names are case-insensitive (VAO\Administrator = vao\administrator); passwords are not.
    if (username.toLowerCase() !== credentials.username.toLowerCase() || password !== credentials.password) {
      return oauthError('invalid_grant', 'The user name or password is incorrect.');
    }
    return granted(tokens.issue(username));
  }
  if (grant === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (refreshToken === null)
      return oauthError('invalid_request', 'The refresh_token parameter is required.');
    const issued = tokens.refresh(refreshToken);
    return issued ? granted(issued) : oauthError('invalid_grant', 'The refresh token is invalid or expired.');
  }
  return oauthError(
    'unsupported_grant_type',
    `grant_type must be password or refresh_token, got "${grant ?? ''}".`,
  );
}

function granted(issued: IssuedTokens): ApiResponse {
  return json(
    200,
    {
      access_token: issued.accessToken,
      token_type: 'bearer',
      // OWIN reports the remaining whole seconds a moment after issuing: 15 minutes read 899, as in Veeam's example.
      expires_in: Math.max(0, Math.floor(issued.accessLifetimeMs / 1000) - 1),
      refresh_token: issued.refreshToken,
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}
