import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AppError } from '../../../common/errors';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** True when a write was refused by its ConditionExpression (the guard did its job). */
export function isConditionFailed(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

const opts = { removeUndefinedValues: true, convertClassInstanceToMap: true };

/**
 * Thin typed helpers over one table, so repositories read as their key layout and conditions.
 * SDK failures other than a failed condition surface as `AppError('unavailable')` (503).
 */
export class TableOps {
  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async get<T = Item>(key: Key, consistent = true): Promise<T | undefined> {
    const out = await this.call(() =>
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: marshall(key),
          ConsistentRead: consistent,
        }),
      ),
    );
    return out.Item ? (unmarshall(out.Item) as T) : undefined;
  }

  /** Puts an item; with a condition, returns false instead of throwing when it fails. */
  async put(
    item: Item,
    condition?: { expression: string; names?: Record<string, string>; values?: Item },
  ): Promise<boolean> {
    try {
      await this.call(() =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: marshall(item, opts),
            ConditionExpression: condition?.expression,
            ExpressionAttributeNames: condition?.names,
            ExpressionAttributeValues: condition?.values
              ? marshall(condition.values, opts)
              : undefined,
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /** Conditional update; returns the new item, or undefined when the condition failed. */
  async update<T = Item>(
    key: Key,
    update: string,
    values: Item,
    names?: Record<string, string>,
    condition?: string,
  ): Promise<T | undefined> {
    const input: UpdateItemCommandInput = {
      TableName: this.tableName,
      Key: marshall(key),
      UpdateExpression: update,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: Object.keys(values).length ? marshall(values, opts) : undefined,
      ReturnValues: 'ALL_NEW',
    };
    try {
      const out = await this.call(() => this.client.send(new UpdateItemCommand(input)));
      return (out.Attributes ? unmarshall(out.Attributes) : {}) as T;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  /** Every item of a query, following pagination. */
  async queryAll<T = Item>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const items: T[] = [];
    let start: QueryCommandInput['ExclusiveStartKey'];
    do {
      const out = await this.call(() =>
        this.client.send(
          new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }),
        ),
      );
      for (const raw of out.Items ?? []) items.push(unmarshall(raw) as T);
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** One page of a query (use `Limit` to bound it). */
  async queryPage<T = Item>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const out = await this.call(() =>
      this.client.send(new QueryCommand({ ...input, TableName: this.tableName })),
    );
    return (out.Items ?? []).map((raw) => unmarshall(raw) as T);
  }

  /** Writes many items with BatchWriteItem (25 per call, a few calls in flight, unprocessed retried). */
  async putMany(items: Item[], parallel = 8): Promise<void> {
    const chunks: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] as Item[];
        let requests = chunk.map((item) => ({ PutRequest: { Item: marshall(item, opts) } }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 8)
            throw new AppError('unavailable', 'DynamoDB kept throttling a batch write');
          if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
          const out = await this.call(() =>
            this.client.send(
              new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }),
            ),
          );
          requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, worker));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isConditionFailed(error) || error instanceof AppError) throw error;
      const name = (error as { name?: string }).name ?? 'Error';
      if (name === 'ValidationException' || name === 'ResourceNotFoundException') throw error;
      throw new AppError(
        'unavailable',
        `The database is unavailable (${name}): try again shortly`,
        undefined,
        2,
      );
    }
  }
}
