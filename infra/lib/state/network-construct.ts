import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Props for {@link NetworkConstruct}. */
export interface NetworkProps {
  /** NAT gateways: one is cheap, one per AZ survives an AZ outage. */
  readonly natGateways?: number;
}

/**
 * The VPC the origin and Redis share: public subnets for the ALB, private subnets (with egress
 * for ECR, DynamoDB and Secrets Manager) for tasks, isolated subnets for Redis.
 * A DynamoDB gateway endpoint keeps table traffic off the NAT (free, and faster). Rejected
 * flows are logged (VPC flow log to CloudWatch Logs, one month).
 */
export class NetworkConstruct extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: props.natGateways ?? 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 },
      ],
      gatewayEndpoints: { dynamodb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
    });
    // Rejected flows only: enough to see what knocks on closed ports, at a fraction of the
    // ingestion cost of logging every accepted connection during a sale.
    this.vpc.addFlowLog('RejectedFlows', {
      trafficType: ec2.FlowLogTrafficType.REJECT,
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_MONTH }),
      ),
    });
  }
}
