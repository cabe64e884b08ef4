import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { ASSET_CACHE_CONTROL, PAGE_CACHE_CONTROL } from '../web/storefront-construct';

/**
 * Buildspec of the storefront publish step. Its input is the built `dist/web`; it needs BUCKET
 * and DISTRIBUTION_ID. Assets go first and are never deleted (pages still cached at the edge may
 * point at them); pages follow with a short Cache-Control, then only pages are invalidated.
 */
export function publishStorefrontSpec(): codebuild.BuildSpec {
  return codebuild.BuildSpec.fromObject({
    version: '0.2',
    phases: {
      build: {
        commands: [
          'if [ -d assets ]; then aws s3 sync assets "s3://$BUCKET/assets" ' +
            `--cache-control "${ASSET_CACHE_CONTROL}"; fi`,
          `aws s3 sync . "s3://$BUCKET" --exclude "assets/*" --cache-control "${PAGE_CACHE_CONTROL}"`,
          'aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/" "/index.html"',
        ],
      },
    },
  });
}
