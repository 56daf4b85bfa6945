import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AwsCredentials, readAwsCredentials } from './aws-credentials';
import { AwsRegion, readAwsRegion } from './aws-region';
import { kinesisPropertiesCredentialProblems } from './credential-props';
import { Problem, throwProblems } from './errors';
import { checkArgs, checkProps } from './guard-schemas';
import { featureProblems, positionTypeProblem, readDatePosition } from './kafka-ingress';
import { kinesisSourcePropertyProblems } from './kinesis-connector-rules';
import { compact, Ingress, ModuleComponentProps, OwnedProperty, propertiesProblems, renderProperties } from './module-component';
import { KnownMistake, SpecReader } from './module-spec-reader';
import { renderStartupDate, startupDateProblems } from './startup-date';
import { StateFunFeature } from './statefun-image';
import { FunctionType, targetProblems, typeNameProblems, ValueType, valueTypeProblems } from './type-name';

/** @internal */
export const KINESIS_INGRESS_KIND = 'io.statefun.kinesis.v1/ingress';

const KINESIS_POSITIONS = ['latest', 'earliest', 'date'];

/** `arn:<partition>:kinesis:<region>:<account>:stream/<name>`. */
const STREAM_ARN = /^arn:aws(-[a-z]+)*:kinesis:([a-z]{2}(-[a-z]+)+-\d+):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})$/;

/** Where a Kinesis ingress starts reading on a fresh start. */
export class KinesisStartupPosition {
  /** Only records added after the job starts (the runtime default). */
  public static latest(): KinesisStartupPosition {
    return new KinesisStartupPosition('latest');
  }
  /** From the oldest retained record (Kinesis TRIM_HORIZON). */
  public static earliest(): KinesisStartupPosition {
    return new KinesisStartupPosition('earliest');
  }
  /** From the first record at or after a point in time (Kinesis AT_TIMESTAMP; rendered in the runtime's date pattern, UTC). */
  public static date(date: Date): KinesisStartupPosition {
    checkArgs('KinesisStartupPosition.date', date);
    return new KinesisStartupPosition('date', date);
  }
  private constructor(
    /** `latest`, `earliest` or `date`. */
    public readonly type: string,
    /** The point in time of a `date` position. */
    public readonly startDate?: Date,
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    return this.type === 'date' ? { type: this.type, date: renderStartupDate(this.startDate!) } : { type: this.type };
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    return this.type === 'date' ? startupDateProblems(`${field}.date`, this.startDate!) : [];
  }
}

/** What a `KinesisIngress` is: everything but the app (also what `ModuleImport` reads from module.yaml). */
export interface KinesisIngressOptions {
  /**
   * The ingress identifier (StateFun's ingress id, written as `spec.id`), a TypeName `<namespace>/<name>`,
   * unique among the app's ingresses.
   */
  readonly ingressId: string;
  /**
   * The stream's ARN, `arn:aws:kinesis:<region>:<account>:stream/<name>` (the Flink 2.x source reads
   * exactly one stream, by ARN).
   */
  readonly streamArn: string;
  /** Type of the record values, as the functions expect it. */
  readonly valueType: ValueType;
  /** Function types every record is sent to; the partition key is the function instance id. */
  readonly targets: FunctionType[];
  /**
   * The stream's short name in the routing entry (display only: routing is keyed by the ARN).
   * @default - the name in the ARN
   */
  readonly streamName?: string;
  /**
   * The region (and endpoint) of the stream.
   * @default - AwsRegion.specific(<the ARN's region>)
   */
  readonly region?: AwsRegion;
  /**
   * How to authenticate.
   * @default - not written: the runtime uses the default provider chain
   */
  readonly credentials?: AwsCredentials;
  /**
   * Where to start on a fresh start.
   * @default KinesisStartupPosition.latest()
   */
  readonly startupPosition?: KinesisStartupPosition;
  /**
   * Extra source configuration (`clientConfigProperties`), e.g. enhanced fan-out:
   * `{ 'source.reader.type': 'EFO', 'source.efo.consumer.name': 'shop-clicks' }` (EFO without a consumer
   * name fails at job start and is refused). Region, endpoint and credential keys come from `region` and
   * `credentials`, the start position from `startupPosition`; those keys are refused here, as are
   * `source.efo.*` options without the EFO reader and values the connector cannot parse.
   * @default - none
   */
  readonly clientConfigProperties?: { [key: string]: string };
}

/** Props of a `KinesisIngress`. */
export interface KinesisIngressProps extends KinesisIngressOptions, ModuleComponentProps {}

/**
 * An `io.statefun.kinesis.v1/ingress`: one Kinesis stream routed to function types. Unlike Kafka it
 * has no header forwarding and no invalid-record handling.
 */
export class KinesisIngress extends Ingress {
  /** The stream ARN. */
  public readonly streamArn: string;
  /** The region in effect. */
  public readonly region: AwsRegion;
  private readonly options: KinesisIngressOptions;

