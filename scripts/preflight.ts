import { createServer } from 'node:net';
import { Level } from 'level';

/**
 * Checks done before anything starts, so a clash gives one clear sentence instead of a
 * stack trace from deep inside a dependency.
 */

/** Fails with a clear message when `port` on `host` is taken. Port 0 always passes. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} on ${host} is already in use: stop the other process or choose another port (PORT=4000 npm start, or npm start -- --port 4000)`,
            )
          : error,
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * The embedded DynamoDB keeps its data in a LevelDB folder that only one process can open.
 * Fails with a clear message when another Floodgate holds it.
 */
export async function assertDataDirFree(path: string): Promise<void> {
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
    throw new Error(
      `the data folder ${path} is in use by another process (${cause.split('\n')[0]}): stop the other Floodgate, or use --in-memory or --data-dir DIR`,
    );
  } finally {
    await db.close().catch(() => undefined);
  }
}
