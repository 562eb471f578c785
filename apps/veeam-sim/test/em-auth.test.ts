import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { basic, list, parseXml, waitFor } from './helpers/em-client.ts';

const NS = 'http://www.veeam.com/ent/v1.0';
let sim: RunningSimulator;
let shortIdle: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ epoch: new Date('2026-01-15T12:00:00Z') });
  shortIdle = await startSimulator({ emIdleMinutes: 0.02 }); // 1.2 s of real idle time
});
afterAll(async () => {
  await Promise.all([sim.close(), shortIdle.close()]);
});

async function logonResponse(target: RunningSimulator, authorization?: string, version = 'latest') {
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  return fetch(`${target.enterpriseManager.url}/api/sessionMngr/?v=${version}`, { method: 'POST', headers });
}

async function tokenFor(target: RunningSimulator): Promise<string> {
  const { username, password } = target.enterpriseManager;
  const response = await logonResponse(target, basic(username, password));
  await response.arrayBuffer();
  return response.headers.get('x-restsvcsessionid') as string;
}

const get = (target: RunningSimulator, path: string, headers: Record<string, string> = {}) =>
  fetch(`${target.enterpriseManager.url}${path}`, { headers });

describe('Enterprise Manager authentication', () => {
  it('answers GET /api/ without a session, with the logon links and supported versions', async () => {
    const response = await get(sim, '/api/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const root = parseXml(await response.text()).EnterpriseManager as Record<string, unknown>;
    expect(root['@_xmlns']).toBe(NS);
    const versions = list(
      root.SupportedVersions && (root.SupportedVersions as Record<string, unknown>).SupportedVersion,
    );
    expect(versions.map((v) => v['@_Name'])).toEqual(['v1_5', 'v1_6', 'v1_7']);
    expect(await (await get(sim, '/api')).text()).toContain('<EnterpriseManager');
  });

  it('refuses data calls without a session: 401, WWW-Authenticate and an Error body', async () => {
    const response = await get(sim, '/api/cloud/failoverSessions');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
    const error = parseXml(await response.text()).Error as Record<string, string>;
    expect(error['@_xmlns']).toBe(NS);
    expect(error['@_StatusCode']).toBe('401');
    expect(error['@_Status']).toBe('Unauthorized');
    expect(error['@_Message']).toBeTruthy();
  });

  it('logs on with Basic credentials: 201, the token in a header and a cookie, and a LogonSession', async () => {
    const { username, password, url } = sim.enterpriseManager;
    for (const version of ['latest', 'v1_7', 'v1_6', 'v1_5']) {
      const response = await logonResponse(sim, basic(username, password), version);
      expect(response.status).toBe(201);
      const token = response.headers.get('x-restsvcsessionid') as string;
      expect(token).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(response.headers.get('set-cookie')).toBe(`X-RestSvcSessionId=${token}; Path=/api`);
      const session = parseXml(await response.text()).LogonSession as Record<string, unknown>;
      expect(session['@_Type']).toBe('LogonSession');
      expect(session.UserName).toBe(username);
      expect(Buffer.from(token, 'base64').toString('ascii')).toBe(session.SessionId);
      expect(session['@_Href']).toBe(`${url}/api/logonSessions/${session.SessionId as string}`);
      const links = list<Record<string, string>>((session.Links as Record<string, unknown>).Link);
      expect(links.find((l) => l['@_Rel'] === 'Delete')?.['@_Href']).toBe(session['@_Href']);
      expect(links.find((l) => l['@_Type'] === 'QueryService')?.['@_Href']).toBe(`${url}/api/querySvc`);
    }
  });

  it('refuses bad or missing credentials and unsupported versions', async () => {
    const { username } = sim.enterpriseManager;
    for (const authorization of [
      undefined,
      basic(username, 'wrong'),
      basic('someone', sim.enterpriseManager.password),
      'Bearer x',
    ]) {
      const response = await logonResponse(sim, authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
      expect(response.headers.get('x-restsvcsessionid')).toBeNull();
      await response.arrayBuffer();
    }
    const old = await logonResponse(sim, basic(username, sim.enterpriseManager.password), 'v1_1');
    expect(old.status).toBe(400);
    expect((parseXml(await old.text()).Error as Record<string, string>)['@_Status']).toBe('BadRequest');
  });

  it('accepts the token in the header or in the cookie, and the cookie wins when both are sent', async () => {
    const token = await tokenFor(sim);
    const path = '/api/backupServers';
    expect((await get(sim, path, { 'X-RestSvcSessionId': token })).status).toBe(200);
    expect((await get(sim, path, { Cookie: `X-RestSvcSessionId=${token}` })).status).toBe(200);
    expect((await get(sim, path, { Cookie: `other=1; X-RestSvcSessionId=${token}` })).status).toBe(200);
    expect(
      (await get(sim, path, { Cookie: 'X-RestSvcSessionId=bm9wZQ==', 'X-RestSvcSessionId': token })).status,
    ).toBe(401);
    expect(
      (await get(sim, path, { Cookie: `X-RestSvcSessionId=${token}`, 'X-RestSvcSessionId': 'bm9wZQ==' }))
        .status,
    ).toBe(200);
    expect((await get(sim, path, { 'X-RestSvcSessionId': 'bm9wZQ==' })).status).toBe(401);
  });

  it('lists logon sessions and logs off with DELETE /api/logonSessions/{id}: 204, then the token is dead', async () => {
    const token = await tokenFor(sim);
    const sessionId = Buffer.from(token, 'base64').toString('ascii');
    const headers = { 'X-RestSvcSessionId': token };
    const listed = parseXml(await (await get(sim, '/api/logonSessions', headers)).text())
      .LogonSessions as Record<string, unknown>;
    expect(list<Record<string, unknown>>(listed.LogonSession).map((s) => s.SessionId)).toContain(sessionId);
    const one = await get(sim, `/api/logonSessions/${sessionId}`, headers);
    expect((parseXml(await one.text()).LogonSession as Record<string, unknown>).SessionId).toBe(sessionId);
    const logoff = await fetch(`${sim.enterpriseManager.url}/api/logonSessions/${sessionId}`, {
      method: 'DELETE',
      headers,
    });
    expect(logoff.status).toBe(204);
    expect(await logoff.text()).toBe('');
    expect((await get(sim, '/api/backupServers', headers)).status).toBe(401);
    const other = await tokenFor(sim);
    const again = await fetch(`${sim.enterpriseManager.url}/api/logonSessions/${sessionId}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': other },
    });
    expect(again.status).toBe(404);
  });

  it('expires a session after the idle time, but not one that keeps being used', async () => {
    const busy = { 'X-RestSvcSessionId': await tokenFor(shortIdle) };
    const idle = { 'X-RestSvcSessionId': await tokenFor(shortIdle) };
    // Use `busy` again and again until more than the idle time (1.2 s) has gone by.
    const started = Date.now();
    await waitFor(async () => {
      expect((await get(shortIdle, '/api/backupServers', busy)).status).toBe(200);
      return Date.now() - started > 2_500;
    }, 10_000);
    const expired = await get(shortIdle, '/api/backupServers', idle);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
    expect((await get(shortIdle, '/api/backupServers', busy)).status).toBe(200);
  });
});
