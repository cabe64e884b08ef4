/**
 * Child process of waiting-room-rate.test.ts: its own ioredis connection and room store on the
 * shared keys. On `go` it fires all its admits (and state reads) at once and reports which
 * tickets it got admitted. Forked with `execArgv: ['--import', 'tsx']`.
 */
import { Redis } from 'ioredis';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';

interface Job {
  redisUrl: string;
  prefix: string;
  eventId: string;
  tickets: { id: string; position: number }[];
  now: number;
}

const send = (message: unknown) => process.send?.(message);

process.on('message', async (message: { type: 'job'; job: Job } | { type: 'go' }) => {
  if (message.type === 'job') {
    const { job } = message;
    const redis = new Redis(job.redisUrl);
    await redis.ping();
    const store = createIoredisRoomStore(redis, { prefix: job.prefix });
    process.once('message', async () => {
      const admitted: string[] = [];
      const statuses: Record<string, number> = {};
      await Promise.all(
        job.tickets.flatMap((t, i) => [
          store.admit(job.eventId, t.id, t.position, job.now + (i % 7)).then((r) => {
            const status = r?.status ?? 'none';
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status === 'admitted') admitted.push(t.id);
          }),
          store.state(job.eventId, job.now + (i % 5)),
        ]),
      );
      await redis.quit();
      send({ type: 'done', admitted, statuses });
    });
    send({ type: 'ready' });
  }
});
