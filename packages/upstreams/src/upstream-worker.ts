// A worker thread of the upstream pool (`startWorkerPool`): runs the jobs it is sent, one at a time.
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { failureOf, runJob, type JobAnswer, type JobRequest } from './off-thread.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread of the upstream pool');
/**
 * A worker thread's nice value: below the thread that serves requests, so a request is answered
 * before the next slice of a parse (at `large`, /healthz p95 17 ms during the first sync against 22
 * at the same priority), yet not so far below that a busy BFF starves its polls. Linux keeps a nice
 * value per thread; elsewhere it would lower the whole process, so it is left alone there. A BFF
 * started nicer than this keeps its own (raising a priority needs a privilege), and a refusal
 * only leaves the thread as it is.
 */
const NICE = 5;
if (process.platform === 'linux') {
  try {
    setPriority(Math.max(getPriority(), NICE));
  } catch {
    // Not allowed here: the thread reads at the serving thread's priority.
  }
}
port.on('message', ({ id, job, args }: JobRequest) => {
  let answer: JobAnswer;
  try {
    answer = { id, value: runJob(job, args) };
  } catch (err) {
    answer = { id, failure: failureOf(err) };
  }
  port.postMessage(answer);
});
