import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { NetworkConstruct } from '../state/network-construct';
import { RedisConstruct } from '../state/redis-construct';
import { TableConstruct } from '../state/table-construct';

/** Props for {@link StateStack}. */
export interface StateStackProps extends StackProps {
  /** Two AZs for the VPC (context `availabilityZones`); defaults to `<region>a,b`. */
  readonly availabilityZones?: readonly string[];
}

/**
 * Stateful resources and the network they live in: VPC, the DynamoDB table (the truth) and
 * Redis. Kept apart from the origin so redeploying or replacing the service never touches data;
 * termination protection is on.
 */
export class StateStack extends Stack {
  readonly network: NetworkConstruct;
  readonly table: TableConstruct;
  readonly redis: RedisConstruct;
  private readonly zones: readonly string[];

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.zones = props.availabilityZones ?? [`${this.region}a`, `${this.region}b`];
    this.network = new NetworkConstruct(this, 'Network');
    this.table = new TableConstruct(this, 'Table');
    this.redis = new RedisConstruct(this, 'Redis', { vpc: this.network.vpc });
  }

  /** Fixed zones, so synth never looks them up in the account (it has no credentials in CI). */
  override get availabilityZones(): string[] {
    return [...this.zones];
  }
}
