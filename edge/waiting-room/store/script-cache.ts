import { digest, toHex } from '../web-crypto';

const shas = new Map<string, Promise<string>>();

/**
 * SHA-1 of a Lua script, as Redis names it for EVALSHA (memoised: scripts are constants).
 * Web-standard crypto, so the Upstash store also runs outside Node.
 */
export function scriptSha(script: string): Promise<string> {
  let sha = shas.get(script);
  if (!sha) {
    sha = digest('SHA-1', script).then(toHex);
    shas.set(script, sha);
  }
  return sha;
}

/** True for Redis's "script not cached" error, after which EVAL sends the full script once. */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.includes('NOSCRIPT');
}
