import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { kafkaPropertiesCredentialProblems } from './credential-props';
import { Problem, throwProblems } from './errors';
import { checkArgs, checkProps } from './guard-schemas';
import { brokerAddressProblems, kafkaPodFiles, kafkaSecurityProblems, withSecurity } from './kafka-ingress';
import type { KafkaSecurity } from './kafka-security';
import { compact, Egress, ModuleComponentProps, propertiesProblems, renderProperties } from './module-component';
import { durationExpression, durationProblems, wholeMillis } from './module-duration';
import { SpecReader } from './module-spec-reader';
import type { PodFile } from './pod-files';
import { typeNameProblems } from './type-name';
import { renderDuration } from './units';

/** @internal */
export const KAFKA_EGRESS_KIND = 'io.statefun.kafka.v1/egress';

/** Kafka brokers refuse a transaction timeout above `transaction.max.timeout.ms`, 15 minutes by default. */
const MAX_TRANSACTION_TIMEOUT = Duration.minutes(15);

/** Options of exactly-once delivery. */
export interface KafkaExactlyOnceOptions {
  /**
   * Producer `transaction.timeout.ms`: how long a transaction may stay open. Must be longer than the
   * app's checkpoint interval (a transaction spans a checkpoint) and at most 15 minutes (the brokers'
   * default `transaction.max.timeout.ms`). One minute suits sub-minute checkpoint intervals.
   */
  readonly transactionTimeout: Duration;
  /**
   * Opt in despite the runtime gap: the Kzmlabs runtime never sets a transactional id prefix on its
   * Kafka sink, and Flink's KafkaSink refuses EXACTLY_ONCE without one, so the job is likely to fail
   * when it is built. Set this only with an image that sets the prefix or after testing it yourself.
   * @default false - exactly-once is refused at synth
   */
  readonly acceptMissingTransactionalIdPrefix?: boolean;
}

/** The delivery guarantee of a Kafka egress. */
export class KafkaDeliverySemantic {
  /** Records may be written more than once after a failure (the runtime default; what the release gate runs). */
  public static atLeastOnce(): KafkaDeliverySemantic {
    return new KafkaDeliverySemantic('at-least-once', undefined);
  }

  /**
   * Transactional writes committed with each checkpoint; consumers must read with
   * `isolation.level=read_committed`. Refused at synth unless `acceptMissingTransactionalIdPrefix`
   * is set (see there).
   */
  public static exactlyOnce(options: KafkaExactlyOnceOptions): KafkaDeliverySemantic {
    checkArgs('KafkaDeliverySemantic.exactlyOnce', options);
    return new KafkaDeliverySemantic('exactly-once', options);
  }

  /** No guarantee: records may be lost on failure. */
  public static none(): KafkaDeliverySemantic {
    return new KafkaDeliverySemantic('none', undefined);
  }

  private constructor(
    /** `at-least-once`, `exactly-once` or `none`. */
    public readonly type: string,
    private readonly exactlyOnceOptions: KafkaExactlyOnceOptions | undefined,
  ) {}

  /** The transaction timeout of exactly-once delivery. */
  public get transactionTimeout(): Duration | undefined {
    return this.exactlyOnceOptions?.transactionTimeout;
  }

  /** @internal */
  public get _acceptsGap(): boolean {
    return this.exactlyOnceOptions?.acceptMissingTransactionalIdPrefix === true;
  }

  /** Always `transactionTimeout` as a duration string: `transactionTimeoutMillis` is read as a number. @internal */
  public _render(): Record<string, unknown> {
    return compact({
      type: this.type,
      transactionTimeout: this.transactionTimeout ? renderDuration(this.transactionTimeout) : undefined,
    });
  }

  /** Problems that need no app. @internal */
  public _problems(field: string): Problem[] {
    if (this.type !== 'exactly-once') return [];
    const timeout = this.transactionTimeout;
    if (timeout === undefined) {
      return [{ field: `${field}.transactionTimeout`, value: undefined, why: 'exactly-once needs a transaction timeout (without one the runtime fails with a NullPointerException)', fix: 'pass transactionTimeout, e.g. Duration.minutes(1)' }];
    }
    return durationProblems(`${field}.transactionTimeout`, timeout, {
      max: MAX_TRANSACTION_TIMEOUT,
      maxWhy: 'Kafka brokers refuse a transaction timeout above transaction.max.timeout.ms (15 minutes by default), and the producer fails to start',
      example: 'Duration.minutes(1)',
    });
  }
}

