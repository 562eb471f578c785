// The admin subcommands of `veeam-sim`: they change and read a running simulator's faults, call
// counts and hostile-names switch through its admin API (admin-server.ts), so that faults can be
// switched at run time from a second terminal. Each prints the admin API's JSON answer. The admin API validates the faults, so
// its message is the one shown for a refused fault; only the command line's syntax is checked here.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FaultRequest } from './fault-injection/fault-state.ts';

export const ADMIN_COMMANDS = ['fault', 'faults', 'calls', 'names'] as const;
export type AdminCommand = (typeof ADMIN_COMMANDS)[number];

export function isAdminCommand(word: string | undefined): word is AdminCommand {
  return (ADMIN_COMMANDS as readonly (string | undefined)[]).includes(word);
}

/** A command line that cannot be run (exit 2), as opposed to a request that failed (exit 1). */
export class UsageError extends Error {}

type FlagKind = 'switch' | 'number' | 'text' | 'switchOrStatus';

/**
 * How each FaultRequest field is written on the command line; its flag is the field in kebab case
 * (`latencyMs` is `--latency-ms`). A Record over the fields, so that a new field needs a flag here.
 */
const FAULT_FLAGS: Record<Exclude<keyof FaultRequest, 'api'>, FlagKind> = {
  down: 'switch',
  up: 'switch',
  latencyMs: 'number',
  jitterMs: 'number',
  status: 'number',
  retryAfterSeconds: 'number',
  count: 'number',
  path: 'text',
  hang: 'switch',
  resetMidBody: 'switch',
  htmlErrorPage: 'switchOrStatus',
  malformedBody: 'switch',
  trickleBytesPerSecond: 'number',
  redirectTo: 'text',
  hostileBody: 'text',
  canaryUrl: 'text',
  expireSessions: 'switch',
};
const FAULT_FIELDS = Object.entries(FAULT_FLAGS).map(([field, kind]) => ({
  field,
  kind,
  flag: field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
}));
const ARGUMENT: Record<FlagKind, string> = {
  switch: '',
  number: ' N',
  text: ' VALUE',
  switchOrStatus: ' [STATUS]',
};

const OPTIONS: Record<AdminCommand, NonNullable<ParseArgsConfig['options']>> = {
  fault: {
    api: { type: 'string' },
    ...Object.fromEntries(
      FAULT_FIELDS.map(({ flag, kind }) => [
        flag,
        kind === 'switch' ? ({ type: 'boolean' } as const) : ({ type: 'string' } as const),
      ]),
    ),
  },
  faults: { api: { type: 'string' }, clear: { type: 'boolean' } },
  calls: { api: { type: 'string' }, reset: { type: 'boolean' } },
  names: { hostile: { type: 'boolean' }, plain: { type: 'boolean' } },
};

const USAGE: Record<AdminCommand, string> = {
  fault: `veeam-sim fault --admin URL --api NAME ${FAULT_FIELDS.map(({ flag, kind }) => `[--${flag}${ARGUMENT[kind]}]`).join(' ')}`,
  faults: 'veeam-sim faults --admin URL [--api NAME] [--clear]',
  calls: 'veeam-sim calls --admin URL [--api NAME] [--reset]',
  names: 'veeam-sim names --admin URL [--hostile | --plain]',
};

/** Runs an admin subcommand and returns what it prints; throws UsageError or a failed request's Error. */
export async function runAdminCommand(command: AdminCommand, argv: readonly string[]): Promise<string> {
  const usage = (problem: string) => new UsageError(`${problem}\nusage: ${USAGE[command]}`);
  const number = (flag: string, raw: string): number => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw usage(`--${flag}: "${raw}" is not a number`);
    return value;
  };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: command === 'fault' ? withHtmlErrorPageValue(argv) : [...argv],
      options: { admin: { type: 'string' }, ...OPTIONS[command] },
      strict: true,
    }));
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const admin = typeof values.admin === 'string' && URL.canParse(values.admin) ? values.admin : undefined;
  if (admin === undefined || !/^https?:$/.test(new URL(admin).protocol))
    throw usage('--admin needs the admin API URL the simulator printed, e.g. http://127.0.0.1:9000');
  const api = typeof values.api === 'string' ? values.api : undefined;
  const endpoint = (path: string) => {
    const url = new URL(path, admin);
    if (api !== undefined) url.searchParams.set('api', api);
    return url;
  };

  switch (command) {
    case 'fault': {
      if (api === undefined) throw usage('--api is required');
      const request: Record<string, unknown> = { api };
      for (const { field, kind, flag } of FAULT_FIELDS) {
        const value = values[flag];
        if (typeof value === 'boolean' || (typeof value === 'string' && kind === 'text'))
          request[field] = value;
        else if (kind === 'switchOrStatus' && value === 'true') request[field] = true;
        else if (typeof value === 'string') request[field] = number(flag, value);
      }
      // The API name travels in the body, so the URL carries no `?api=`.
      return print(await call('POST', new URL('/admin/faults', admin), request));
    }
    case 'faults':
      if (values.clear === true) await call('DELETE', endpoint('/admin/faults'));
      return print(await call('GET', endpoint('/admin/faults')));
    case 'calls':
      if (values.reset === true) await call('DELETE', endpoint('/admin/calls'));
      return print(await call('GET', endpoint('/admin/calls')));
    case 'names': {
      if (values.hostile === true && values.plain === true)
        throw usage('--hostile and --plain exclude each other');
      const names = new URL('/admin/names', admin);
      if (values.hostile === true || values.plain === true)
        return print(await call('POST', names, { hostile: values.hostile === true }));
      return print(await call('GET', names));
    }
  }
}

/**
 * `--html-error-page` takes an optional status, which parseArgs cannot express: a bare flag (not
 * followed by a number) becomes `--html-error-page=true`.
 */
function withHtmlErrorPageValue(argv: readonly string[]): string[] {
  return argv.map((arg, index) =>
    arg === '--html-error-page' && !/^\d+$/.test(argv[index + 1] ?? '') ? `${arg}=true` : arg,
  );
}

/** One admin API call: its JSON answer (undefined for 204), or an Error with the admin API's message. */
async function call(method: string, url: URL, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      ...(body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
  } catch (error) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND …) is in its cause.
    const cause = error instanceof Error ? (error.cause as { message?: string; code?: string }) : undefined;
    const reason = cause?.message || cause?.code || String(error);
    throw new Error(`cannot reach the admin API at ${url.origin}: ${reason}`);
  }
  const text = await response.text();
  let answer: unknown;
  try {
    answer = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new Error(`${url.origin} answered ${response.status} without JSON: is it the admin API?`);
  }
  if (!response.ok) {
    const message = (answer as { error?: unknown } | undefined)?.error;
    throw new Error(typeof message === 'string' ? message : `${method} ${url.pathname}: ${response.status}`);
  }
  return answer;
}

function print(answer: unknown): string {
  return `${JSON.stringify(answer, null, 2)}\n`;
}
