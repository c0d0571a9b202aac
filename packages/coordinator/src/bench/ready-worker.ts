// The boot benchmark's baseline: a worker that loads nothing and says it is ready.
import { parentPort } from 'node:worker_threads';

parentPort?.postMessage('ready');
