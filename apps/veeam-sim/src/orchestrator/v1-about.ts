// `GET /v1/About`: the VAO 1.0 `ServerAboutInfo` (VAO 1.0 swagger; veeam-api.md 2.3), the server's
// name, version and addresses. Neither the swagger nor veeam-api.md exempts it from authorization,
// so like every route but the token endpoints it needs a bearer token.

import type { Route } from './route.ts';
import { json } from './vro-errors.ts';

// The documentation's example version (VAO 1.0.0.765): no other build number is documented.
const VERSION = { major: 1, minor: 0, build: 0, revision: 765 };

export const aboutRoute: Route = {
  method: 'GET',
  template: '/v1/About',
  handle: (ctx) =>
    json(200, {
      // The swagger's enum (None, VaoServer, VaoUi, Backup, VeeamOne, VaoRestApi), written as a name
      // as the documented responses write scheduleType; this answer comes from the REST API.
      component: 'VaoRestApi',
      server: ctx.url.hostname,
      // .NET's System.Version: majorRevision and minorRevision are the revision's high and low 16 bits.
      version: {
        ...VERSION,
        majorRevision: VERSION.revision >> 16,
        minorRevision: VERSION.revision & 0xffff,
      },
      logPath: 'C:\\ProgramData\\Veeam\\Veeam Availability Orchestrator\\Log',
      // There is no web UI; its address would be this server's.
      siteUrl: ctx.url.origin,
    }),
};
