// `veeam-sim [flags]`: starts the simulator and keeps serving until SIGINT/SIGTERM.
//   --scale small|medium|large  --seed N  --speed X  --host H
//   --em-port P  --vro-port P  --vspc-port P  --admin-port P  (0 or absent: a free port)
//   --em-idle-minutes M  --vro-access-minutes M  --vro-refresh-minutes M  --vspc-access-minutes M
//   --tls [--tls-dir DIR]  (HTTPS APIs under a CA made at start; its PEM file is announced)
//   --hostile-names  (some names carry the hostile strings of the security test plan from the start;
//                     `veeam-sim names` switches them later)
//   --json (one JSON line with the URLs and credentials, plus caFile with --tls, for scripts)
// `veeam-sim fault|faults|calls|names --admin URL …`: changes or reads a running simulator's faults,
// call counts and hostile names through its admin API (cli-admin.ts); exit 0, 1 when the admin API
// refuses or cannot be reached (its message on stderr), 2 on bad usage.
//   fault --admin URL --api enterpriseManager|orchestrator|serviceProviderConsole
//     [--down] [--up] [--latency-ms N] [--jitter-ms N] [--status N] [--retry-after-seconds N]
//     [--count N] [--path P] [--hang] [--reset-mid-body] [--html-error-page [STATUS]]
//     [--malformed-body] [--trickle-bytes-per-second N] [--redirect-to URL] [--hostile-body NAME]
//     [--canary-url URL] [--expire-sessions]           (the fields of POST /admin/faults)
//   faults --admin URL [--api NAME] [--clear]          (prints the faults in force; --clear removes them)
//   calls --admin URL [--api NAME] [--reset]           (prints the call counts; --reset zeroes them)
//   names --admin URL [--hostile | --plain]            (switches the hostile names; prints { hostile })

import { parseArgs } from 'node:util';
import { isAdminCommand, runAdminCommand, UsageError } from './cli-admin.ts';
import { startSimulator, type Credentials, type SimulatorOptions } from './index.ts';
import { isScaleName } from './world/scale.ts';

function parseOptions(argv: string[]): { options: SimulatorOptions; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      host: { type: 'string' },
      'em-port': { type: 'string' },
      'vro-port': { type: 'string' },
      'vspc-port': { type: 'string' },
      'admin-port': { type: 'string' },
      'em-idle-minutes': { type: 'string' },
      'vro-access-minutes': { type: 'string' },
      'vro-refresh-minutes': { type: 'string' },
      'vspc-access-minutes': { type: 'string' },
      tls: { type: 'boolean', default: false },
      'tls-dir': { type: 'string' },
      'hostile-names': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const number = (
    name: string,
    raw: string | undefined,
    check: (n: number) => boolean,
  ): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !check(value)) throw new Error(`--${name}: invalid value "${raw}"`);
    return value;
  };
  const port = (name: string, raw: string | undefined) =>
    number(name, raw, (n) => Number.isInteger(n) && n >= 0 && n <= 65_535);
  const minutes = (name: string, raw: string | undefined) =>
    number(name, raw, (n) => Number.isFinite(n) && n > 0);
  if (values.scale !== undefined && !isScaleName(values.scale)) {
    throw new Error(`--scale: use small, medium or large, not "${values.scale}"`);
  }
  if (values['tls-dir'] !== undefined && !values.tls) throw new Error('--tls-dir needs --tls');
  return {
    json: values.json,
    options: {
      scale: values.scale,
      seed: number('seed', values.seed, Number.isSafeInteger),
      speed: number('speed', values.speed, (n) => Number.isFinite(n) && n >= 0),
      host: values.host,
      ports: {
        enterpriseManager: port('em-port', values['em-port']),
        orchestrator: port('vro-port', values['vro-port']),
        serviceProviderConsole: port('vspc-port', values['vspc-port']),
        admin: port('admin-port', values['admin-port']),
      },
      emIdleMinutes: minutes('em-idle-minutes', values['em-idle-minutes']),
      vroAccessMinutes: minutes('vro-access-minutes', values['vro-access-minutes']),
      vroRefreshMinutes: minutes('vro-refresh-minutes', values['vro-refresh-minutes']),
      vspcAccessMinutes: minutes('vspc-access-minutes', values['vspc-access-minutes']),
      tls: values.tls,
      tlsDir: values['tls-dir'],
      hostileNames: values['hostile-names'],
    },
  };
}

async function serve(argv: string[]): Promise<void> {
  const { options, json } = parseOptions(argv);
  const simulator = await startSimulator(options);
  const { enterpriseManager, orchestrator, serviceProviderConsole, admin, caFile, world } = simulator;
  // Listen for signals before announcing the URLs: a script may stop us as soon as it reads them.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ enterpriseManager, orchestrator, serviceProviderConsole, admin, caFile })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `Veeam simulator: scale ${world.scale}, seed ${world.seed}, speed ${world.clock.speed}x, ` +
          `${world.vms.length} VMs, ${world.plans.length} failover plans`,
        ...(
          [
            ['Enterprise Manager', enterpriseManager, '/api/'],
            ['Orchestrator', orchestrator, '/api/v3/Plans'],
            ['Service Provider Console', serviceProviderConsole, '/api/v3/'],
          ] as const satisfies readonly (readonly [string, Credentials, string])[]
        ).flatMap(([name, api, path]) => [
          `  ${name.padEnd(26)}${api.url}${path}`,
          `  ${''.padEnd(26)}user ${api.username}  password ${api.password}`,
        ]),
        `  Admin               ${admin.url}/admin/calls`,
        ...(caFile === undefined ? [] : [`  CA certificate      ${caFile}`]),
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const [command, ...rest] = process.argv.slice(2);
if (isAdminCommand(command)) {
  runAdminCommand(command, rest).then(
    (output) => process.stdout.write(output),
    (error: unknown) => {
      process.stderr.write(`veeam-sim ${command}: ${messageOf(error)}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
} else {
  serve(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`veeam-sim: ${messageOf(error)}\n`);
    process.exit(1);
  });
}
