// Prometheus' promtool, which checks the metrics exposition and the example alert rules in the
// tests: Debian's, installed or unpacked from Debian's `prometheus` package into .tmp (no service).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const UNPACKED_PROMTOOL = fileURLToPath(
  new URL('../.tmp/tools/prometheus/usr/bin/promtool', import.meta.url),
);

/** Where promtool is, or null when it is neither installed nor unpacked. */
export function findPromtool() {
  return ['/usr/bin/promtool', UNPACKED_PROMTOOL].find((p) => existsSync(p)) ?? null;
}
