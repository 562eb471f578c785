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
export function requestId(req: Request, res: Response, next: NextFunction) {
  req.id = randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
