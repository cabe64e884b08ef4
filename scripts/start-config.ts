import { z } from 'zod';

/**
 * Settings of `npm start`, from the environment and a few flags.
 * A bad value stops start-up with a message naming the setting.
 */
export const StartConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  FLOODGATE_DATA_DIR: z.string().min(1).default('.data'),
  FLOODGATE_IN_MEMORY: z
    .enum(['0', '1', 'true', 'false'])
    .default('false')
    .transform((v) => v === '1' || v === 'true'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  ORGANIZER_KEY: z.string().min(8, 'must be at least 8 characters').default('dev-organizer-key'),
  FLOODGATE_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
});

export type StartConfig = z.infer<typeof StartConfigSchema>;

/** Flags override the environment: `--port 4000`, `--in-memory`, `--workers 2`. */
export function parseStartConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): StartConfig {
  const merged: Record<string, string | undefined> = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--in-memory') merged.FLOODGATE_IN_MEMORY = '1';
    else if (flag === '--port') merged.PORT = argv[++i];
    else if (flag === '--workers') merged.FLOODGATE_WORKERS = argv[++i];
    else if (flag === '--data-dir') merged.FLOODGATE_DATA_DIR = argv[++i];
    else
      throw new StartConfigError(
        `unknown flag ${flag} (known: --port N, --in-memory, --workers N, --data-dir DIR)`,
      );
  }
  const parsed = StartConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new StartConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.FLOODGATE_WORKERS > 1 && !parsed.data.REDIS_URL) {
    throw new StartConfigError(
      `invalid configuration:\n  FLOODGATE_WORKERS: ${parsed.data.FLOODGATE_WORKERS} origin workers ` +
        'need real Redis shared by all of them: set REDIS_URL (e.g. redis://127.0.0.1:6379)',
    );
  }
  return parsed.data;
}

export class StartConfigError extends Error {
  override name = 'StartConfigError';
}
