import { createHash } from 'node:crypto';

const shas = new Map<string, string>();

/** SHA-1 of a Lua script, as Redis names it for EVALSHA (memoised: scripts are constants). */
export function scriptSha(script: string): string {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}

/** True for Redis's "script not cached" error, after which EVAL sends the full script once. */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.includes('NOSCRIPT');
}
