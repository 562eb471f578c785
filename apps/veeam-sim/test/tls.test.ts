import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';

interface HttpsAnswer {
  status: number;
  body: string;
  certificate: X509Certificate | undefined;
}

/** One HTTPS GET with node:https; rejects with the TLS error when the server is not trusted. */
function get(url: string, options: RequestOptions = {}): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, agent: false }, (response) => {
      const certificate = (response.socket as TLSSocket).getPeerX509Certificate();
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, certificate }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startSimulator({ tls: true })', () => {
  let sim: RunningSimulator;
  let ca: Buffer;
  beforeAll(async () => {
    sim = await startSimulator({ tls: true, speed: 0 });
    ca = readFileSync(sim.caFile as string);
  });
  afterAll(() => sim.close());

  it('serves every API over HTTPS under the CA in caFile; the admin API stays HTTP', async () => {
    expect(ca.toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const paths = {
      enterpriseManager: `${sim.enterpriseManager.url}/api/`,
      orchestrator: `${sim.orchestrator.url}/api/v3/Plans`,
      serviceProviderConsole: `${sim.serviceProviderConsole.url}/api/v3/infrastructure/backupServers/jobs/replicationVmJobs`,
    };
    for (const url of Object.values(paths)) {
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
      const answer = await get(url, { ca });
      // The Enterprise Manager root is open; the others answer their own 401 without a token.
      expect([200, 401]).toContain(answer.status);
    }
    expect((await get(paths.enterpriseManager, { ca })).status).toBe(200);
    expect(sim.admin.url).toMatch(/^http:\/\//);
    expect((await fetch(`${sim.admin.url}/admin/calls`)).status).toBe(200);
  });

  it('fails with a certificate error for a client that does not trust the CA', async () => {
    for (const url of [sim.enterpriseManager.url, sim.orchestrator.url, sim.serviceProviderConsole.url]) {
      const error = await get(`${url}/api/`).then(
        () => undefined,
        (failure: NodeJS.ErrnoException) => failure,
      );
      expect(error?.code).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT|CERT_/);
    }
  });

  it('names 127.0.0.1, ::1 and localhost in the certificate, signed by the CA', async () => {
    const { certificate } = await get(`${sim.enterpriseManager.url}/api/`, { ca });
    const authority = new X509Certificate(ca);
    expect(certificate?.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate?.checkIP('::1')).toBe('::1');
    expect(certificate?.checkHost('localhost')).toBe('localhost');
    expect(certificate?.checkIssued(authority)).toBe(true);
    expect(certificate?.verify(authority.publicKey)).toBe(true);
    expect(authority.ca).toBe(true);
  });

  it('still injects faults over TLS: a reset in the middle of the body fails the read', async () => {
    await fetch(`${sim.admin.url}/admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ api: 'enterpriseManager', resetMidBody: true, count: 1 }),
    });
    const outcome = await get(`${sim.enterpriseManager.url}/api/`, { ca }).then(
      (answer) => `complete ${answer.status}`,
      () => 'failed',
    );
    expect(outcome).toBe('failed');
    expect((await get(`${sim.enterpriseManager.url}/api/`, { ca })).status).toBe(200);
  });
});

describe('the CA file', () => {
  it('lives in a temporary directory that close() removes', async () => {
    const sim = await startSimulator({ tls: true });
    const file = sim.caFile as string;
    expect(existsSync(file)).toBe(true);
    await sim.close();
    expect(existsSync(dirname(file))).toBe(false);
  });

  it('is written to tlsDir when given, and left there; a new start makes a new CA', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'veeam-sim-tls-test-')), 'nested');
    try {
      const first = await startSimulator({ tls: true, tlsDir: dir });
      expect(dirname(first.caFile as string)).toBe(dir);
      const firstCa = readFileSync(first.caFile as string, 'utf8');
      await first.close();
      expect(existsSync(first.caFile as string)).toBe(true);
      const second = await startSimulator({ tls: true, tlsDir: dir });
      expect(readFileSync(second.caFile as string, 'utf8')).not.toBe(firstCa);
      await second.close();
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('is absent without tls', async () => {
    const sim = await startSimulator();
    expect(sim.caFile).toBeUndefined();
    expect(sim.enterpriseManager.url).toMatch(/^http:\/\//);
    await sim.close();
  });
});
