import { randomUUID } from 'node:crypto';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { CdnInvalidator } from './types';

/** The slice of the CloudFront client used here (so a test can pass a recorder). */
export interface CloudFrontSender {
  send(command: CreateInvalidationCommand): Promise<unknown>;
}

/**
 * CloudFront invalidation (`CreateInvalidation`) on the distribution in front of the origin.
 * The ECS task role needs `cloudfront:CreateInvalidation` on that distribution.
 * @example createCloudFrontInvalidator({ distributionId: 'E123ABC' })
 */
export function createCloudFrontInvalidator(options: {
  distributionId: string;
  client?: CloudFrontSender;
}): CdnInvalidator {
  // CloudFront is a global service; its API lives in us-east-1.
  const client = options.client ?? new CloudFrontClient({ region: 'us-east-1' });
  return {
    async invalidate(paths) {
      if (paths.length === 0) return;
      await client.send(
        new CreateInvalidationCommand({
          DistributionId: options.distributionId,
          InvalidationBatch: {
            CallerReference: `floodgate-${Date.now()}-${randomUUID()}`,
            Paths: { Quantity: paths.length, Items: paths },
          },
        }),
      );
    },
  };
}
