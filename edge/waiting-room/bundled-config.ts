import { z } from 'zod';
import { DEV_TOKEN_KEYS, type TokenKeys } from '../token';

/**
 * Configuration of the Lambda@Edge waiting room. Lambda@Edge has no environment variables, so
 * the build (scripts/build-edge.ts) bakes it in with esbuild
 * `define: edgeConfigDefine(config)`. Unbundled (tests, `npm start`) it falls back to the
 * development config: memory store, the fixed dev key ring.
 */
export interface EdgeBundledConfig {
  /** Upstash REST endpoint; null → in-process memory store (development only). */
  upstash: { url: string; token: string } | null;
  keys: TokenKeys;
  /** Redis key prefix; the origin's ioredis room store must use the same. */
  keyPrefix: string;
  joinRateLimit: { limit: number; windowSeconds: number };
}

declare const __FLOODGATE_EDGE_CONFIG__: unknown;

/** Development config: the shared dev key ring (NOT secret), memory store. */
export const DEV_EDGE_CONFIG: EdgeBundledConfig = {
  upstash: null,
  keys: DEV_TOKEN_KEYS,
  keyPrefix: 'fg:',
  joinRateLimit: { limit: 30, windowSeconds: 60 },
};

const schema = z.object({
  upstash: z.object({ url: z.url(), token: z.string().min(1) }).nullable(),
  keys: z
    .object({ activeKid: z.string().min(1), keys: z.record(z.string(), z.string().min(32)) })
    .refine((k) => Object.hasOwn(k.keys, k.activeKid), 'activeKid must name a key in keys'),
  keyPrefix: z.string().default('fg:'),
  joinRateLimit: z
    .object({ limit: z.number().int().positive(), windowSeconds: z.number().int().positive() })
    .default(DEV_EDGE_CONFIG.joinRateLimit),
});

/** Validates a config, failing with the path of the bad setting. */
export function parseEdgeConfig(input: unknown): EdgeBundledConfig {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`waiting-room bundled config is invalid: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** The esbuild `define` that bakes `config` into the Lambda@Edge bundle. */
export function edgeConfigDefine(config: EdgeBundledConfig): Record<string, string> {
  return { __FLOODGATE_EDGE_CONFIG__: JSON.stringify(parseEdgeConfig(config)) };
}

/** The config this bundle was built with (or the development config when unbundled). */
export const bundledConfig: EdgeBundledConfig =
  typeof __FLOODGATE_EDGE_CONFIG__ === 'undefined'
    ? DEV_EDGE_CONFIG
    : parseEdgeConfig(__FLOODGATE_EDGE_CONFIG__);
