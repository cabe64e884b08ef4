import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { allBehaviours, type Behaviour } from '../../../edge/behaviours';
import type { EdgeBundledConfig } from '../../../edge/waiting-room/bundled-config';
import { DistributionConstruct } from '../edge/distribution-construct';
import { EdgeFunctionsConstruct } from '../edge/edge-functions-construct';
import { WafConstruct } from '../edge/waf-construct';
import { StorefrontConstruct } from '../web/storefront-construct';

/** Props for {@link EdgeStack}. */
export interface EdgeStackProps extends StackProps {
  /** DNS name of the origin ALB (another region: passed as a cross-region reference). */
  readonly apiDomainName: string;
  readonly edgeConfig: EdgeBundledConfig;
  readonly waitingRoomEntry: string;
  readonly waitingRoomCode?: lambda.Code;
  readonly viewerRequestCode: string;
  readonly webDistDir: string;
  readonly domain?: string;
  /** ACM certificate in us-east-1 for {@link EdgeStackProps.domain}. */
  readonly certificateArn?: string;
  /** Defaults to the table in edge/behaviours.ts. */
  readonly behaviours?: readonly Behaviour[];
}

/**
 * Everything CloudFront needs, in us-east-1 (Lambda@Edge, CLOUDFRONT-scope WAF and the
 * certificate must be there): the distribution generated from the behaviours table, its edge
 * code, the WAF, access logs, and the storefront bucket. The bucket sits here because Origin
 * Access Control writes a bucket policy naming the distribution; in another stack that is a
 * reference cycle.
 */
export class EdgeStack extends Stack {
  readonly storefront: StorefrontConstruct;
  readonly functions: EdgeFunctionsConstruct;
  readonly cdn: DistributionConstruct;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.storefront = new StorefrontConstruct(this, 'Storefront', { distDir: props.webDistDir });
    this.functions = new EdgeFunctionsConstruct(this, 'EdgeFunctions', {
      waitingRoomEntry: props.waitingRoomEntry,
      waitingRoomCode: props.waitingRoomCode,
      edgeConfig: props.edgeConfig,
      viewerRequestCode: props.viewerRequestCode,
    });
    const waf = new WafConstruct(this, 'Waf');
    this.cdn = new DistributionConstruct(this, 'Cdn', {
      behaviours: props.behaviours ?? allBehaviours,
      storefrontBucket: this.storefront.bucket,
      apiDomainName: props.apiDomainName,
      viewerRequestFunctions: { 'check-access-token': this.functions.checkAccessToken },
      originRequestLambdas: { 'waiting-room': this.functions.waitingRoomVersion },
      webAclArn: waf.webAcl.attrArn,
      domainNames: props.domain ? [props.domain] : undefined,
      certificate: props.certificateArn
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
        : undefined,
    });
    this.storefront.deployTo(this.cdn.distribution);

    new CfnOutput(this, 'DistributionDomain', {
      value: this.cdn.distribution.distributionDomainName,
    });
    new CfnOutput(this, 'StorefrontBucket', { value: this.storefront.bucket.bucketName });
  }
}
