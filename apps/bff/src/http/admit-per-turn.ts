import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Starts at most `perTurn` requests in each turn of the event loop; the rest wait, in arrival
 * order, for the next turns. Under a flood of readers every turn would otherwise run one handler
 * per open connection, and the poll, which needs a turn for each of its steps (an upstream answer,
 * a worker's page, a slice), would crawl: a bounded turn keeps it moving (decision 015). A request
 * whose client went away while it waited is dropped unanswered; past `maxWaiting`, a request is
 * refused at once with 503 and Retry-After, so memory stays bounded however many arrive.
 */
export function admitPerTurn(
  handle: Handler,
  perTurn: number,
  maxWaiting: number,
): Handler & { admits: Handler } {
  const waiting: [IncomingMessage, ServerResponse][] = [];
  let started = 0;
  let turnScheduled = false;

  const nextTurn = () => {
    turnScheduled = false;
    started = 0;
    while (waiting.length > 0 && started < perTurn) {
      const [req, res] = waiting.shift()!;
      if (req.destroyed || res.destroyed) continue;
      started++;
      handle(req, res);
    }
    scheduleTurn();
  };
  // setImmediate: the count starts again after this turn's I/O (the poll's answers among it).
  const scheduleTurn = () => {
    if (turnScheduled || (started === 0 && waiting.length === 0)) return;
    turnScheduled = true;
    setImmediate(nextTurn);
  };

  const admit: Handler = (req, res) => {
    if (waiting.length === 0 && started < perTurn) {
      started++;
      scheduleTurn();
      handle(req, res);
    } else if (waiting.length >= maxWaiting) {
      const body = JSON.stringify({
        error: { code: 'unavailable', message: 'Too many requests are waiting; retry in a moment.' },
        requestId: randomUUID(),
      });
      res.writeHead(503, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Retry-After': '1',
      });
      res.end(body);
    } else {
      waiting.push([req, res]);
      scheduleTurn();
    }
  };
  // The handler behind the gate, for whoever reads the app itself (the route table in the tests).
  return Object.assign(admit, { admits: handle });
}
