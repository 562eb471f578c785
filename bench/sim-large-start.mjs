// Starts the built simulator at the `large` scale (100,000 VMs, about 1,000,000 restore points)
// and prints how long it takes to be ready, its memory, and the time to serve a full
// /api/cloud/vmReplicaPoints listing. Usage: npm run bench -- sim-large-start [--scale medium]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const scale = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : 'large';
const rssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
};

const started = performance.now();
const sim = spawn(process.execPath, ['apps/veeam-sim/dist/cli.js', '--json', '--scale', scale], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise((resolve, reject) => {
  createInterface({ input: sim.stdout }).once('line', (l) => resolve(JSON.parse(l)));
  sim.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
});
const readyMs = performance.now() - started;
const rssReady = rssMb(sim.pid);

try {
  const { url, username, password } = info.enterpriseManager;
  const logon = await fetch(`${url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
  });
  const token = logon.headers.get('x-restsvcsessionid');
  const t0 = performance.now();
  const res = await fetch(`${url}/api/cloud/vmReplicaPoints`, { headers: { 'X-RestSvcSessionId': token } });
  let bytes = 0;
  let refs = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    bytes += chunk.length;
    // Count `<Ref ` across chunk boundaries: keep the last few characters for the next chunk.
    const text = tail + decoder.decode(chunk, { stream: true });
    refs += text.split('<Ref ').length - 1;
    tail = text.slice(-4);
  }
  const listMs = performance.now() - t0;
  console.log(`scale:                   ${scale}`);
  console.log(`ready after:             ${Math.round(readyMs)} ms`);
  console.log(`RSS when ready:          ${rssReady} MB`);
  console.log(
    `vmReplicaPoints listing: status ${res.status}, ${refs} refs, ${Math.round(bytes / 1024 / 1024)} MiB in ${Math.round(listMs)} ms`,
  );
  console.log(`RSS after the listing:   ${rssMb(sim.pid)} MB`);
} finally {
  sim.kill('SIGTERM');
}
