import { Construct } from 'constructs';
import { Problem, throwProblems } from './errors';
import { compact, Ingress, IoComponentProps, renderProperties } from './module-component';
import { renderStartupDate } from './startup-date';
import { StateFunFeature, StateFunImage } from './statefun-image';
import { FunctionType, typeNameProblems } from './type-name';

/** @internal */
export const KAFKA_INGRESS_KIND = 'io.statefun.kafka.v1/ingress';

/** A Kafka topic partition and the offset to start from. */
export interface KafkaPartitionOffset {
  /** Topic name. */
  readonly topic: string;
  /** Partition number (≥ 0). */
  readonly partition: number;
  /** Offset to start from (≥ 0). */
  readonly offset: number;
}

/** Where a Kafka ingress starts reading on a fresh start (on restore, offsets come from state). */
export class KafkaStartupPosition {
  /** Only records produced after the job starts (the runtime default). */
  public static latest(): KafkaStartupPosition {
    return new KafkaStartupPosition('latest');
  }
  /** From the earliest retained offset. */
  public static earliest(): KafkaStartupPosition {
    return new KafkaStartupPosition('earliest');
  }
  /** From the consumer group's committed offsets (falling back to `autoOffsetReset`). */
  public static groupOffsets(): KafkaStartupPosition {
    return new KafkaStartupPosition('group-offsets');
  }
  /** From explicit offsets per topic partition (partitions not listed fall back to `autoOffsetReset`). */
  public static specificOffsets(offsets: KafkaPartitionOffset[]): KafkaStartupPosition {
    return new KafkaStartupPosition('specific-offsets', offsets);
  }
  /** From the first record at or after a point in time (rendered in the runtime's `yyyy-MM-dd HH:mm:ss.SSS Z` pattern, UTC). */
  public static date(date: Date): KafkaStartupPosition {
    return new KafkaStartupPosition('date', undefined, date);
  }

  private constructor(
    /** `latest`, `earliest`, `group-offsets`, `specific-offsets` or `date`. */
    public readonly type: string,
    /** The offsets of a `specific-offsets` position. */
    public readonly offsets?: KafkaPartitionOffset[],
    /** The date of a `date` position. */
    public readonly date?: Date,
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    if (this.type === 'specific-offsets') {
      return { type: this.type, offsets: (this.offsets ?? []).map((o) => ({ [`${o.topic}/${o.partition}`]: o.offset })) };
    }
    if (this.type === 'date') return { type: this.type, date: renderStartupDate(this.date!) };
    return { type: this.type };
  }

  /** @internal */
  public _problems(field: string, topics: string[]): Problem[] {
    const problems: Problem[] = [];
    if (this.type === 'specific-offsets') {
      if (!this.offsets || this.offsets.length === 0) {
        problems.push({ field: `${field}.offsets`, value: [], why: 'specific-offsets without any offset starts nowhere in particular', fix: 'list at least one { topic, partition, offset }, or use KafkaStartupPosition.earliest()/latest()' });
      }
      const seen = new Set<string>();
      (this.offsets ?? []).forEach((o, i) => {
        const f = `${field}.offsets[${i}]`;
        if (!topics.includes(o.topic)) problems.push({ field: `${f}.topic`, value: o.topic, why: `the ingress does not read this topic (it reads ${topics.map((t) => `'${t}'`).join(', ')})`, fix: 'use one of the ingress topics' });
        if (!Number.isInteger(o.partition) || o.partition < 0) problems.push({ field: `${f}.partition`, value: o.partition, why: 'partitions are numbered from 0', fix: 'use a whole number ≥ 0' });
        if (!Number.isSafeInteger(o.offset) || o.offset < 0) problems.push({ field: `${f}.offset`, value: o.offset, why: 'offsets are whole numbers ≥ 0', fix: 'use a whole number ≥ 0' });
        const key = `${o.topic}/${o.partition}`;
        if (seen.has(key)) problems.push({ field: f, value: key, why: 'the same partition is listed twice', fix: 'keep one offset per topic partition' });
        seen.add(key);
      });
    }
    if (this.type === 'date' && (!(this.date instanceof Date) || isNaN(this.date.getTime()))) {
      problems.push({ field: `${field}.date`, value: String(this.date), why: 'not a valid Date', fix: "pass a valid Date, e.g. new Date('2026-04-23T00:00:00Z')" });
    }
    return problems;
  }
}

/** What Kafka does when a startup offset is missing or out of range. */
export enum KafkaAutoOffsetReset {
  /** Start from the earliest retained record. */
  EARLIEST = 'earliest',
  /** Start from the end (the runtime default). */
  LATEST = 'latest',
}

