// A small Enterprise Manager client for the tests, speaking the API exactly as Veeam documents it:
// Basic logon to /api/sessionMngr/?v=latest, then X-RestSvcSessionId on every call.

import { XMLParser } from 'fast-xml-parser';
import type { RunningSimulator } from '../../src/index.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

/** Parses an XML body; elements come back as objects, attributes as `@_Name`, text as `#text`. */
export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text) as Record<string, unknown>;
}

/** Always a list, whether the parser saw one element or many. */
export function list<T = Record<string, unknown>>(value: unknown): T[] {
  if (value === undefined || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export async function logon(sim: RunningSimulator): Promise<string> {
  const { url, username, password } = sim.enterpriseManager;
  const response = await fetch(`${url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: basic(username, password) },
  });
  if (response.status !== 201) throw new Error(`logon failed: ${response.status}`);
  await response.arrayBuffer();
  return response.headers.get('x-restsvcsessionid') ?? '';
}

export interface EmAnswer {
  status: number;
  headers: Headers;
  text: string;
  xml: Record<string, unknown>;
}

export interface EmClient {
  get(path: string): Promise<EmAnswer>;
  /** Any method, with an optional body sent as `contentType` (default application/xml). */
  send(method: string, path: string, body?: string, contentType?: string): Promise<EmAnswer>;
  token: string;
}

export async function emClient(sim: RunningSimulator): Promise<EmClient> {
  const token = await logon(sim);
  const send: EmClient['send'] = async (method, path, body, contentType = 'application/xml') => {
    const headers: Record<string, string> = { 'X-RestSvcSessionId': token };
    if (body !== undefined) headers['Content-Type'] = contentType;
    const response = await fetch(`${sim.enterpriseManager.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, xml: text ? parseXml(text) : {} };
  };
  return { token, get: (path) => send('GET', path), send };
}

/** Polls until `condition` holds (no fixed sleeps in the tests), or fails after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
