import { Worker } from 'node:worker_threads';
import { WORKER_THREAD_NICENESS } from './lowerThreadPriority';
import { threadNiceness } from './__testUtils__/threadNiceness';

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('lowerThreadPriority', () => {
  it("lowers a worker thread's priority, not the process's", async () => {
    const own = threadNiceness().get(process.pid)!;
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const fs = require('node:fs');
       const path = require('node:path');
       parentPort.postMessage({
         threadId: Number(path.basename(fs.readlinkSync('/proc/thread-self'))),
         niceness: require(${JSON.stringify(
           require.resolve('./lowerThreadPriority'),
         )}).lowerThreadPriority(),
       });
       setInterval(() => {}, 1000);`,
      {
        eval: true,
        execArgv: [
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ],
      },
    );
    try {
      const message = await new Promise<{
        threadId: number;
        niceness: number | undefined;
      }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const expected = Math.min(19, own + WORKER_THREAD_NICENESS);
      expect(message.niceness).toBe(expected);
      const niceness = threadNiceness();
      expect(niceness.get(message.threadId)).toBe(expected);
      expect(niceness.get(process.pid)).toBe(own);
    } finally {
      await worker.terminate();
    }
  });
});
