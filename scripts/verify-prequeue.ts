/**
 * `npx tsx scripts/verify-prequeue.ts <log> [--commitment <hex>]` — recomputes every pre-queue
 * position from the published seed and join log and prints each mismatch.
 *
 * `<log>` is the URL of `GET /wr/{eventId}/prequeue-log` (published once the room opens), or a
 * file holding that JSON. `--commitment` is the `commitment` you read from
 * `GET /wr/{eventId}/state` before opening: the seed must hash to it, which proves the order was
 * fixed before anyone knew who would join. Exit code 0 when everything matches, 1 otherwise.
 * The shuffle is documented in edge/waiting-room/prequeue-shuffle.ts.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  type PrequeueVerification,
  type PublishedPrequeueLog,
  verifyPrequeueLog,
} from '../edge/waiting-room/prequeue-verify';

/** Reads the log from a URL or a file. */
export async function loadPrequeueLog(source: string): Promise<PublishedPrequeueLog> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${source} answered ${res.status}: ${text}`);
    return JSON.parse(text) as PublishedPrequeueLog;
  }
  return JSON.parse(await readFile(source, 'utf8')) as PublishedPrequeueLog;
}

/** The report lines for a verification (what the CLI prints). */
export function describeVerification(result: PrequeueVerification): string[] {
  const lines = result.problems.map((p) => `PROBLEM ${p}`);
  for (const m of result.mismatches) {
    lines.push(
      `MISMATCH ticket ${m.ticketId} (join #${m.joinOrder}): published position ${m.published}, recomputed ${m.expected}`,
    );
  }
  lines.push(
    result.ok
      ? `OK: ${result.checked} pre-queue positions match the seeded shuffle`
      : `FAILED: ${result.problems.length} problem(s), ${result.mismatches.length} mismatch(es) in ${result.checked} positions`,
  );
  return lines;
}

export async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const at = args.indexOf('--commitment');
  const commitment = at >= 0 ? args[at + 1] : undefined;
  const source = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!source || (at >= 0 && !commitment)) {
    console.error('usage: tsx scripts/verify-prequeue.ts <url-or-file> [--commitment <hex>]');
    return 2;
  }
  const result = await verifyPrequeueLog(await loadPrequeueLog(source), commitment);
  for (const line of describeVerification(result)) console.log(line);
  return result.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(String(error instanceof Error ? error.message : error));
      process.exit(2);
    },
  );
}
