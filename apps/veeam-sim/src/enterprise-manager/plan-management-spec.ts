// The body of POST /api/cloud/cloudFailoverPlans/{id}?action=start: a CloudFailoverPlanManagementSpec
// with exactly one of StartNow (true: fail over to the newest restore points) and StartDate (to the
// newest points created before it). XML in Enterprise Manager's namespace, or JSON
// ({"StartNow": true} / {"StartDate": "..."}), as the Content-Type says; XML when it says nothing.

import type { IncomingMessage } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readCappedBody } from '../http/capped-body.ts';
import { EmError } from './em-errors.ts';
import { EM_NAMESPACE } from './em-xml.ts';

/** Far above any real spec; stops a hostile client from filling memory. */
const MAX_BODY_BYTES = 64 * 1024;
const ROOT = 'CloudFailoverPlanManagementSpec';
/** xs:dateTime, with an optional fraction (.NET writes seven digits) and zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  // The spec carries no entities; not expanding any keeps entity tricks out.
  processEntities: false,
});

export interface ManagementSpec {
  /** Absent: the newest restore points (StartNow). */
  readonly restorePointDateMs: number | undefined;
}

export async function readManagementSpec(request: IncomingMessage): Promise<ManagementSpec> {
  const text = await readText(request);
  if (text.trim() === '') throw badSpec(`The request body must be a ${ROOT}.`);
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.endsWith('json')) return specOf(jsonFields(text));
  if (type === '' || type.endsWith('xml')) return specOf(xmlFields(text));
  throw new EmError(415, `Unsupported Content-Type "${type}": send application/xml or application/json.`);
}

async function readText(request: IncomingMessage): Promise<string> {
  const body = await readCappedBody(request, MAX_BODY_BYTES);
  if (body === 'too-large') throw new EmError(413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  return body.toString('utf8');
}

interface SpecFields {
  readonly startNow: unknown;
  readonly startDate: unknown;
}

function xmlFields(text: string): SpecFields {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw badSpec(`The request body is not well-formed XML: ${valid.err.msg}`);
  const parsed = parser.parse(text) as Record<string, unknown>;
  const names = Object.keys(parsed).filter((key) => !key.startsWith('?'));
  if (names.length !== 1 || names[0] !== ROOT)
    throw badSpec(`The request body must be a ${ROOT} element, got ${names.join(', ') || 'none'}.`);
  // An empty element without attributes parses as text.
  const root = parsed[ROOT];
  const fields = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
  if (fields['@_xmlns'] !== EM_NAMESPACE) throw badSpec(`${ROOT} must be in the namespace ${EM_NAMESPACE}.`);
  return { startNow: xmlBoolean(fields.StartNow), startDate: xmlText(fields.StartDate, 'StartDate') };
}

function xmlText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badSpec(`${name} must appear once, as text.`);
  return value.trim();
}

/** xs:boolean: true, false, 1 or 0. */
function xmlBoolean(value: unknown): boolean | undefined {
  const text = xmlText(value, 'StartNow');
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw badSpec(`StartNow must be true or false, got "${text}".`);
}

function jsonFields(text: string): SpecFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badSpec('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badSpec(`The request body must be a JSON ${ROOT} object.`);
  const { StartNow, StartDate } = parsed as Record<string, unknown>;
  if (StartNow !== undefined && StartNow !== null && typeof StartNow !== 'boolean')
    throw badSpec('StartNow must be true or false.');
  return { startNow: StartNow ?? undefined, startDate: StartDate ?? undefined };
}

function specOf({ startNow, startDate }: SpecFields): ManagementSpec {
  if (startNow !== undefined && startDate !== undefined)
    throw badSpec('Specify either StartNow or StartDate, not both.');
  if (startDate !== undefined) return { restorePointDateMs: dateTime(startDate) };
  if (startNow === true) return { restorePointDateMs: undefined };
  if (startNow === undefined) throw badSpec('Specify StartNow or StartDate.');
  throw badSpec('StartNow must be true (or give StartDate instead).');
}

/** An xs:dateTime as epoch ms; one without a zone is read as UTC, the world's time. */
function dateTime(value: unknown): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const ms = DATE_TIME.test(text) ? Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`) : NaN;
  if (Number.isNaN(ms))
    throw badSpec(
      `StartDate must be a date-time such as 2015-12-29T15:13:37.7418767Z, got ${JSON.stringify(value)}.`,
    );
  return ms;
}

function badSpec(message: string): EmError {
  return new EmError(400, message);
}
