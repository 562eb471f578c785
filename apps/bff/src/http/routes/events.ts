import { type IRouter, type Response } from 'express';
import type { EventHub, NumberedEvent } from '../../inventory/event-hub.ts';
import type { Database } from '../../store/database.ts';
import { isSessionLive, onSessionForgotten } from '../../store/sessions.ts';

/**
 * A comment line every so often keeps proxies from closing an idle stream and lets clients see it
 * is alive. Before each, the stream's session is checked too, in case its ending was not heard of
 * (it is checked at once when it is).
 */
const HEARTBEAT_MS = 15_000;
/** Event-stream clients at once; beyond it, new ones are refused (bounded memory). */
const MAX_CLIENTS = 1_000;

/**
 * GET /events: Server-Sent Events of inventory changes and source health. A client that
 * reconnects with Last-Event-ID gets what it missed, or a `resync` event when too much was missed.
 */
export function eventRoutes(r: IRouter, hub: EventHub, db: Database) {
  r.get('/events', (req, res) => {
    if (hub.clients >= MAX_CLIENTS) {
      res
        .status(503)
        .setHeader('Retry-After', '10')
        .json({
          error: {
            code: 'unavailable',
            message: 'Too many live connections; the page refreshes on its own.',
          },
          requestId: req.id,
        });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const lastId = Number(req.get('Last-Event-ID'));
    if (Number.isInteger(lastId) && lastId > 0) {
      const missed = hub.since(lastId);
      if (missed === null) res.write('event: resync\ndata: {}\n\n');
      else for (const e of missed) send(res, e);
    }
    const unsubscribe = hub.subscribe((e) => {
      if (e) return send(res, e);
      res.end('event: restarting\ndata: {}\n\n');
    });
    const session = req.session!;
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unforget();
    };
    /** Ends the stream if its session has ended; else `alive()`. */
    const check = (alive: () => void) =>
      void isSessionLive(db, session).then(
        (live) => {
          if (live) return alive();
          stop();
          res.end();
        },
        // The database did not answer: keep the stream and check again next time.
        alive,
      );
    const heartbeat = setInterval(() => check(() => res.write(': heartbeat\n\n')), HEARTBEAT_MS);
    // A session ended (signed out, its kiosk link or token revoked, here or on another instance)
    // ends its stream at once.
    const unforget = onSessionForgotten((idHash) => {
      if (idHash === null || idHash === session.idHash) check(() => undefined);
    });
    req.on('close', stop);
  });
}

function send(res: Response, { id, event }: NumberedEvent): void {
  res.write(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}
