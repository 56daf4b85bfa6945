import { awsRegionProblems } from './checkpoint-store';
import { Problem } from './errors';
import { checkArgs } from './guard-schemas';
import { SpecReader } from './module-spec-reader';

/** The AWS region (and endpoint) a Kinesis ingress or egress talks to (`awsRegion`). */
export class AwsRegion {
  /** The AWS SDK's default region chain in the Flink pods (e.g. `AWS_REGION`). */
  public static defaultProviderChain(): AwsRegion {
    return new AwsRegion('default', undefined, undefined);
  }

  /**
   * A fixed region.
   * @param regionId a region code such as `eu-central-1`
   */
  public static specific(regionId: string): AwsRegion {
    checkArgs('AwsRegion.specific', regionId);
    return new AwsRegion('specific', regionId, undefined);
  }

  /**
   * A custom service endpoint, e.g. LocalStack (`http://localstack:4566`) or a VPC endpoint.
   * @param endpoint the endpoint URL (`http://` or `https://`)
   * @param regionId the region the endpoint serves, e.g. `us-east-1`
   */
  public static customEndpoint(endpoint: string, regionId: string): AwsRegion {
    checkArgs('AwsRegion.customEndpoint', endpoint, regionId);
    return new AwsRegion('custom-endpoint', regionId, endpoint);
  }

  private constructor(
    /** `default`, `specific` or `custom-endpoint`. */
    public readonly type: string,
    /** The region code, for `specific` and `custom-endpoint`. */
    public readonly regionId?: string,
    /** The endpoint URL, for `custom-endpoint`. */
    public readonly endpoint?: string,
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    if (this.type === 'specific') return { type: this.type, id: this.regionId };
    if (this.type === 'custom-endpoint') return { type: this.type, endpoint: this.endpoint, id: this.regionId };
    return { type: this.type };
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    if (this.type !== 'default') problems.push(...awsRegionProblems(`${field}.regionId`, this.regionId!));
    if (this.type === 'custom-endpoint' && (typeof this.endpoint !== 'string' || !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/.test(this.endpoint))) {
      problems.push({ field: `${field}.endpoint`, value: this.endpoint, why: 'a custom endpoint is an http:// or https:// URL', fix: "write e.g. AwsRegion.customEndpoint('http://localstack.my-app.svc:4566', 'us-east-1')" });
    }
    return problems;
  }
}

/** Reads `awsRegion` ({type: default | specific | custom-endpoint}). @internal */
export function readAwsRegion(r: SpecReader | undefined): AwsRegion | undefined {
  if (!r) return undefined;
  const type = r.string('type', { fix: 'write type: default, specific (with id) or custom-endpoint (with endpoint and id)' });
  let region: AwsRegion | undefined;
  const mistakes = {
    id: { why: 'id is read only with type specific or custom-endpoint; here it is ignored', fix: 'remove it, or use type: specific' },
    endpoint: { why: 'endpoint is read only with type: custom-endpoint; here it is ignored', fix: 'remove it, or use type: custom-endpoint' },
    region: { why: 'the region code field is id; region is ignored', fix: 'rename it to id' },
  };
  switch (type) {
    case undefined:
      break;
    case 'default':
      region = AwsRegion.defaultProviderChain();
      break;
    case 'specific': {
      // A missing id is already a reader problem; no half-built region on top of it.
      const id = r.string('id', { fix: 'write id: <region code>, e.g. us-east-1' });
      region = id === undefined ? undefined : AwsRegion.specific(id);
      break;
    }
    case 'custom-endpoint': {
      const endpoint = r.string('endpoint', { fix: 'write endpoint: http://localstack:4566' });
      const id = r.string('id', { fix: 'write id: <region code>, e.g. us-east-1' });
      region = endpoint === undefined || id === undefined ? undefined : AwsRegion.customEndpoint(endpoint, id);
      break;
    }
    default:
      r.problem('type', type, 'the runtime accepts default, specific and custom-endpoint', 'write type: specific with id: <region code>');
  }
  r.finish(mistakes);
  return region;
}
