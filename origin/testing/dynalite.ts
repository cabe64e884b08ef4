import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createDynamoClient } from '../adapters/dynamo/client';
import { createDynamoStore, type DynamoStore } from '../adapters/dynamo/store';
import { ensureTable } from '../adapters/dynamo/table';

/** An in-process DynamoDB-compatible server on a free port, with the table created. */
export interface TestDynamo {
  endpoint: string;
  tableName: string;
  store: DynamoStore;
  close(): Promise<void>;
}

/**
 * Starts dynalite (in memory, port 0) and creates a fresh table, for tests and local runs.
 * @example const db = await startTestDynamo(); ... await db.close();
 */
export async function startTestDynamo(options: { safe?: boolean } = {}): Promise<TestDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const tableName = `floodgate-test-${Math.random().toString(36).slice(2, 8)}`;
  const client = createDynamoClient({ endpoint, region: 'local' });
  await ensureTable(client, tableName);
  return {
    endpoint,
    tableName,
    store: createDynamoStore({ client, tableName, safe: options.safe }),
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
