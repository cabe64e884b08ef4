import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Props for {@link WafConstruct}. */
export interface WafProps {
  /** Joins allowed per client IP in {@link JOIN_WINDOW_SECONDS} before WAF blocks it. */
  readonly joinLimitPerIp?: number;
}

/** The rate-based rule's evaluation window. */
export const JOIN_WINDOW_SECONDS = 60;

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const uriMatch = (
  searchString: string,
  positionalConstraint: 'STARTS_WITH' | 'ENDS_WITH',
): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint,
    searchString,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * WAF web ACL for the distribution (scope CLOUDFRONT, so us-east-1): a per-IP rate limit on
 * `/wr/{event}/join`, the one request a bot farm would repeat to grab many places in line, plus
 * AWS's known-bad-inputs rules. The edge's own per-client limits still apply behind it.
 */
export class WafConstruct extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WafProps = {}) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('floodgate-web-acl'),
      rules: [
        {
          name: 'join-rate-limit',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: visibility('floodgate-join-rate-limit'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.joinLimitPerIp ?? 100,
              evaluationWindowSec: JOIN_WINDOW_SECONDS,
              scopeDownStatement: {
                andStatement: {
                  statements: [uriMatch('/wr/', 'STARTS_WITH'), uriMatch('/join', 'ENDS_WITH')],
                },
              },
            },
          },
        },
        {
          name: 'aws-known-bad-inputs',
          priority: 1,
          overrideAction: { none: {} },
          visibilityConfig: visibility('floodgate-known-bad-inputs'),
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesKnownBadInputsRuleSet',
            },
          },
        },
      ],
    });
  }
}