/** What a `KafkaEgress` is: everything but the app (also what `ModuleImport` reads from module.yaml). */
export interface KafkaEgressOptions {
  /**
   * The egress identifier functions address (StateFun's egress id, written as `spec.id`),
   * `<namespace>/<name>`, unique among the app's egresses.
   */
  readonly egressId: string;
  /** Bootstrap servers, `host:port[,host:port…]`. */
  readonly address: string;
  /**
   * Delivery guarantee.
   * @default KafkaDeliverySemantic.atLeastOnce()
   */
  readonly deliverySemantic?: KafkaDeliverySemantic;
  /**
   * Extra Kafka producer properties. `bootstrap.servers` and `transaction.timeout.ms` come from
   * `address` and `deliverySemantic` and are refused here.
   * @default - none
   */
  readonly properties?: { [key: string]: string };
  /**
   * Authentication and encryption towards the brokers (SASL/SSL), every credential from a Secret: the module
   * holds `${dir:…}` placeholders and the app mounts the Secret in JobManager and TaskManagers.
   * @default - PLAINTEXT (no authentication, no TLS)
   */
  readonly security?: KafkaSecurity;
}

/** Props of a `KafkaEgress`. */
export interface KafkaEgressProps extends KafkaEgressOptions, ModuleComponentProps {}

/**
 * An `io.statefun.kafka.v1/egress`: functions write Kafka records through it, choosing topic, key,
 * value and headers per message (there is no topic field).
 */
export class KafkaEgress extends Egress {
  /** The delivery guarantee. */
  public readonly deliverySemantic: KafkaDeliverySemantic;
  private readonly options: KafkaEgressOptions;

  constructor(scope: Construct, id: string, props: KafkaEgressProps) {
    super(scope, id, checkProps(scope, id, 'KafkaEgressProps', props));
    this.options = props;
    this.deliverySemantic = props.deliverySemantic ?? KafkaDeliverySemantic.atLeastOnce();
    throwProblems(this.node.path, kafkaEgressProblems(props));
    this._register();
  }

  /** The component kind. */
  public get kind(): string {
    return KAFKA_EGRESS_KIND;
  }

  /** @internal */
  public _renderSpec(): Record<string, unknown> {
    return compact({
      id: this.options.egressId,
      address: this.options.address,
      deliverySemantic: this.deliverySemantic._render(),
      properties: renderProperties(withSecurity(this.options.properties, this.options.security)),
    });
  }

  /** Files the Flink pods must provide for the Kafka clients. @internal */
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
    const semantic = this.deliverySemantic;
    if (semantic.type !== 'exactly-once' || !semantic.transactionTimeout) return problems;
    if (!semantic._acceptsGap) {
      problems.push({
        field: 'deliverySemantic',
        value: 'exactly-once',
        why: "the runtime's Kafka sink never sets a transactional id prefix and Flink's KafkaSink refuses EXACTLY_ONCE without one, so the job would likely fail when it is built",
        fix: 'use KafkaDeliverySemantic.atLeastOnce() (the default), or opt in with acceptMissingTransactionalIdPrefix: true once your image sets the prefix',
      });
    }
    const interval = this.app._checkpointInterval;
    const timeoutMs = wholeMillis(semantic.transactionTimeout);
    if (Number.isInteger(timeoutMs) && timeoutMs <= interval.toMilliseconds()) {
      problems.push({
        field: 'deliverySemantic.transactionTimeout',
        value: semantic.transactionTimeout,
        why: `a transaction stays open until the next checkpoint completes, so it must outlast the app's checkpoint interval (${renderDuration(interval)}); otherwise the broker aborts it and the job fails`,
        fix: `use a timeout longer than ${durationExpression(interval)} (e.g. ${durationExpression(Duration.millis(Math.min(Math.max(60_000, interval.toMilliseconds() * 2), MAX_TRANSACTION_TIMEOUT.toMilliseconds())))}), or shorten checkpointing.interval`,
      });
    }
    return problems;
  }
}

/** Problems with a Kafka egress's own fields (no app needed). @internal */
export function kafkaEgressProblems(props: KafkaEgressOptions): Problem[] {
  const problems: Problem[] = [...typeNameProblems('egressId', props.egressId, 'egress id'), ...brokerAddressProblems('address', props.address)];
  const semantic = props.deliverySemantic;
  if (semantic !== undefined && !(semantic instanceof KafkaDeliverySemantic)) {
    problems.push({ field: 'deliverySemantic', value: String(semantic), why: 'not a KafkaDeliverySemantic', fix: 'use KafkaDeliverySemantic.atLeastOnce(), exactlyOnce({...}) or none()' });
  } else if (semantic) {
    problems.push(...semantic._problems('deliverySemantic'));
  }
  const security = kafkaSecurityProblems(props.properties, props.security);
  problems.push(...security);
  problems.push(...propertiesProblems('properties', props.properties, {
    'bootstrap.servers': { owner: 'address', fix: 'set address instead and remove the property' },
    'transaction.timeout.ms': { owner: 'deliverySemantic', fix: 'use KafkaDeliverySemantic.exactlyOnce({ transactionTimeout }) and remove the property' },
  }));
  problems.push(...kafkaPropertiesCredentialProblems('properties', props.properties, security));
  return problems;
}

