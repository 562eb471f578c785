// Checks answers against the OpenAPI document the BFF serves: is their route in it, and does a JSON
// answer match the schema the document gives for its status (JSON Schema 2020-12, as in OpenAPI 3.1).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../src/http/openapi.ts';

export const API = '/api/v1';

interface DocumentedOperation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
const paths = openApiDocument.paths as unknown as Record<string, Record<string, DocumentedOperation>>;
/** Each documented path as a pattern over concrete paths (`/plans/{id}` matches `/plans/p-1`). */
const patterns = Object.keys(paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its default export is the module object, the function its `default`.
(addFormats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
const compiled = new Map<object, ValidateFunction>();

/** The document's path for an Express route path (`/api/v1/plans/:id` is `/plans/{id}`). */
export function templateOfRoute(expressPath: string): string {
  return expressPath.slice(API.length).replace(/:([A-Za-z]+)/g, '{$1}');
}

/** The document's operation for a concrete request, when it has one. */
function documented(
  method: string,
  path: string,
): { where: string; operation?: DocumentedOperation; known: boolean } {
  const inApi = path.slice(API.length);
  const match = patterns.find((p) => p.pattern.test(inApi));
  return {
    where: `${method} ${match ? API + match.template : path}`,
    operation: match ? paths[match.template]![method.toLowerCase()] : undefined,
    known: match !== undefined,
  };
}

/**
 * What is wrong with an answer by the document: nothing ([]) when its status is documented for its
 * route and its JSON body matches that status' schema; a line per mismatch otherwise.
 */
export function answerProblems(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: string,
): string[] {
  const { where, operation, known } = documented(method, path);
  // A method the document does not describe on a path it does must be refused (405, or 401 first).
  if (!operation && known) return status >= 400 && status < 500 ? [] : [`${where} ${status}: not refused`];
  if (!operation) return [`${where} ${status}: not in the document`];
  const response = operation.responses[String(status)] ?? operation.responses.default;
  if (!response) return [`${where}: the document gives no response for ${status}`];
  if (status === 204) return body === '' ? [] : [`${where} 204: a body`];
  // A redirect's body is a courtesy for clients that do not follow it, not part of the contract.
  if (status >= 300 && status < 400) return [];
  const type = (contentType ?? '').split(';')[0]!.trim();
  const media = response.content?.[type];
  if (!media) return [`${where} ${status}: the document gives no ${type || 'untyped'} body`];
  if (type !== 'application/json' || !media.schema) return [];
  let validate = compiled.get(media.schema);
  if (!validate) {
    validate = ajv.compile(media.schema);
    compiled.set(media.schema, validate);
  }
  if (validate(JSON.parse(body))) return [];
  return (validate.errors ?? []).map(
    (e) => `${where} ${status}: ${e.instancePath || '(body)'} ${e.message ?? 'invalid'}`,
  );
}
