// The boot benchmark's baseline: a worker that loads nothing, says it is ready, and stays alive
// (a listener on its port keeps it, as a lab worker is kept) until it is terminated.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => undefined);
parentPort?.postMessage('ready');
