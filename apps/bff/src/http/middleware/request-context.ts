import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ActiveSession } from '../../store/sessions.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own extension point
  namespace Express {
    interface Request {
      id: string;
      session?: ActiveSession;
    }
  }
}

/** Every request gets an id, echoed in X-Request-Id and in every error body. */
export function stampRequestId(req: Request, res: Response): void {
  req.id = randomUUID();
  res.setHeader('X-Request-Id', req.id);
}

/** What every request goes through before any route: set-up that cannot wait or fail but by throwing. */
export type RequestStep = (req: Request, res: Response) => void;

/**
 * The steps every request takes, in order, as one middleware: each layer of Express's router a
 * request passes costs it about a microsecond (measured with no-op layers), and a list read has
 * no other time to lose. A step that throws answers with the error handler, as a middleware would.
 */
export function everyRequest(...steps: RequestStep[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    for (const step of steps) step(req, res);
    next();
  };
}