/** Log level of skipped invalid records. */
export enum InvalidRecordLogLevel {
  /** debug */
  DEBUG = 'debug',
  /** info */
  INFO = 'info',
  /** warn (the runtime default) */
  WARN = 'warn',
  /** error */
  ERROR = 'error',
}

/** What a Kafka ingress does with records whose key or value is null (KZM-3.5+). */
export class InvalidRecordHandling {
  /** Drop the record, log one line and count it in `numInvalidRecordsSkipped` (the runtime default). */
  public static skip(logLevel?: InvalidRecordLogLevel): InvalidRecordHandling {
    return new InvalidRecordHandling('skip', logLevel);
  }
  /** Fail the job with the record's coordinates. */
  public static fail(): InvalidRecordHandling {
    return new InvalidRecordHandling('fail', undefined);
  }
  private constructor(
    /** `skip` or `fail`. */
    public readonly type: string,
    /** The log level of `skip`. */
    public readonly logLevel?: InvalidRecordLogLevel,
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    return compact({ type: this.type, logLevel: this.logLevel });
  }
}

/** One topic a Kafka ingress reads. */
export interface KafkaIngressTopic {
  /** Topic name. */
  readonly topic: string;
  /** Type of the record values (`<namespace>/<name>`), as the functions expect it. */
  readonly valueType: string;
  /** Function types every record is sent to; the record key is the function instance id. */
  readonly targets: FunctionType[];
  /**
   * Forward Kafka record headers to the functions for this topic (KZM-3.4+).
   * @default - the ingress setting
   */
  readonly forwardHeaders?: boolean;
  /**
   * Invalid-record handling for this topic, replacing the ingress setting (KZM-3.5+).
   * @default - the ingress setting
   */
  readonly invalidRecordHandling?: InvalidRecordHandling;
}

/** Props of a `KafkaIngress`. */
export interface KafkaIngressProps extends IoComponentProps {
  /** Bootstrap servers, `host:port[,host:port…]`. */
  readonly address: string;
  /** Consumer group id. */
  readonly consumerGroupId: string;
  /** Topics to read, each with its value type and targets. */
  readonly topics: KafkaIngressTopic[];
  /**
   * Where to start on a fresh start.
   * @default KafkaStartupPosition.latest()
   */
  readonly startupPosition?: KafkaStartupPosition;
  /**
   * Fallback when a startup offset is missing or out of range.
   * @default KafkaAutoOffsetReset.LATEST
   */
  readonly autoOffsetReset?: KafkaAutoOffsetReset;
  /**
   * Extra Kafka consumer properties. `bootstrap.servers` and `group.id` come from `address` and `consumerGroupId`.
   * @default - none
   */
  readonly properties?: { [key: string]: string };
  /**
   * Forward Kafka record headers to functions (KZM-3.4+).
   * @default - not forwarded
   */
  readonly forwardHeaders?: boolean;
  /**
   * What to do with null keys or values (KZM-3.5+).
   * @default - runtime default: skip and log at warn
   */
  readonly invalidRecordHandling?: InvalidRecordHandling;
}

/** An `io.statefun.kafka.v1/ingress`: Kafka topics routed to function types. */
export class KafkaIngress extends Ingress {
  /** The topics read. */
  public readonly topics: KafkaIngressTopic[];
  private readonly props: KafkaIngressProps;

  constructor(scope: Construct, id: string, props: KafkaIngressProps) {
    super(scope, id, props);
    this.props = props;
    this.topics = props.topics ?? [];
    throwProblems(this.node.path, kafkaIngressProblems(props));
    this._register();
  }

  /** The component kind. */
  public get kind(): string {
    return KAFKA_INGRESS_KIND;
  }

  /** @internal */
  public _routes(): Array<{ field: string; target: string }> {
    return this.topics.flatMap((t, i) => t.targets.map((target, j) => ({ field: `topics[${i}].targets[${j}]`, target: target.typeName })));
  }

  /** @internal */
  public _renderSpec(): Record<string, unknown> {
    const p = this.props;
    return compact({
      id: p.id,
      address: p.address,
      consumerGroupId: p.consumerGroupId,
      startupPosition: (p.startupPosition ?? KafkaStartupPosition.latest())._render(),
      autoOffsetResetPosition: p.autoOffsetReset ?? KafkaAutoOffsetReset.LATEST,
      forwardHeaders: p.forwardHeaders,
      invalidRecordHandling: p.invalidRecordHandling?._render(),
      properties: renderProperties(p.properties),
      topics: this.topics.map((t) => compact({
        topic: t.topic,
        valueType: t.valueType,
        targets: t.targets.map((x) => x.typeName),
        forwardHeaders: t.forwardHeaders,
        invalidRecordHandling: t.invalidRecordHandling?._render(),
      })),
    });
  }

