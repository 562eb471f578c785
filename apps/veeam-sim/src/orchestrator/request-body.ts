// Reading request bodies. JSON object keys are matched case-insensitively because VRO binds bodies
// with ASP.NET (Json.NET), which does so: the v2 docs spell `planlaunchOptions`, the swagger
// `planLaunchOptions`, the v3 docs `restorepointDate`, and all of them work against a real server.

import type { IncomingMessage } from 'node:http';
import { readCappedBody } from '../http/capped-body.ts';
import { badRequest, VroError } from './vro-errors.ts';

/** Far above any real Orchestrator request; stops a hostile client from filling memory. */
const MAX_BODY_BYTES = 64 * 1024;

export async function readText(request: IncomingMessage): Promise<string> {
  const body = await readCappedBody(request, MAX_BODY_BYTES);
  if (body === 'too-large') throw new VroError(413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  return body.toString('utf8');
}

/** A JSON object whose keys are looked up case-insensitively. */
export class JsonObject {
  private readonly byLowerKey: ReadonlyMap<string, unknown>;

  constructor(record: Readonly<Record<string, unknown>>) {
    this.byLowerKey = new Map(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
  }

  private get(key: string): unknown {
    return this.byLowerKey.get(key.toLowerCase());
  }

  /** Absent and null both read as undefined, as a nullable .NET property binds them. */
  string(key: string): string | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw badRequest(`"${key}" must be a string.`);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw badRequest(`"${key}" must be true or false.`);
    return value;
  }

  object(key: string): JsonObject | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    return asObject(value, `"${key}"`);
  }

  /** A date-time string (ISO 8601, as .NET writes and reads DateTime), as epoch ms. */
  date(key: string): number | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    const ms = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms))
      throw badRequest(`"${key}" must be a date-time such as 2024-05-01T00:00:00.`);
    return ms;
  }
}

function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`${what} must be a JSON object.`);
  return new JsonObject(value as Record<string, unknown>);
}

/**
 * The request's JSON object body; an empty body reads as an empty object when `optional`, as the
 * actions whose parameters all have defaults accept a bare POST. Content-Type must be JSON when a
 * body is sent (ASP.NET answers 415 otherwise).
 */
export async function readJsonObject(request: IncomingMessage, optional: boolean): Promise<JsonObject> {
  const text = await readText(request);
  if (text.trim() === '') {
    if (optional) return new JsonObject({});
    throw badRequest('The request body is empty: a JSON object is required.');
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/json') {
    throw new VroError(
      415,
      `The request entity's media type '${type ?? ''}' is not supported for this resource.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  return asObject(parsed, 'The request body');
}
