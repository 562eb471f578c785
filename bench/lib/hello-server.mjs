// The yardstick for list reads: a hello-world Express app, the BFF's own Express, in its own
// process. Prints its URL as the first line of stdout.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'apps', 'bff', 'package.json'));
const express = require('express');
const app = express();
app.get('/', (_req, res) => res.json({ hello: 'world' }));
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
