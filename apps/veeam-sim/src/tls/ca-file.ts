// Where clients find the simulator's CA certificate: a PEM file in the directory asked for, or in
// a fresh temporary directory that goes away with the simulator (the CA is new at every start, so
// an old file would only mislead).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CA_FILE_NAME = 'veeam-sim-ca.pem';

export interface CaFile {
  readonly path: string;
  /** Removes the temporary directory, if this created one; a directory asked for is left as it is. */
  remove(): void;
}

export function writeCaFile(caCert: string, dir?: string): CaFile {
  const target = dir ?? mkdtempSync(join(tmpdir(), 'veeam-sim-tls-'));
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const path = join(target, CA_FILE_NAME);
  writeFileSync(path, caCert);
  return {
    path,
    remove: () => {
      if (dir === undefined) rmSync(target, { recursive: true, force: true });
    },
  };
}
