import { readQueryPage } from './enterprise-manager/query-page.ts';

/**
 * The work a connector may hand to another thread: pure functions of plain data (what
 * `postMessage` copies), named so a worker can be told which to run.
 */
export const jobs = {
  /** An Enterprise Manager query page: parse, check and (for restore points) normalize. */
  emQueryPage: readQueryPage,
};

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
