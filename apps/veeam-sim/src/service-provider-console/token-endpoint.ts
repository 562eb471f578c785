// POST /api/v3/token: the password grant (username, password) and the refresh_token grant, answering
// the OAuth token body {access_token, token_type, expires_in, refresh_token} (not the data envelope).

import type { IncomingMessage } from 'node:http';
import type { ApiResponse } from '../fault-injection/api-handler.ts';
import { readForm } from './form-body.ts';
import type { TokenPair, TokenStore } from './token-store.ts';
import { badParameter, unauthorized } from './vspc-errors.ts';
import { jsonResponse } from './vspc-json.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export async function tokenRequest(
  request: IncomingMessage,
  tokens: TokenStore,
  credentials: Credentials,
): Promise<ApiResponse> {
  const form = await readForm(request);
  const field = (name: string): string => {
    const value = form.get(name);
    if (value === undefined || value === '') throw badParameter(name, `The ${name} parameter is required.`);
    return value;
  };
  const grantType = field('grant_type');
  if (grantType === 'password') {
    const username = field('username');
    const password = field('password');
    if (username !== credentials.username || password !== credentials.password) {
      throw unauthorized('Authentication failed: the user name or password is incorrect.');
    }
    return tokenResponse(tokens.issue(username));
  }
  if (grantType === 'refresh_token') {
    const pair = tokens.refresh(field('refresh_token'));
    if (!pair) throw unauthorized('The refresh token is invalid or has expired.');
    return tokenResponse(pair);
  }
  throw badParameter('grant_type', `Unsupported grant type '${grantType}': use password or refresh_token.`);
}

function tokenResponse(pair: TokenPair): ApiResponse {
  // Tokens must not be cached by anything between the client and the console (RFC 6749 §5.1).
  return jsonResponse(200, pair, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}
