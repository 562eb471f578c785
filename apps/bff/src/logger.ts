import { pino, type Logger } from 'pino';
import { env } from './env.ts';

/** JSON logs on stdout; secrets and session material are redacted wherever they appear. */
export function createLogger(level = env.logLevel): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  });
}