  constructor(scope: Construct, id: string, props: KinesisIngressProps) {
    super(scope, id, checkProps(scope, id, 'KinesisIngressProps', props));
    this.options = props;
    this.streamArn = props.streamArn;
    throwProblems(this.node.path, kinesisIngressProblems(props, Chart.of(this).namespace));
    this.region = props.region ?? AwsRegion.specific(STREAM_ARN.exec(props.streamArn)![2]);
    props.credentials?._bind(this.app, this);
    this._register();
  }

  /** The component kind. */
  public get kind(): string {
    return KINESIS_INGRESS_KIND;
  }

  /** @internal */
  public _routes(): Array<{ field: string; target: string }> {
    return this.options.targets.map((t, j) => ({ field: `targets[${j}]`, target: t.typeName }));
  }

  /** @internal */
  public _renderSpec(): Record<string, unknown> {
    const p = this.options;
    return compact({
      id: p.ingressId,
      streamArn: p.streamArn,
      awsRegion: this.region._render(),
      awsCredentials: p.credentials?._render(),
      startupPosition: (p.startupPosition ?? KinesisStartupPosition.latest())._render(),
      clientConfigProperties: renderProperties(p.clientConfigProperties),
      streams: [{
        stream: p.streamName ?? STREAM_ARN.exec(p.streamArn)![5],
        valueType: p.valueType.typeName,
        targets: p.targets.map((t) => t.typeName),
      }],
    });
  }

  /** @internal */
  public _problems(): Problem[] {
    return [
      ...super._problems(),
      ...featureProblems(this.app.image, StateFunFeature.KINESIS_INGRESS, 'kind', 'the Kinesis ingress'),
      ...(this.options.credentials?._appProblems('credentials', this.app) ?? []),
    ];
  }
}

/** Client configuration keys the typed fields own. @internal */
export const KINESIS_OWNED_PROPERTIES: { [key: string]: OwnedProperty } = {
  'aws.region': { owner: 'region', fix: 'set region: AwsRegion.specific(...) and remove the property' },
  'aws.endpoint': { owner: 'region', fix: 'set region: AwsRegion.customEndpoint(url, regionId) and remove the property' },
  'aws.credentials.provider': { owner: 'credentials', fix: 'set credentials (never plaintext keys in properties: use AwsCredentials.fromSecret) and remove the property' },
  'aws.credentials.provider.': { owner: 'credentials', fix: 'set credentials (never plaintext keys in properties: use AwsCredentials.fromSecret) and remove the property' },
};

/** Problems with a Kinesis ingress's own fields (no app needed). @internal */
export function kinesisIngressProblems(props: KinesisIngressOptions, namespace?: string): Problem[] {
  const problems: Problem[] = [...typeNameProblems('ingressId', props.ingressId, 'ingress id')];
  const arn = typeof props.streamArn === 'string' ? STREAM_ARN.exec(props.streamArn) : null;
  if (!arn) {
    const looksLikeName = typeof props.streamArn === 'string' && /^[a-zA-Z0-9_.-]{1,128}$/.test(props.streamArn);
    problems.push({
      field: 'streamArn',
      value: props.streamArn,
      why: 'the Flink 2.x Kinesis source reads a stream by ARN (arn:aws:kinesis:<region>:<12-digit account>:stream/<name>); without one the source provider fails ("requires an ARN")',
      fix: looksLikeName ? `write the full ARN, e.g. 'arn:aws:kinesis:us-east-1:123456789012:stream/${props.streamArn}'` : "copy the stream ARN from the Kinesis console, e.g. 'arn:aws:kinesis:us-east-1:123456789012:stream/orders'",
    });
  }
  if (props.streamName !== undefined && (typeof props.streamName !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(props.streamName))) {
    problems.push({ field: 'streamName', value: props.streamName, why: 'a Kinesis stream name is 1-128 characters of [a-zA-Z0-9_.-]', fix: 'omit it to use the name in the ARN' });
  }
  problems.push(...valueTypeProblems('valueType', props.valueType));
  problems.push(...targetProblems('targets', props.targets));
  if (props.region !== undefined) {
    problems.push(...props.region._problems('region'));
    if (arn && props.region.type !== 'default' && props.region.regionId !== arn[2]) {
      problems.push({ field: 'region.regionId', value: props.region.regionId, why: `the stream ARN is in ${arn[2]}; a client in another region does not find the stream`, fix: `use '${arn[2]}' (or omit region: it defaults to the ARN's region)` });
    }
  }
  problems.push(...(props.credentials?._problems('credentials', props.region ?? (arn ? AwsRegion.specific(arn[2]) : undefined), namespace) ?? []));
  problems.push(...(props.startupPosition?._problems('startupPosition') ?? []));
  problems.push(...propertiesProblems('clientConfigProperties', props.clientConfigProperties, KINESIS_OWNED_PROPERTIES));
  problems.push(...kinesisSourcePropertyProblems('clientConfigProperties', props.clientConfigProperties));
  problems.push(...kinesisPropertiesCredentialProblems('clientConfigProperties', props.clientConfigProperties));
  return problems;
}

