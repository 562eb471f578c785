import type { Role } from '@lifeboat/shared';
import type { NextFunction, Request, Response } from 'express';
import { Forbidden, Unauthorized } from '../../errors.ts';

/**
 * Lets the request through only when the session holds one of `roles` (checked on the server for
 * every request). Mount it after requireSession: without a session the answer is 401, with the
 * wrong role 403.
 */
export function requireRole(...roles: Role[]) {
  const allowed = new Set<string>(roles);
  const words = roles.length === 1 ? `the ${roles[0]} role` : `one of the roles ${roles.join(', ')}`;
  return (req: Request, _res: Response, next: NextFunction) => {
    const session = req.session;
    if (!session) throw new Unauthorized();
    if (!session.roles.some((r) => allowed.has(r))) throw new Forbidden(`This needs ${words}.`);
    next();
  };
}
