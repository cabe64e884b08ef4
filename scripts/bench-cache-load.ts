/**
 * The load side of `npm run bench:cache`, run in its own process (forked by bench-cache.ts): it
 * receives one {@link LoadJob} over IPC, drives the local edge over HTTP, and sends back a
 * {@link LoadResult}.
 */
import http from 'node:http';

/** What one load run measured. */
export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  hits: number;
  /** Requests not sent because every connection was busy (open-loop overload). */
  skipped: number;
  seconds: number;
  latencies: number[];
}

/** One load run: cached hits (closed loop) or pollers (open loop). */
export interface LoadJob {
  kind: 'hits' | 'pollers';
  url: string;
  seconds: number;
  concurrency: number;
  pollers: number;
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    const run = job.kind === 'hits' ? hammer(job) : poll(job);
    run.then((result) => process.send?.(result, () => process.exit(0)));
  });
}

/** One GET; resolves with its latency in ms and whether the edge answered from cache. */
function getOnce(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
): Promise<{ ms: number; ok: boolean; hit: boolean }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          ms: performance.now() - start,
          ok: res.statusCode === 200,
          hit: String(res.headers['x-cache']).startsWith('Hit'),
        }),
      );
    });
    req.on('error', () => resolve({ ms: performance.now() - start, ok: false, hit: false }));
  });
}

/** Closed loop: `concurrency` connections, each sending its next GET when the last one ends. */
async function hammer(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL('/api/catalog/events', job.url);
  const result = empty();
  const start = performance.now();
  const end = start + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < end) {
        const r = await getOnce(agent, url, {});
        tally(result, r);
      }
    }),
  );
  result.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return result;
}

/**
 * Open loop: every poller sends at its own pace whatever the answers' speed, like real
 * browsers; when all connections are busy a poll is skipped (counted) rather than queued.
 */
async function poll(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const state = new URL('/wr/demo-arena/state', job.url);
  const page = new URL('/api/catalog/events/demo-arena', job.url);
  const result = empty();
  let inFlight = 0;
  const start = performance.now();
  const end = start + job.seconds * 1000;
  // Poller i polls state at offset i/pollers of each second and the page every 5th time.
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= end) {
        if (inFlight === 0) resolve();
        else setTimeout(tick, 5);
        return;
      }
      const due = Math.floor(((now - start) / 1000) * job.pollers);
      for (; next < due; next++) {
        const poller = next % job.pollers;
        const round = Math.floor(next / job.pollers);
        const targets = (round + poller) % 5 === 0 ? [state, page] : [state];
        for (const url of targets) {
          if (inFlight >= job.concurrency * 4) {
            result.skipped += 1;
            continue;
          }
          inFlight += 1;
          result.sent += 1;
          getOnce(agent, url, { cookie: `fg_ticket=p${poller}` }).then((r) => {
            inFlight -= 1;
            tally(result, r);
          });
        }
      }
      setTimeout(tick, 5);
    };
    tick();
  });
  result.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return result;
}

function empty(): LoadResult {
  return { sent: 0, ok: 0, failed: 0, hits: 0, skipped: 0, seconds: 0, latencies: [] };
}

function tally(result: LoadResult, r: { ms: number; ok: boolean; hit: boolean }): void {
  if (r.ok) result.ok += 1;
  else result.failed += 1;
  if (r.hit) result.hits += 1;
  result.latencies.push(Math.round(r.ms * 1000) / 1000);
}
