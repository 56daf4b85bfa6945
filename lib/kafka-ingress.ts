import { Construct } from 'constructs';
import { kafkaPropertiesCredentialProblems } from './credential-props';
import { Problem, throwProblems } from './errors';
import { checkArgs, checkProps } from './guard-schemas';
import { kafkaPropertyCredentialProblems, KafkaSecurity, placeholderFiles } from './kafka-security';
import { compact, Ingress, ModuleComponentProps, propertiesProblems, renderProperties } from './module-component';
import { SpecReader } from './module-spec-reader';
import type { PodFile } from './pod-files';
import { parseStartupDate, renderStartupDate, startupDateProblems, suggestStartupDate } from './startup-date';
import { FEATURE_GATES, StateFunFeature, StateFunImage } from './statefun-image';
import { FunctionType, targetProblems, typeNameProblems, ValueType, valueTypeProblems } from './type-name';
import { kafkaTopicProblems } from './value-rules';

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

const KAFKA_POSITIONS = ['latest', 'earliest', 'group-offsets', 'specific-offsets', 'date'];

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
    checkArgs('KafkaStartupPosition.specificOffsets', offsets);
    return new KafkaStartupPosition('specific-offsets', offsets);
  }
  /** From the first record at or after a point in time (rendered in the runtime's `yyyy-MM-dd HH:mm:ss.SSS Z` pattern, UTC). */
  public static date(date: Date): KafkaStartupPosition {
    checkArgs('KafkaStartupPosition.date', date);
    return new KafkaStartupPosition('date', undefined, date);
  }

  private constructor(
    /** `latest`, `earliest`, `group-offsets`, `specific-offsets` or `date`. */
    public readonly type: string,
    /** The offsets of a `specific-offsets` position. */
    public readonly offsets?: KafkaPartitionOffset[],
    /** The point in time of a `date` position. */
    public readonly startDate?: Date,
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    if (this.type === 'specific-offsets') {
      return { type: this.type, offsets: (this.offsets ?? []).map((o) => ({ [`${o.topic}/${o.partition}`]: o.offset })) };
    }
    if (this.type === 'date') return { type: this.type, date: renderStartupDate(this.startDate!) };
    return { type: this.type };
  }

  /** @internal */
  public _problems(field: string, topics: string[]): Problem[] {
    const problems: Problem[] = [];
    if (this.type === 'specific-offsets') {
      if (!Array.isArray(this.offsets) || this.offsets.length === 0) {
        problems.push({ field: `${field}.offsets`, value: [], why: 'specific-offsets without any offset starts nowhere in particular', fix: 'list at least one { topic, partition, offset }, or use KafkaStartupPosition.earliest()/latest()' });
      }
      const seen = new Set<string>();
      (this.offsets ?? []).forEach((o, i) => {
        const f = `${field}.offsets[${i}]`;
        if (!topics.includes(o.topic)) problems.push({ field: `${f}.topic`, value: o.topic, why: `the ingress does not read this topic (it reads ${topics.map((t) => `'${t}'`).join(', ')})`, fix: 'use one of the ingress topics' });
        if (!Number.isInteger(o.partition) || o.partition < 0) problems.push({ field: `${f}.partition`, value: o.partition, why: 'partitions are numbered from 0', fix: 'use a whole number ≥ 0' });
        if (!Number.isSafeInteger(o.offset) || o.offset < 0) problems.push({ field: `${f}.offset`, value: o.offset, why: 'offsets are whole numbers ≥ 0', fix: 'use a whole number ≥ 0' });
        const key = `${o.topic}/${o.partition}`;
        if (seen.has(key)) problems.push({ field: f, value: key, why: 'the same partition is listed twice; the runtime keeps only one offset', fix: 'keep one offset per topic partition' });
        seen.add(key);
      });
    }
    if (this.type === 'date') problems.push(...startupDateProblems(`${field}.date`, this.startDate!));
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
  /**
   * Drop the record, log one line and count it in `numInvalidRecordsSkipped` (the runtime default).
   * @param logLevel the level of the line logged per skipped record (runtime default: warn)
   */
  public static skip(logLevel?: InvalidRecordLogLevel): InvalidRecordHandling {
    checkArgs('InvalidRecordHandling.skip', logLevel);
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

  /** @internal */
  public _problems(field: string): Problem[] {
    const levels = Object.values(InvalidRecordLogLevel) as string[];
    if (this.logLevel !== undefined && !levels.includes(this.logLevel)) {
      return [{ field: `${field}.logLevel`, value: this.logLevel, why: `the runtime accepts ${levels.join(', ')}`, fix: 'use InvalidRecordLogLevel.WARN (or DEBUG, INFO, ERROR)' }];
    }
    return [];
  }
}

/** One topic a Kafka ingress reads. */
export interface KafkaIngressTopic {
  /** Topic name. */
  readonly topic: string;
  /** Type of the record values, as the functions expect it. */
  readonly valueType: ValueType;
  /** Function types every record is sent to; the record key (UTF-8) is the function instance id. */
  readonly targets: FunctionType[];
  /**
   * Forward Kafka record headers to the functions for this topic (KZM-3.4+).
   * @default - the ingress setting
   */
  readonly forwardHeaders?: boolean;
  /**
   * Invalid-record handling for this topic; replaces the ingress setting wholesale (KZM-3.5+).
   * @default - the ingress setting
   */
  readonly invalidRecordHandling?: InvalidRecordHandling;
}

/** What a `KafkaIngress` is: everything but the app (also what `ModuleImport` reads from module.yaml). */
export interface KafkaIngressOptions {
  /**
   * The ingress identifier (StateFun's ingress id, written as `spec.id`), a TypeName `<namespace>/<name>`,
   * unique among the app's ingresses.
   */
  readonly ingressId: string;
  /** Bootstrap servers, `host:port[,host:port…]` (written as `address`, the consumer's `bootstrap.servers`). */
  readonly address: string;
  /** Consumer group id (the consumer's `group.id`). */
  readonly consumerGroupId: string;
  /** Topics to read, each with its value type and targets. */
  readonly topics: KafkaIngressTopic[];
  /**
   * Where to start on a fresh start.
   * @default KafkaStartupPosition.latest()
   */
  readonly startupPosition?: KafkaStartupPosition;
  /**
   * Fallback when a startup offset is missing or out of range (`autoOffsetResetPosition`).
   * @default KafkaAutoOffsetReset.LATEST
   */
  readonly autoOffsetReset?: KafkaAutoOffsetReset;
  /**
   * Extra Kafka consumer properties. `bootstrap.servers`, `group.id` and `auto.offset.reset` come from
   * `address`, `consumerGroupId` and `autoOffsetReset` and are refused here.
   * @default - none
   */
  readonly properties?: { [key: string]: string };
  /**
   * Forward Kafka record headers to functions (KZM-3.4+); a topic may override it.
   * @default - not forwarded
   */
  readonly forwardHeaders?: boolean;
  /**
   * What to do with null keys or values (KZM-3.5+); a topic may replace it.
   * @default - runtime default: skip and log at warn
   */
  readonly invalidRecordHandling?: InvalidRecordHandling;
  /**
   * Authentication and encryption towards the brokers (SASL/SSL), every credential from a Secret: the module
   * holds `${dir:…}` placeholders and the app mounts the Secret in JobManager and TaskManagers.
   * @default - PLAINTEXT (no authentication, no TLS)
   */
  readonly security?: KafkaSecurity;
}

/** Props of a `KafkaIngress`. */
export interface KafkaIngressProps extends KafkaIngressOptions, ModuleComponentProps {}

/** An `io.statefun.kafka.v1/ingress`: Kafka topics routed to function types. */
export class KafkaIngress extends Ingress {
  /** The topics read. */
  public readonly topics: KafkaIngressTopic[];
  private readonly options: KafkaIngressOptions;

  constructor(scope: Construct, id: string, props: KafkaIngressProps) {
    super(scope, id, checkProps(scope, id, 'KafkaIngressProps', props));
    this.options = props;
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
    const p = this.options;
    return compact({
      id: p.ingressId,
      address: p.address,
      consumerGroupId: p.consumerGroupId,
      startupPosition: (p.startupPosition ?? KafkaStartupPosition.latest())._render(),
      autoOffsetResetPosition: p.autoOffsetReset ?? KafkaAutoOffsetReset.LATEST,
      forwardHeaders: p.forwardHeaders,
      invalidRecordHandling: p.invalidRecordHandling?._render(),
      properties: renderProperties(withSecurity(p.properties, p.security)),
      topics: this.topics.map((t) => compact({
        topic: t.topic,
        valueType: t.valueType.typeName,
        targets: t.targets.map((x) => x.typeName),
        forwardHeaders: t.forwardHeaders,
        invalidRecordHandling: t.invalidRecordHandling?._render(),
      })),
    });
  }

  /** Files the Flink pods must provide for the Kafka clients (Secrets the security and placeholders name). @internal */
  public _podFiles(): Array<{ field: string; file: PodFile }> {
    return kafkaPodFiles(this.options.properties, this.options.security);
  }

  /** Properties whose `${env:…}` placeholders must name variables of the Flink pods. @internal */
  public _envPlaceholderProperties(): { [key: string]: string } | undefined {
    return this.options.properties;
  }

  /** @internal */
  public _problems(): Problem[] {
    const problems = super._problems();
    const image = this.app.image;
    // `forwardHeaders: false` is what an older runtime does anyway; any invalidRecordHandling is not
    // (before KZM-3.5 every invalid record fails the job), so even `skip` would only look configured.
    const headers = this.options.forwardHeaders === true || this.topics.some((t) => t.forwardHeaders === true);
    if (headers) problems.push(...featureProblems(image, StateFunFeature.KAFKA_FORWARD_HEADERS, 'forwardHeaders'));
    const invalid = this.options.invalidRecordHandling !== undefined || this.topics.some((t) => t.invalidRecordHandling !== undefined);
    if (invalid) problems.push(...featureProblems(image, StateFunFeature.KAFKA_INVALID_RECORD_HANDLING, 'invalidRecordHandling'));
    return problems;
  }
}

/** A feature used with an image whose release predates it. @internal */
export function featureProblems(image: StateFunImage, feature: StateFunFeature, field: string, remove: string = field): Problem[] {
  if (image.supports(feature)) return [];
  const since = StateFunImage._featureSince(feature);
  // A release that does not parse is refused on the image itself (image (release)).
  if (!image._release()) return [];
  return [{ field, value: image.releaseTag, why: `${feature} exists from ${since} on; the app's image ${image.reference} is older, and ${FEATURE_GATES[feature].older}`, fix: `upgrade the app's image to ${since} or newer (e.g. StateFunImage.kzmlabs('${StateFunImage.LATEST_KNOWN_TAG}')) or remove ${remove}` }];
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

/** Problems with a Kafka ingress's own fields (no app needed). @internal */
export function kafkaIngressProblems(props: KafkaIngressOptions): Problem[] {
  const problems: Problem[] = [...typeNameProblems('ingressId', props.ingressId, 'ingress id'), ...brokerAddressProblems('address', props.address)];
  if (typeof props.consumerGroupId !== 'string' || props.consumerGroupId.trim() === '') {
    problems.push({ field: 'consumerGroupId', value: props.consumerGroupId, why: 'the consumer group is required (offsets are committed under it)', fix: "name the group, e.g. 'orders-statefun'" });
  }
  const topics = Array.isArray(props.topics) ? props.topics : [];
  if (topics.length === 0) problems.push({ field: 'topics', value: [], why: 'an ingress without topics reads nothing', fix: 'list at least one { topic, valueType, targets }' });
  const seen = new Set<string>();
  topics.forEach((t, i) => {
    const f = `topics[${i}]`;
    problems.push(...kafkaTopicProblems(`${f}.topic`, t.topic));
    if (seen.has(t.topic)) problems.push({ field: `${f}.topic`, value: t.topic, why: 'the topic is listed twice; the runtime keeps only one entry', fix: 'merge the targets into one topic entry' });
    seen.add(t.topic);
    problems.push(...valueTypeProblems(`${f}.valueType`, t.valueType));
    problems.push(...targetProblems(`${f}.targets`, t.targets));
    problems.push(...(t.invalidRecordHandling?._problems(`${f}.invalidRecordHandling`) ?? []));
  });
  const resets = Object.values(KafkaAutoOffsetReset) as string[];
  if (props.autoOffsetReset !== undefined && !resets.includes(props.autoOffsetReset)) {
    problems.push({ field: 'autoOffsetReset', value: props.autoOffsetReset, why: `the runtime accepts ${resets.join(', ')}`, fix: 'use KafkaAutoOffsetReset.EARLIEST or KafkaAutoOffsetReset.LATEST' });
  }
  const security = kafkaSecurityProblems(props.properties, props.security);
  problems.push(...security);
  problems.push(...propertiesProblems('properties', props.properties, {
    'bootstrap.servers': { owner: 'address', fix: 'set address instead and remove the property' },
    'group.id': { owner: 'consumerGroupId', fix: 'set consumerGroupId instead and remove the property' },
    'auto.offset.reset': { owner: 'autoOffsetReset (always written, default latest)', fix: 'set autoOffsetReset instead and remove the property' },
  }));
  problems.push(...kafkaPropertiesCredentialProblems('properties', props.properties, security));
  problems.push(...(props.invalidRecordHandling?._problems('invalidRecordHandling') ?? []));
  problems.push(...(props.startupPosition?._problems('startupPosition', topics.map((t) => t.topic)) ?? []));
  return problems;
}

/** Reads an `io.statefun.kafka.v1/ingress` spec. Problems land in the reader's list. @internal */
export function readKafkaIngressSpec(r: SpecReader): KafkaIngressOptions {
  let address = r.string('address');
  let consumerGroupId = r.string('consumerGroupId');
  const properties = r.properties('properties');
  // Apache StateFun users often pass the brokers and group only as consumer properties; the runtime
  // accepts that when the named field is absent, so carry the value over to the typed field.
  if (address === undefined && properties?.['bootstrap.servers'] !== undefined) {
    address = properties['bootstrap.servers'];
    delete properties['bootstrap.servers'];
  }
  if (consumerGroupId === undefined && properties?.['group.id'] !== undefined) {
    consumerGroupId = properties['group.id'];
    delete properties['group.id'];
  }
  const options: KafkaIngressOptions = {
    ingressId: r.string('id')!,
    address: address!,
    consumerGroupId: consumerGroupId!,
    startupPosition: readKafkaStartupPosition(r.object('startupPosition')),
    autoOffsetReset: readAutoOffsetReset(r),
    properties: properties && Object.keys(properties).length > 0 ? properties : undefined,
    forwardHeaders: r.bool('forwardHeaders'),
    invalidRecordHandling: readInvalidRecordHandling(r.object('invalidRecordHandling')),
    topics: (r.list('topics') ?? []).map((t, i) => readTopic(SpecReader.of(`${r.field('topics')}[${i}]`, t, r.problems, 'a mapping { topic, valueType, targets }'))).filter((t): t is KafkaIngressTopic => t !== undefined),
  };
  r.finish({
    bootstrapServers: { why: 'the brokers field is address; bootstrapServers is ignored', fix: 'rename it to address' },
    groupId: { why: 'the group field is consumerGroupId; groupId is ignored', fix: 'rename it to consumerGroupId' },
    autoOffsetReset: { why: 'the field is autoOffsetResetPosition; autoOffsetReset is ignored', fix: 'rename it to autoOffsetResetPosition' },
    clientConfigProperties: { why: 'clientConfigProperties is the Kinesis field; Kafka reads properties', fix: 'rename it to properties' },
    streams: { why: 'streams is a Kinesis field; a Kafka ingress reads topics', fix: 'list the topics under topics: [{ topic, valueType, targets }]' },
  });
  return options;
}

function readAutoOffsetReset(r: SpecReader): KafkaAutoOffsetReset | undefined {
  const v = r.string('autoOffsetResetPosition');
  if (v === undefined) return undefined;
  const lower = v.toLowerCase();
  if (lower === 'earliest' || lower === 'latest') return lower as KafkaAutoOffsetReset;
  r.problem('autoOffsetResetPosition', v, 'the runtime accepts earliest or latest', 'write autoOffsetResetPosition: earliest (or latest)');
  return undefined;
}

function readTopic(t: SpecReader | undefined): KafkaIngressTopic | undefined {
  if (!t) return undefined;
  const valueType = t.string('valueType', { fix: 'write valueType: <namespace>/<name>, as the functions expect it' });
  const targets = t.stringList('targets', { fix: 'write targets: [<namespace>/<name>, ...]' });
  const topic: KafkaIngressTopic = {
    topic: t.string('topic', { fix: 'write topic: <topic name>' })!,
    valueType: valueType === undefined ? undefined! : ValueType.of(valueType),
    targets: (targets ?? []).map((x) => FunctionType.of(x)),
    forwardHeaders: t.bool('forwardHeaders'),
    invalidRecordHandling: readInvalidRecordHandling(t.object('invalidRecordHandling')),
  };
  t.finish({
    target: { why: 'the field is targets (a list); target is ignored', fix: 'write targets: [<namespace>/<name>]' },
    typeUrl: { why: 'the field is valueType; typeUrl is ignored', fix: 'rename it to valueType' },
  });
  return topic;
}

/** Reads `invalidRecordHandling` ({type: skip|fail, logLevel}). @internal */
export function readInvalidRecordHandling(r: SpecReader | undefined): InvalidRecordHandling | undefined {
  if (!r) return undefined;
  const type = r.string('type', { fix: 'write type: skip (or fail)' });
  const level = r.string('logLevel');
  let logLevel: InvalidRecordLogLevel | undefined;
  if (level !== undefined) {
    const levels = Object.values(InvalidRecordLogLevel) as string[];
    if (levels.includes(level.toLowerCase())) {
      logLevel = level.toLowerCase() as InvalidRecordLogLevel;
    } else {
      r.problem('logLevel', level, `the runtime accepts ${levels.join(', ')} (case-insensitive)`, 'write logLevel: warn');
    }
  }
  r.finish();
  if (type === undefined) return undefined;
  if (type === 'skip') return InvalidRecordHandling.skip(logLevel);
  if (type === 'fail') {
    if (level !== undefined) r.problem('logLevel', level, 'logLevel is only valid with type: skip; the runtime rejects fail together with a logLevel', 'remove logLevel (fail logs the failure itself)');
    return InvalidRecordHandling.fail();
  }
  r.problem('type', type, type === 'forward'
    ? 'forward (dead-letter to a function) was designed in ADR-0008 but never implemented; the runtime says "valid values are [skip, fail]"'
    : 'the runtime says "valid values are [skip, fail]"', 'write type: skip (with an optional logLevel) or type: fail');
  return undefined;
}

/** Reads a Kafka `startupPosition`, naming the guide's wrong spellings. @internal */
export function readKafkaStartupPosition(r: SpecReader | undefined): KafkaStartupPosition | undefined {
  if (!r) return undefined;
  const type = r.string('type', { fix: `write type: one of ${KAFKA_POSITIONS.join(', ')}` });
  let position: KafkaStartupPosition | undefined;
  const mistakes: { [key: string]: { why: string; fix: string } } = {
    offsets: { why: 'offsets is read only with type: specific-offsets; here it is ignored', fix: 'remove it, or use type: specific-offsets' },
    date: { why: 'date is read only with type: date; here it is ignored', fix: 'remove it, or use type: date' },
    timestamp: { why: 'the parser reads date, not timestamp; timestamp is ignored', fix: 'write type: date with date: "yyyy-MM-dd HH:mm:ss.SSS Z"' },
  };
  switch (type) {
    case undefined:
      break;
    case 'latest':
      position = KafkaStartupPosition.latest();
      break;
    case 'earliest':
      position = KafkaStartupPosition.earliest();
      break;
    case 'group-offsets':
      position = KafkaStartupPosition.groupOffsets();
      break;
    case 'specific-offsets':
      position = KafkaStartupPosition.specificOffsets(readSpecificOffsets(r));
      break;
    case 'date':
      position = readDatePosition(r, (d) => KafkaStartupPosition.date(d));
      break;
    default:
      positionTypeProblem(r, type, KAFKA_POSITIONS);
      delete mistakes.timestamp;
  }
  r.finish(mistakes);
  return position;
}

/** A date position: `date:` in the runtime's pattern. @internal */
export function readDatePosition<T>(r: SpecReader, make: (d: Date) => T): T | undefined {
  const raw = r.raw('date');
  if (raw === undefined) {
    r.problem('date', undefined, 'type: date needs the date', 'write date: "yyyy-MM-dd HH:mm:ss.SSS Z", e.g. "2026-04-23 00:00:00.000 +0000"');
    return undefined;
  }
  const parsed = typeof raw === 'string' ? parseStartupDate(raw) : undefined;
  if (!parsed) {
    const suggestion = suggestStartupDate(raw);
    r.problem('date', raw, 'the runtime parses exactly the pattern yyyy-MM-dd HH:mm:ss.SSS Z (three fraction digits, numeric offset); ISO-8601 is not accepted',
      suggestion ? `write date: "${suggestion}"` : 'write date: "yyyy-MM-dd HH:mm:ss.SSS Z", e.g. "2026-04-23 00:00:00.000 +0000"');
    return undefined;
  }
  return make(parsed);
}

/**
 * The problem for an unknown startup position type, with the right spelling for the guides' mistakes
 * (`at-timestamp`/`timestamp` → `date`, `groupOffsets` → `group-offsets`, `trim-horizon` → `earliest`).
 * @internal
 */
export function positionTypeProblem(r: SpecReader, type: string, valid: string[]): void {
  const lower = type.toLowerCase().replace(/_/g, '-');
  const valueForDate = r.raw('timestamp') ?? r.raw('date');
  const camel: { [k: string]: string } = { groupoffsets: 'group-offsets', specificoffsets: 'specific-offsets' };
  let why = `the parser accepts only ${valid.join(', ')}`;
  let fix = `write type: ${valid[0]} (or ${valid.slice(1).join(', ')})`;
  if (['at-timestamp', 'timestamp', 'at_timestamp'].includes(lower) && valid.includes('date')) {
    const suggestion = suggestStartupDate(valueForDate);
    why = `${why}; the deployment guides' at-timestamp with an ISO timestamp is not what the parser reads`;
    fix = `write type: date with date: "${suggestion ?? 'yyyy-MM-dd HH:mm:ss.SSS Z'}"`;
  } else if (camel[lower.replace(/-/g, '')] && valid.includes(camel[lower.replace(/-/g, '')])) {
    fix = `write type: ${camel[lower.replace(/-/g, '')]}`;
  } else if (['trim-horizon', 'trim_horizon', 'trimhorizon'].includes(lower)) {
    fix = 'write type: earliest (the runtime\'s name for TRIM_HORIZON)';
  } else if (valid.includes(lower)) {
    fix = `write type: ${lower} (lower case)`;
  }
  r.problem('type', type, why, fix);
}

function readSpecificOffsets(r: SpecReader): KafkaPartitionOffset[] {
  const items = r.list('offsets', { fix: 'write offsets: [{ "<topic>/<partition>": <offset> }, ...]' }) ?? [];
  const out: KafkaPartitionOffset[] = [];
  items.forEach((item, i) => {
    const f = `offsets[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item) || Object.keys(item).length !== 1) {
      r.problem(f, item, 'each offset is a single-key mapping "<topic>/<partition>": <offset>', 'write e.g. - "orders/0": 42');
      return;
    }
    const [key, value] = Object.entries(item as Record<string, unknown>)[0];
    const slash = key.lastIndexOf('/');
    const partition = slash < 0 ? NaN : Number(key.slice(slash + 1));
    const offset = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (slash <= 0 || !/^\d+$/.test(key.slice(slash + 1))) {
      r.problem(`${f}`, key, 'the key is "<topic>/<partition>" with a partition number', 'write e.g. - "orders/0": 42');
      return;
    }
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset)) {
      r.problem(`${f}.${key}`, value, 'an offset is a whole number', `write - "${key}": 42`);
      return;
    }
    out.push({ topic: key.slice(0, slash), partition, offset });
  });
  return out;
}

type StringMap = { [key: string]: string };

/** Client properties with the typed security's added (the typed keys are refused in `properties`). @internal */
export function withSecurity(properties: StringMap | undefined, security: KafkaSecurity | undefined): StringMap | undefined {
  if (!(security instanceof KafkaSecurity)) return properties;
  return { ...(properties ?? {}), ...security._properties() };
}

/** Problems with the security prop and credentials in `properties`. @internal */
export function kafkaSecurityProblems(properties: { [key: string]: string } | undefined, security: KafkaSecurity | undefined): Problem[] {
  const problems: Problem[] = [];
  if (security !== undefined && !(security instanceof KafkaSecurity)) {
    problems.push({ field: 'security', value: String(security), why: 'not a KafkaSecurity', fix: 'use KafkaSecurity.saslSsl({...}), saslPlaintext({...}) or ssl({...})' });
  } else if (security) {
    problems.push(...security._problems('security'));
  }
  problems.push(...kafkaPropertyCredentialProblems('properties', properties, security !== undefined));
  return problems;
}

/** The files a Kafka component's clients read in the Flink pods. @internal */
export function kafkaPodFiles(properties: StringMap | undefined, security: KafkaSecurity | undefined): Array<{ field: string; file: PodFile }> {
  return [...(security instanceof KafkaSecurity ? security._files('security') : []), ...placeholderFiles('properties', properties)];
}
