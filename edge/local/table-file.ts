import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Behaviour } from '../behaviours';

const keyBehaviour = z.union([
  z.literal('none'),
  z.literal('all'),
  z.object({ allow: z.array(z.string().min(1)) }).strict(),
]);
const ttl = z.number().int().min(0);

const cachePolicy = z
  .object({
    name: z.string().min(1),
    minTtl: ttl,
    defaultTtl: ttl,
    maxTtl: ttl,
    queryStrings: keyBehaviour,
    headers: z.union([z.literal('none'), z.object({ allow: z.array(z.string().min(1)) }).strict()]),
    cookies: keyBehaviour,
    gzip: z.boolean(),
    brotli: z.boolean(),
  })
  .strict()
  .refine((p) => p.minTtl <= p.defaultTtl && p.defaultTtl <= p.maxTtl, {
    message: 'TTLs must satisfy minTtl <= defaultTtl <= maxTtl',
  });

const originRequestPolicy = z
  .object({
    name: z.string().min(1),
    queryStrings: keyBehaviour,
    headers: z.union([
      z.literal('none'),
      z.literal('allViewer'),
      z.object({ allow: z.array(z.string().min(1)) }).strict(),
    ]),
    cookies: keyBehaviour,
  })
  .strict();

const behaviour = z
  .object({
    pathPattern: z.string().min(1),
    origin: z.enum(['storefront', 'api']),
    allowedMethods: z.enum(['GET_HEAD', 'GET_HEAD_OPTIONS', 'ALL']),
    cachePolicy,
    originRequestPolicy: originRequestPolicy.optional(),
    viewerRequest: z.enum(['check-access-token', 'spa-rewrite']).optional(),
    originRequest: z.literal('waiting-room').optional(),
    compress: z.boolean(),
    purpose: z.string().default(''),
  })
  .strict();

const table = z.array(behaviour).refine((b) => b.length > 0 && b.at(-1)?.pathPattern === '*', {
  message: 'the table must end with the default behaviour, pathPattern "*"',
});

/**
 * Parses a behaviours table given as JSON (an array in precedence order, default `*` last, or
 * `{ "behaviours": [...] }`), in the shape of edge/behaviours.ts. Throws one readable error that
 * names every bad field, so `npm run edge -- --table my-table.json` fails before it starts.
 *
 * @example parseBehavioursTable(JSON.stringify(allBehaviours)) // round-trips the built-in table
 */
export function parseBehavioursTable(text: string, source = 'table'): Behaviour[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list =
    json !== null && typeof json === 'object' && !Array.isArray(json) && 'behaviours' in json
      ? json.behaviours
      : json;
  const result = table.safeParse(list);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    throw new Error(`${source} is not a valid behaviours table:\n${problems}`);
  }
  return result.data as Behaviour[];
}

/** Reads and parses a behaviours table file (see {@link parseBehavioursTable}). */
export async function readBehavioursTable(file: string): Promise<Behaviour[]> {
  return parseBehavioursTable(await readFile(file, 'utf8'), file);
}