  /** @internal */
  public _problems(): Problem[] {
    const problems = super._problems();
    const image = this.app.image;
    const headers = this.props.forwardHeaders === true || this.topics.some((t) => t.forwardHeaders === true);
    if (headers) problems.push(...featureProblems(image, StateFunFeature.KAFKA_FORWARD_HEADERS, 'forwardHeaders'));
    const invalid = this.props.invalidRecordHandling !== undefined || this.topics.some((t) => t.invalidRecordHandling !== undefined);
    if (invalid) problems.push(...featureProblems(image, StateFunFeature.KAFKA_INVALID_RECORD_HANDLING, 'invalidRecordHandling'));
    return problems;
  }
}

/** A feature used with an image whose release predates it. @internal */
export function featureProblems(image: StateFunImage, feature: StateFunFeature, field: string): Problem[] {
  if (image.supports(feature)) return [];
  const since = StateFunImage._featureSince(feature);
  return [{ field, value: image.releaseTag, why: `${feature} exists from ${since} on; the app's image ${image.reference} is older, and its runtime ignores the field silently`, fix: `upgrade the app's image to ${since} or newer (e.g. StateFunImage.kzmlabs('${StateFunImage.LATEST_KNOWN_TAG}')) or remove ${field}` }];
}

/** Problems with a `host:port[,host:port]` broker list. @internal */
export function brokerAddressProblems(field: string, address: string): Problem[] {
  const fix = "write 'host:port' or a comma-separated list, e.g. 'kafka.my-app.svc:9092'";
  if (typeof address !== 'string' || address.trim() === '') return [{ field, value: address, why: 'the brokers are required (the Kafka client cannot start without bootstrap servers)', fix }];
  for (const part of address.split(',')) {
    const m = /^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(part.trim());
    if (!m || Number(m[3]) < 1 || Number(m[3]) > 65535) {
      return [{ field, value: address, why: `'${part.trim()}' is not host:port with a port 1-65535 (no scheme)`, fix }];
    }
  }
  return [];
}

/** Problems with a Kafka ingress's own fields. @internal */
export function kafkaIngressProblems(props: KafkaIngressProps): Problem[] {
  const problems: Problem[] = [...brokerAddressProblems('address', props.address)];
  if (typeof props.consumerGroupId !== 'string' || props.consumerGroupId.trim() === '') {
    problems.push({ field: 'consumerGroupId', value: props.consumerGroupId, why: 'the consumer group is required (offsets are committed under it)', fix: "name the group, e.g. 'orders-statefun'" });
  }
  const topics = props.topics ?? [];
  if (topics.length === 0) problems.push({ field: 'topics', value: [], why: 'an ingress without topics reads nothing', fix: 'list at least one { topic, valueType, targets }' });
  const seen = new Set<string>();
  topics.forEach((t, i) => {
    const f = `topics[${i}]`;
    if (typeof t.topic !== 'string' || !/^[a-zA-Z0-9._-]{1,249}$/.test(t.topic)) {
      problems.push({ field: `${f}.topic`, value: t.topic, why: 'Kafka topic names are 1-249 characters of [a-zA-Z0-9._-]', fix: "use the topic's exact name, e.g. 'example.orders'" });
    }
    if (seen.has(t.topic)) problems.push({ field: `${f}.topic`, value: t.topic, why: 'the topic is listed twice; the runtime keeps only one entry', fix: 'merge the targets into one topic entry' });
    seen.add(t.topic);
    problems.push(...typeNameProblems(`${f}.valueType`, t.valueType, 'value type'));
    if (!t.targets || t.targets.length === 0) {
      problems.push({ field: `${f}.targets`, value: [], why: 'records of a topic without targets are read and dropped', fix: "route to at least one function, e.g. targets: [handler.functionType('greeter')]" });
    }
    (t.targets ?? []).forEach((target, j) => {
      if (!(target instanceof FunctionType)) {
        problems.push({ field: `${f}.targets[${j}]`, value: target, why: 'targets are function types, not strings', fix: "use remoteFunction.functionType('name') or FunctionType.of('ns/name')" });
      } else {
        problems.push(...typeNameProblems(`${f}.targets[${j}]`, target.typeName, 'function type'));
      }
    });
  });
  for (const key of Object.keys(props.properties ?? {})) {
    const owner = ({ 'bootstrap.servers': 'address', 'group.id': 'consumerGroupId', 'auto.offset.reset': 'autoOffsetReset' } as Record<string, string>)[key];
    if (owner) problems.push({ field: `properties['${key}']`, value: props.properties![key], why: `the runtime overrides it with the ingress's ${owner}`, fix: `set ${owner} instead and remove the property` });
  }
  problems.push(...(props.startupPosition?._problems('startupPosition', topics.map((t) => t.topic)) ?? []));
  return problems;
}
