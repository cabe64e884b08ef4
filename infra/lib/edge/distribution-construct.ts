import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  type Behaviour,
  errorCaching,
  type OriginId,
  type OriginRequestLambda,
  type ViewerRequestFunction,
} from '../../../edge/behaviours';
import { compileSpaRewriteFunction } from '../../../edge/viewer-request/compile';
import { allowedMethodsOf, PolicyFactory } from './policies';

/**
 * CloudFront Functions the distribution creates itself from edge/viewer-request/: pure routing,
 * no secrets and no key store (`spa-rewrite`: storefront app paths → /index.html).
 */
export type RoutingFunction = 'spa-rewrite';
const routingFunctionCode: Record<RoutingFunction, () => string> = {
  'spa-rewrite': compileSpaRewriteFunction,
};

/** Props for {@link DistributionConstruct}. */
export interface DistributionProps {
  /** The behaviours table, in precedence order, default (`*`) last. */
  readonly behaviours: readonly Behaviour[];
  readonly storefrontBucket: s3.IBucket;
  /** DNS name of the origin ALB. */
  readonly apiDomainName: string;
  /**
   * Every CloudFront Function the table names, by name (a new name fails to compile here);
   * the routing functions ({@link RoutingFunction}) are created here when not given.
   */
  readonly viewerRequestFunctions: Record<
    Exclude<ViewerRequestFunction, RoutingFunction>,
    cloudfront.IFunction
  > &
    Partial<Record<RoutingFunction, cloudfront.IFunction>>;
  /** Every Lambda@Edge the table names, as numbered versions. */
  readonly originRequestLambdas: Record<OriginRequestLambda, lambda.IVersion>;
  readonly webAclArn?: string;
  readonly domainNames?: readonly string[];
  readonly certificate?: acm.ICertificate;
}

/**
 * The CloudFront distribution, generated from the behaviours table in edge/behaviours.ts so the
 * deployed CDN and the local edge cannot drift (a test walks the table against the template).
 * Standard access logs go to a private bucket kept 90 days.
 */
export class DistributionConstruct extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DistributionProps) {
    super(scope, id);
    const policies = new PolicyFactory(this);
    const functions: Partial<Record<ViewerRequestFunction, cloudfront.IFunction>> = {
      ...props.viewerRequestFunctions,
    };
    const functionFor = (name: ViewerRequestFunction): cloudfront.IFunction => {
      const existing = functions[name];
      if (existing) return existing;
      const created = new cloudfront.Function(this, pascalCase(name), {
        comment: `Floodgate ${name} (edge/viewer-request/${name}.ts)`,
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        code: cloudfront.FunctionCode.fromInline(routingFunctionCode[name as RoutingFunction]()),
      });
      functions[name] = created;
      return created;
    };
    const originOf: Record<OriginId, cloudfront.IOrigin> = {
      storefront: origins.S3BucketOrigin.withOriginAccessControl(props.storefrontBucket),
      // TLS to the ALB needs a certificate for its name; without a domain the hop is HTTP.
      api: new origins.HttpOrigin(props.apiDomainName, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
        readTimeout: Duration.seconds(30),
        keepaliveTimeout: Duration.seconds(30),
      }),
    };

    const toOptions = (behaviour: Behaviour): cloudfront.BehaviorOptions => ({
      origin: originOf[behaviour.origin],
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: allowedMethodsOf(behaviour.allowedMethods),
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: policies.cachePolicy(behaviour.cachePolicy),
      originRequestPolicy: behaviour.originRequestPolicy
        ? policies.originRequestPolicy(behaviour.originRequestPolicy)
        : undefined,
      compress: behaviour.compress,
      functionAssociations: behaviour.viewerRequest
        ? [
            {
              function: functionFor(behaviour.viewerRequest),
              eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            },
          ]
        : undefined,
      edgeLambdas: behaviour.originRequest
        ? [
            {
              functionVersion: props.originRequestLambdas[behaviour.originRequest],
              eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST,
              includeBody: true,
            },
          ]
        : undefined,
    });

    const defaultBehaviour = props.behaviours.at(-1);
    if (defaultBehaviour?.pathPattern !== '*') {
      throw new Error('The behaviours table must end with the default behaviour ("*")');
    }
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const behaviour of props.behaviours.slice(0, -1)) {
      additionalBehaviors[behaviour.pathPattern] = toOptions(behaviour);
    }

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Floodgate: storefront, catalog, waiting room, buying API',
      defaultBehavior: toOptions(defaultBehaviour),
      additionalBehaviors,
      defaultRootObject: 'index.html',
      // Error caching only (no page): see `errorCaching` in edge/behaviours.ts.
      errorResponses: errorCaching.map((e) => ({
        httpStatus: e.status,
        ttl: Duration.seconds(e.minTtl),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: props.certificate
        ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021
        : undefined,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      domainNames: props.domainNames ? [...props.domainNames] : undefined,
      certificate: props.certificate,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
  }
}

function pascalCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
