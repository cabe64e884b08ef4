import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createDirMailbox } from './local-dir';
import { mailboxContract } from './mailbox.contract';
import { createMemoryMailbox } from './memory';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

mailboxContract('memory', () => createMemoryMailbox());
mailboxContract('directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fg-mailbox-'));
  dirs.push(dir);
  return createDirMailbox(join(dir, 'nested'));
});