/** Fields Kinesis components do not have, with what the guides meant. @internal */
export const KINESIS_MISTAKES: { [key: string]: KnownMistake } = {
  properties: { why: 'Kinesis reads clientConfigProperties; properties is ignored', fix: 'rename it to clientConfigProperties' },
  forwardHeaders: { why: 'header forwarding is Kafka-only (ADR-0005); Kinesis ignores it', fix: 'remove it' },
  invalidRecordHandling: { why: 'invalid-record handling is Kafka-only; Kinesis ignores it', fix: 'remove it' },
  region: { why: 'the region is an awsRegion object; region is ignored', fix: 'write awsRegion: { type: specific, id: <region> }' },
  credentials: { why: 'the field is awsCredentials; credentials is ignored', fix: 'rename it to awsCredentials' },
};

/** Reads an `io.statefun.kinesis.v1/ingress` spec. @internal */
export function readKinesisIngressSpec(r: SpecReader): KinesisIngressOptions {
  const ingressId = r.string('id')!;
  const streamArn = r.string('streamArn');
  const region = readAwsRegion(r.object('awsRegion'));
  const credentials = readAwsCredentials(r.object('awsCredentials'));
  const startupPosition = readKinesisStartupPosition(r.object('startupPosition'));
  const clientConfigProperties = r.properties('clientConfigProperties');
  const streams = r.list('streams', { fix: 'write streams: [{ stream, valueType, targets }] (exactly one entry)' }) ?? [];
  if (r.has('streams') && streams.length !== 1) {
    r.problem('streams', `${streams.length} entries`, 'with streamArn the runtime requires exactly one stream routing entry ("Multi-stream Kinesis ingress is not supported by the Flink 2.x runtime")', 'split it into one ingress per stream, each with its own streamArn');
  }
  const entry = streams.length >= 1 ? SpecReader.of(`${r.field('streams')}[0]`, streams[0], r.problems, 'a mapping { stream, valueType, targets }') : undefined;
  const streamName = entry?.string('stream', { fix: 'write stream: <stream name>' });
  const valueType = entry?.string('valueType', { fix: 'write valueType: <namespace>/<name>' });
  const targets = entry?.stringList('targets', { fix: 'write targets: [<namespace>/<name>, ...]' });
  const arnInEntry = entry?.raw('streamArn');
  if (arnInEntry !== undefined) {
    entry!.problem('streamArn', arnInEntry, 'streamArn is read only at the top level of spec; inside streams it is ignored', streamArn === undefined ? `move it to spec.streamArn: ${String(arnInEntry)}` : 'remove it (spec.streamArn is set)');
  }
  entry?.finish();
  if (streamArn === undefined && arnInEntry === undefined) {
    const regionId = region?.regionId ?? '<region>';
    r.problem('streamArn', undefined, 'the Flink 2.x Kinesis source requires the stream ARN at the top level of spec', `write streamArn: arn:aws:kinesis:${regionId}:<account-id>:stream/${streamName ?? '<stream>'}`);
  }
  const arnMatch = streamArn ? STREAM_ARN.exec(streamArn) : null;
  const options: KinesisIngressOptions = {
    ingressId,
    streamArn: streamArn ?? (typeof arnInEntry === 'string' ? arnInEntry : undefined)!,
    // Keep a display name only when it differs from the ARN's, so rendering stays identical.
    streamName: streamName !== undefined && (!arnMatch || arnMatch[5] !== streamName) ? streamName : undefined,
    valueType: valueType === undefined ? undefined! : ValueType.of(valueType),
    targets: (targets ?? []).map((t) => FunctionType.of(t)),
    region,
    credentials,
    startupPosition,
    clientConfigProperties: clientConfigProperties && Object.keys(clientConfigProperties).length > 0 ? clientConfigProperties : undefined,
  };
  r.finish({
    ...KINESIS_MISTAKES,
    stream: { why: 'the stream belongs in a streams entry; spec.stream is ignored', fix: 'write streams: [{ stream, valueType, targets }]' },
  });
  return options;
}

/** Reads a Kinesis `startupPosition`, naming the guide's wrong spellings. @internal */
export function readKinesisStartupPosition(r: SpecReader | undefined): KinesisStartupPosition | undefined {
  if (!r) return undefined;
  const type = r.string('type', { fix: 'write type: latest, earliest or date' });
  let position: KinesisStartupPosition | undefined;
  switch (type) {
    case undefined:
      break;
    case 'latest':
      position = KinesisStartupPosition.latest();
      break;
    case 'earliest':
      position = KinesisStartupPosition.earliest();
      break;
    case 'date':
      position = readDatePosition(r, (d) => KinesisStartupPosition.date(d));
      break;
    default:
      positionTypeProblem(r, type, KINESIS_POSITIONS);
  }
  r.finish({
    date: { why: 'date is read only with type: date; here it is ignored', fix: 'remove it, or use type: date' },
    timestamp: { why: 'the parser reads date, not timestamp; timestamp is ignored', fix: 'write type: date with date: "yyyy-MM-dd HH:mm:ss.SSS Z"' },
  });
  return position;
}
