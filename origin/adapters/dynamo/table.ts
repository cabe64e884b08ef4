import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { EVENTS_INDEX } from './keys';

/**
 * Creates the single table (pk/sk strings, one GSI `gsi1`, on-demand billing) if it does not
 * exist, and waits until it is ACTIVE. Safe to call on every start-up. On AWS the table is made
 * by the CDK stack with the same shape; this is for dynalite and DynamoDB Local.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if (await isActive(client, tableName)) return;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: EVENTS_INDEX,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
  } catch (error) {
    // Another process created it first: fine, we only need it to exist.
    if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
  }
  for (let i = 0; i < 100 && !(await isActive(client, tableName)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function isActive(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table?.TableStatus === 'ACTIVE';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}