/**
 * Reads an `io.statefun.kafka.v1/egress` spec. Exactly-once is a problem unless the import opted in
 * to the transactional-id-prefix gap.
 * @internal
 */
export function readKafkaEgressSpec(r: SpecReader, acceptMissingTransactionalIdPrefix: boolean): KafkaEgressOptions {
  let address = r.string('address');
  const properties = r.properties('properties');
  if (address === undefined && properties?.['bootstrap.servers'] !== undefined) {
    address = properties['bootstrap.servers'];
    delete properties['bootstrap.servers'];
  }
  const options: KafkaEgressOptions = {
    egressId: r.string('id')!,
    address: address!,
    deliverySemantic: readDeliverySemantic(r.object('deliverySemantic'), acceptMissingTransactionalIdPrefix),
    properties: properties && Object.keys(properties).length > 0 ? properties : undefined,
  };
  r.finish({
    topic: { why: 'a Kafka egress has no topic: each function message names its topic', fix: 'remove it; set the topic in the function (KafkaEgressMessage / KafkaProducerRecord)' },
    bootstrapServers: { why: 'the brokers field is address; bootstrapServers is ignored', fix: 'rename it to address' },
  });
  return options;
}

function readDeliverySemantic(r: SpecReader | undefined, acceptGap: boolean): KafkaDeliverySemantic | undefined {
  if (!r) return undefined;
  const type = r.string('type', { fix: 'write type: at-least-once' });
  let semantic: KafkaDeliverySemantic | undefined;
  switch (type) {
    case undefined:
      break;
    case 'at-least-once':
      semantic = KafkaDeliverySemantic.atLeastOnce();
      break;
    case 'none':
      semantic = KafkaDeliverySemantic.none();
      break;
    case 'exactly-once': {
      const millis = r.raw('transactionTimeoutMillis');
      const timeout = r.duration('transactionTimeout');
      let chosen = timeout;
      if (millis !== undefined) {
        // Read first by the runtime, with asLong(): a duration string becomes 0 ms.
        const numeric = typeof millis === 'number' ? millis : typeof millis === 'string' && /^\d+$/.test(millis.trim()) ? Number(millis) : undefined;
        if (numeric === undefined) {
          r.problem('transactionTimeoutMillis', millis, 'the runtime reads transactionTimeoutMillis as a number (asLong), so a duration string becomes 0 ms and every transaction times out', `write transactionTimeout: ${typeof millis === 'string' ? millis.trim() : '1min'} instead`);
        } else if (timeout !== undefined) {
          r.problem('transactionTimeout', r.node.transactionTimeout, 'ignored: the runtime reads transactionTimeoutMillis first', 'keep only transactionTimeout (a duration)');
        } else {
          chosen = Duration.millis(numeric);
        }
      }
      if (chosen === undefined && millis === undefined) {
        r.problem('transactionTimeout', undefined, 'exactly-once needs a transaction timeout (without one the runtime fails with a NullPointerException)', 'write transactionTimeout: 1min');
      }
      if (!acceptGap) {
        r.problem('type', type, "the runtime's Kafka sink never sets a transactional id prefix and Flink's KafkaSink refuses EXACTLY_ONCE without one, so the job would likely fail when it is built",
          'write type: at-least-once, or import with ModuleImport.fromYaml(text, { acceptMissingTransactionalIdPrefix: true }) once your image sets the prefix');
      }
      semantic = KafkaDeliverySemantic.exactlyOnce({
        transactionTimeout: chosen ?? Duration.minutes(1),
        acceptMissingTransactionalIdPrefix: acceptGap,
      });
      break;
    }
    default: {
      const lower = type.toLowerCase().replace(/_/g, '-');
      const valid = ['at-least-once', 'exactly-once', 'none'];
      r.problem('type', type, `the runtime accepts ${valid.join(', ')}`, valid.includes(lower) ? `write type: ${lower}` : 'write type: at-least-once');
    }
  }
  r.finish({
    transactionTimeout: { why: 'read only with type: exactly-once; here it is ignored', fix: 'remove it' },
    transactionTimeoutMillis: { why: 'read only with type: exactly-once; here it is ignored', fix: 'remove it' },
  });
  return semantic;
}
