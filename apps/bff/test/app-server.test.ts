// The app's HTTP server (decision 025): requests and responses arrive already made with the app's
// prototypes, so Express has none to change, and Express's request and response methods work on
// them as on any other.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServer } from '../src/http/app-server.ts';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = null;
});

describe('the app server', () => {
  it("makes requests and responses with the app's prototypes before Express sees them", async () => {
    const app = express();
    app.set('query parser', 'simple');
    app.get('/echo', (req: Request, res: Response) => {
      res.set('X-Seen', req.get('x-asked') ?? 'none');
      res.status(201).json({ query: req.query, path: req.path, app: req.app === app });
    });
    const made: boolean[] = [];
    server = createAppServer(app, {}, (req, res) => {
      made.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
      app(req, res);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${url}/echo?a=${i}`, { headers: { 'X-Asked': 'yes' } });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-seen')).toBe('yes');
      expect(await res.json()).toEqual({ query: { a: String(i) }, path: '/echo', app: true });
    }
    expect(made).toEqual([true, true]);
  });
});
