// A plain HTTP proxy in front of one upstream that counts the calls and the response bytes it
// passes, so a bench can tell what a poll fetched.
import { createServer, request } from 'node:http';

/** Starts a proxy to `target` (http://host:port) on 127.0.0.1; `counts` are read and reset by the caller. */
export async function countingProxy(target) {
  const to = new URL(target);
  const counts = { calls: 0, bytes: 0 };
  const server = createServer((req, res) => {
    counts.calls++;
    const up = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.on('data', (chunk) => (counts.bytes += chunk.length));
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    reset() {
      counts.calls = 0;
      counts.bytes = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
