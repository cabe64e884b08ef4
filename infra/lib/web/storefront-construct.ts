import { existsSync } from 'node:fs';
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Cache-Control for hashed build assets: a name never changes content. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Cache-Control for index.html and other unhashed files: a release shows up within a minute. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60';

/** Props for {@link StorefrontConstruct}. */
export interface StorefrontProps {
  /** The Vite build (`dist/web`); when missing, the bucket is created without content. */
  readonly distDir: string;
}

/**
 * The storefront's private S3 bucket. CloudFront reads it through Origin Access Control (the
 * distribution adds the bucket policy naming itself); nothing else can. The first deployment of
 * `dist/web` happens with `cdk deploy`; releases go through the pipeline (S3 sync + invalidation).
 */
export class StorefrontConstruct extends Construct {
  readonly bucket: s3.Bucket;
  private readonly distDir: string;

  constructor(scope: Construct, id: string, props: StorefrontProps) {
    super(scope, id);
    this.distDir = props.distDir;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Uploads the build: `assets/*` long-lived, everything else short, then invalidates the
   * pages (hashed assets need no invalidation). Skipped with a warning when the build is missing.
   */
  deployTo(distribution: cloudfront.IDistribution): void {
    if (!existsSync(this.distDir)) {
      Annotations.of(this).addWarningV2(
        'floodgate:web-build-missing',
        `${this.distDir} not found: run "npm run build:web" before synth to deploy the storefront`,
      );
      return;
    }
    const assets = new deploy.BucketDeployment(this, 'Assets', {
      destinationBucket: this.bucket,
      sources: [deploy.Source.asset(this.distDir, { exclude: ['*', '!assets/**'] })],
      cacheControl: [deploy.CacheControl.fromString(ASSET_CACHE_CONTROL)],
      prune: false,
      memoryLimit: 512,
    });
    const pages = new deploy.BucketDeployment(this, 'Pages', {
      destinationBucket: this.bucket,
      sources: [deploy.Source.asset(this.distDir, { exclude: ['assets/**'] })],
      cacheControl: [deploy.CacheControl.fromString(PAGE_CACHE_CONTROL)],
      prune: false,
      memoryLimit: 512,
      distribution,
      distributionPaths: ['/*'],
    });
    // Pages reference assets by hash: upload the assets first so no page points at nothing.
    pages.node.addDependency(assets);
  }
}
