// A closed-loop HTTP load: `connections` clients on keep-alive sockets, each sending its next GET
// as soon as the last answer is read. Reports requests per second and latency percentiles.
import { Agent, request } from 'node:http';

/**
 * @param {string | (() => string)} url  one URL, or a function giving each request's URL
 * @param {{ connections: number, durationMs: number, headers?: Record<string, string> }} opts
 */
export async function load(url, { connections, durationMs, headers = {} }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const next = typeof url === 'function' ? url : () => url;
  const latencies = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  const one = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request(next(), { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    rps: latencies.length / seconds,
    p99: percentile(latencies, 0.99),
    errors,
    requests: latencies.length,
  };
}

export function percentile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
