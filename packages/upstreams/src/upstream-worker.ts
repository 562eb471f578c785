// A worker thread of the upstream pool (`startWorkerPool`): runs the jobs it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { failureOf, runJob, type JobAnswer, type JobRequest } from './off-thread.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread of the upstream pool');
port.on('message', ({ id, job, args }: JobRequest) => {
  let answer: JobAnswer;
  try {
    answer = { id, value: runJob(job, args) };
  } catch (err) {
    answer = { id, failure: failureOf(err) };
  }
  port.postMessage(answer);
});
