// Answers written with kept arrays' JSON made once (send-json.ts): byte for byte what
// JSON.stringify makes of the same body, however the kept arrays sit in it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { keptForAnswers, sendJson } from '../src/http/send-json.ts';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = null;
});

class Point {
  constructor(readonly id: string) {}
  toJSON() {
    return { id: this.id, kind: 'point' };
  }
}

async function serve(body: () => object): Promise<string> {
  const app = express();
  app.get('/', (_req, res) => sendJson(res, body()));
  const listening = app.listen(0, '127.0.0.1');
  server = listening;
  await new Promise((r) => listening.once('listening', r));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`;
}

describe('an answer with kept arrays', () => {
  it('is what JSON.stringify makes of the body, for every request, the kept parts at any depth', async () => {
    const items = keptForAnswers([new Point('a'), { name: 'é', n: 1 }, null]);
    const tenants = keptForAnswers([{ tenant: null, counts: { ok: 2 } }]);
    const body = {
      items,
      total: 3,
      skipped: undefined,
      when: new Date(Date.UTC(2026, 11, 3)),
      nested: { tenants, empty: {}, list: [1, undefined, 'x'], point: new Point('b') },
      empty: keptForAnswers([]),
    };
    const url = await serve(() => body);
    for (let i = 1; i <= 2; i++) {
      const res = await fetch(url);
      const text = await res.text();
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(text).toBe(JSON.stringify(body));
    }
  });
});
