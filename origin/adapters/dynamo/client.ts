import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Where the table lives. `endpoint` is set for dynalite/DynamoDB Local, absent on AWS. */
export interface DynamoClientOptions {
  endpoint?: string;
  region: string;
}

/**
 * Builds the DynamoDB client. With an endpoint (local), fixed dummy credentials are used so no
 * AWS profile is needed; on AWS the default credential chain (the ECS task role) applies.
 * @example createDynamoClient({ endpoint: 'http://127.0.0.1:4567', region: 'local' })
 */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 3,
  });
}
