import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TTL_ATTRIBUTE } from '../../../origin/adapters/dynamo/keys';

/**
 * The TTL attribute (epoch seconds after which DynamoDB may delete an item): the origin's
 * repositories write this very constant, so the table expires what they write.
 */
export { TTL_ATTRIBUTE };
/**
 * The one global secondary index (events listed by status and date); the origin queries it by
 * this name (`EVENTS_INDEX` in origin/adapters/dynamo/keys.ts), and `ensureTable` creates the
 * same shape locally.
 */
export const EVENTS_INDEX = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

/**
 * The single DynamoDB table: events, seats, holds, orders, idempotency records (keys pk/sk,
 * plus the {@link EVENTS_INDEX} GSI).
 * On-demand, because a sale is a spike no provisioned capacity predicts; point-in-time recovery,
 * because it is the truth of who bought what; TTL cleans expired holds late (reads filter them).
 */
export class TableConstruct extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: EVENTS_INDEX.name,
          partitionKey: { name: EVENTS_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: EVENTS_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
          projectionType: dynamodb.ProjectionType.ALL,
        },
      ],
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
