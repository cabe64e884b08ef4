import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../helpers/redis';
import { API, get, post, type RoomFixture, startRoomFixture, T0 } from './waiting-room-fixture';

const run = promisify(execFile);
const OPENS = T0 + 5 * 60_000;

/** Runs scripts/verify-prequeue.ts as a buyer would; never throws on a non-zero exit. */
async function verify(file: string, commitment?: string) {
  const args = ['--import', 'tsx', 'scripts/verify-prequeue.ts', file];
  if (commitment) args.push('--commitment', commitment);
  try {
    const { stdout } = await run(process.execPath, args);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: `${e.stdout}${e.stderr}` };
  }
}

describe.skipIf(!redisUrl)('pre-queue with provable fairness (edge app, real Redis)', () => {
  let fx: RoomFixture;
  let dir: string;
  beforeAll(async () => {
    fx = await startRoomFixture(redisUrl as string);
    dir = await mkdtemp(join(tmpdir(), 'fg-prequeue-'));
  });
  afterAll(async () => {
    await fx?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('orders early joiners by the committed seed, verifiably, then serves FIFO', async () => {
    const id = 'prequeue-sale';
    await fx.origin.configure(id, { ratePerMinute: 600, opensAt: OPENS }, T0);
    fx.clock.now = T0 + 60_000;
    const early = [];
    for (let i = 0; i < 40; i++) {
      const joined = await post(fx, `/wr/${id}/join`, API(`10.1.0.${i}`));
      expect(joined.json, joined.text).toMatchObject({ position: 0, prequeue: true });
      early.push(joined.json);
    }
    // Waiting buyers poll (admit) every 30 s, so none of them counts as gone at opening.
    for (fx.clock.now = T0 + 90_000; fx.clock.now < OPENS; fx.clock.now += 30_000) {
      for (const buyer of early) {
        const poll = await post(fx, `/wr/${id}/admit`, API('10.3.0.1'), {
          ticket: buyer.ticket,
          clientSecret: buyer.clientSecret,
        });
        expect(poll.json, poll.text).toMatchObject({
          admitted: false,
          position: 0,
          prequeue: true,
        });
      }
    }
    fx.clock.now = OPENS - 1_000;
    const before = await get(fx, `/wr/${id}/state`);
    expect(before.json).toMatchObject({ seed: null, prequeue: { joined: 40, sealed: false } });
    const commitment: string = before.json.commitment;
    const hidden = await get(fx, `/wr/${id}/prequeue-log`);
    expect(hidden.res.status, hidden.text).toBe(409);

    fx.clock.now = OPENS;
    const opened = await get(fx, `/wr/${id}/state`);
    expect(opened.json, opened.text).toMatchObject({ commitment, queueLength: 40 });
    expect(opened.json.seed).toMatch(/^[0-9a-f]{64}$/);
    const log = await get(fx, `/wr/${id}/prequeue-log`);
    expect(log.res.status, log.text).toBe(200);
    const file = join(dir, 'log.json');
    await writeFile(file, log.text);
    const good = await verify(file, commitment);
    expect(good.stdout).toContain('OK: 40 pre-queue positions match');
    expect(good.code).toBe(0);

    // A seed other than the committed one is caught, with every moved position listed.
    await writeFile(file, JSON.stringify({ ...log.json, seed: 'ab'.repeat(32) }));
    const forged = await verify(file, commitment);
    expect(forged.code, forged.stdout).toBe(1);
    expect(forged.stdout).toMatch(/PROBLEM seed does not hash/);
    expect(forged.stdout).toMatch(/MISMATCH ticket t_/);

    // Buyers who joined after opening come strictly after, in arrival order.
    const late = [];
    for (let i = 0; i < 10; i++)
      late.push((await post(fx, `/wr/${id}/join`, API(`10.2.0.${i}`))).json);
    expect(late.map((j) => j.position)).toEqual(Array.from({ length: 10 }, (_, i) => 41 + i));

    // Everyone polls admit once a second; admission order must be the published order.
    const byTicket = new Map<string, number>(
      log.json.entries.map((e: { ticketId: string; position: number }) => [e.ticketId, e.position]),
    );
    const everyone = [...early, ...late];
    const rounds: number[][] = [];
    for (let t = 1; rounds.flat().length < everyone.length && t <= 10; t++) {
      fx.clock.now = OPENS + t * 1_000;
      const round: number[] = [];
      for (const buyer of everyone) {
        if (buyer.done) continue;
        const a = await post(fx, `/wr/${id}/admit`, API('10.3.0.1'), {
          ticket: buyer.ticket,
          clientSecret: buyer.clientSecret,
        });
        if (a.res.status !== 200) continue;
        buyer.done = true;
        const tid = JSON.parse(Buffer.from(buyer.ticket.split('.')[1], 'base64url').toString()).tid;
        round.push(byTicket.get(tid) ?? buyer.position);
      }
      rounds.push(round.sort((a, b) => a - b));
    }
    // 600/min = 10 a second: each second admits the next ten published positions, no one early.
    expect(rounds).toEqual(
      Array.from({ length: 5 }, (_, r) => Array.from({ length: 10 }, (_, i) => r * 10 + i + 1)),
    );
  });
});
