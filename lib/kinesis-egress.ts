import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AwsCredentials, readAwsCredentials } from './aws-credentials';
import { AwsRegion, readAwsRegion } from './aws-region';
import { kinesisPropertiesCredentialProblems } from './credential-props';
import { JAVA_INT_MAX } from './endpoint-transport';
import { Problem, throwProblems } from './errors';
import { checkProps } from './guard-schemas';
import { featureProblems } from './kafka-ingress';
import { kinesisSinkRegionProblems } from './kinesis-connector-rules';
import { KINESIS_MISTAKES, KINESIS_OWNED_PROPERTIES } from './kinesis-ingress';
import { compact, Egress, ModuleComponentProps, propertiesProblems, renderProperties } from './module-component';
import { SpecReader } from './module-spec-reader';
import { StateFunFeature } from './statefun-image';
import { typeNameProblems } from './type-name';

/** @internal */
export const KINESIS_EGRESS_KIND = 'io.statefun.kinesis.v1/egress';

/** Flink's Kinesis sink sends batches of up to 500 records; the buffer must hold more than one batch. */
const KINESIS_MAX_BATCH = 500;

/** What a `KinesisEgress` is: everything but the app (also what `ModuleImport` reads from module.yaml). */
export interface KinesisEgressOptions {
  /**
   * The egress identifier functions address (StateFun's egress id, written as `spec.id`),
   * `<namespace>/<name>`, unique among the app's egresses.
   */
  readonly egressId: string;
  /**
   * The stream's short name (not its ARN). The sink is bound to this one stream; a stream set per
   * record by a function is ignored.
   */
  readonly streamName: string;
  /**
   * Records buffered before backpressure (`maxOutstandingRecords`); more than 500, Flink's batch size.
   * @default - runtime default (1000)
   */
  readonly maxOutstandingRecords?: number;
  /**
   * The region (and endpoint) of the stream: `AwsRegion.specific(...)` or `AwsRegion.customEndpoint(...)`.
   * Required: the Kinesis sink reads only an explicit region (flink-connector-aws `AWSClientUtil`), so
   * `AwsRegion.defaultProviderChain()` is refused (the writer would fail at start).
   */
  readonly region: AwsRegion;
  /**
   * How to authenticate.
   * @default - not written: the runtime uses the default provider chain
   */
  readonly credentials?: AwsCredentials;
  /**
   * Extra Kinesis client configuration (`clientConfigProperties`). Region, endpoint and credential keys
   * come from `region` and `credentials` and are refused here.
   * @default - none
   */
  readonly clientConfigProperties?: { [key: string]: string };
}

/** Props of a `KinesisEgress`. */
export interface KinesisEgressProps extends KinesisEgressOptions, ModuleComponentProps {}

/** An `io.statefun.kinesis.v1/egress`: functions write records to one Kinesis stream through it. */
export class KinesisEgress extends Egress {
  /** The stream written to. */
  public readonly streamName: string;
  private readonly options: KinesisEgressOptions;

  constructor(scope: Construct, id: string, props: KinesisEgressProps) {
    super(scope, id, checkProps(scope, id, 'KinesisEgressProps', props));
    this.options = props;
    this.streamName = props.streamName;
    throwProblems(this.node.path, kinesisEgressProblems(props, Chart.of(this).namespace));
    props.credentials?._bind(this.app, this);
    this._register();
  }

  /** The component kind. */
  public get kind(): string {
    return KINESIS_EGRESS_KIND;
  }

  /** @internal */
  public _renderSpec(): Record<string, unknown> {
    const p = this.options;
    return compact({
      id: p.egressId,
      streamName: p.streamName,
      maxOutstandingRecords: p.maxOutstandingRecords,
      awsRegion: p.region?._render(),
      awsCredentials: p.credentials?._render(),
      clientConfigProperties: renderProperties(p.clientConfigProperties),
    });
  }

  /** @internal */
  public _problems(): Problem[] {
    return [
      ...super._problems(),
      ...featureProblems(this.app.image, StateFunFeature.KINESIS_EGRESS, 'kind', 'the Kinesis egress'),
      ...(this.options.credentials?._appProblems('credentials', this.app) ?? []),
    ];
  }
}

/** Problems with a Kinesis egress's own fields (no app needed). @internal */
export function kinesisEgressProblems(props: KinesisEgressOptions, namespace?: string): Problem[] {
  const problems: Problem[] = [...typeNameProblems('egressId', props.egressId, 'egress id')];
  if (typeof props.streamName !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(props.streamName)) {
    const fromArn = typeof props.streamName === 'string' ? /:stream\/([a-zA-Z0-9_.-]{1,128})$/.exec(props.streamName) : null;
    problems.push({
      field: 'streamName',
      value: props.streamName,
      why: fromArn ? 'the egress takes the short stream name, not the ARN' : 'required: the short stream name, 1-128 characters of [a-zA-Z0-9_.-] ("spec.streamName is required")',
      fix: fromArn ? `write '${fromArn[1]}'` : "write the stream's name, e.g. 'orders-results'",
    });
  }
  const max = props.maxOutstandingRecords;
  if (max !== undefined && (!Number.isInteger(max) || max <= KINESIS_MAX_BATCH || max > JAVA_INT_MAX)) {
    problems.push({ field: 'maxOutstandingRecords', value: max, why: `Flink's Kinesis sink buffers whole batches of up to ${KINESIS_MAX_BATCH} records and requires the buffer to be larger than one batch`, fix: 'use a whole number above 500 (runtime default 1000)' });
  }
  if (props.region !== undefined && props.region !== null) problems.push(...props.region._problems('region'));
  problems.push(...kinesisSinkRegionProblems('region', props.region));
  problems.push(...(props.credentials?._problems('credentials', props.region, namespace) ?? []));
  problems.push(...propertiesProblems('clientConfigProperties', props.clientConfigProperties, KINESIS_OWNED_PROPERTIES));
  problems.push(...kinesisPropertiesCredentialProblems('clientConfigProperties', props.clientConfigProperties));
  return problems;
}

/** Reads an `io.statefun.kinesis.v1/egress` spec. @internal */
export function readKinesisEgressSpec(r: SpecReader): KinesisEgressOptions {
  const options: KinesisEgressOptions = {
    egressId: r.string('id')!,
    streamName: r.string('streamName', { fix: 'write streamName: <stream name> (the short name, not the ARN); the sink is bound to one stream' })!,
    maxOutstandingRecords: r.int('maxOutstandingRecords'),
    // Missing: refused by kinesisSinkRegionProblems with the fix (the sink needs an explicit region).
    region: readAwsRegion(r.object('awsRegion'))!,
    credentials: readAwsCredentials(r.object('awsCredentials')),
    clientConfigProperties: emptyToUndefined(r.properties('clientConfigProperties')),
  };
  r.finish({
    ...KINESIS_MISTAKES,
    streamArn: { why: 'the egress takes the short streamName; streamArn is ignored', fix: 'write streamName: <the name after stream/ in the ARN>' },
    stream: { why: 'the field is streamName; stream is ignored', fix: 'rename it to streamName' },
  });
  return options;
}

function emptyToUndefined(p: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return p && Object.keys(p).length > 0 ? p : undefined;
}
