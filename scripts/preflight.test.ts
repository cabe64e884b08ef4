import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { Level } from 'level';
import { describe, expect, it } from 'vitest';
import { assertDataDirFree, assertPortFree } from './preflight';

describe('start-up preflight', () => {
  it('says which port is taken and how to choose another', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    await expect(assertPortFree(port, '127.0.0.1')).rejects.toThrow(
      new RegExp(`port ${port} on 127.0.0.1 is already in use.*--port`),
    );
    await new Promise((resolve) => taken.close(resolve));
    await expect(assertPortFree(port, '127.0.0.1')).resolves.toBeUndefined();
  });

  it('says the data folder is in use when another process holds it', async () => {
    const dir = await mkdtemp(`${tmpdir()}/floodgate-preflight-`);
    await expect(assertDataDirFree(dir)).resolves.toBeUndefined();
    const holder = new Level(dir);
    await holder.open();
    await expect(assertDataDirFree(dir)).rejects.toThrow(/data folder .* is in use.*--in-memory/);
    await holder.close();
  });
});
