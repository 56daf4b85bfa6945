/**
 * What the Kinesis connector bundled in the Kzmlabs image (apache/flink-connector-aws 6.0.0-2.0) checks
 * when the job starts, decided at synth instead (flink-runtime-facts.md §6, kafka-security.md §6).
 *
 * StateFun builds the source from the ingress spec and applies `clientConfigProperties` last
 * (kzmlabs/flink-statefun `statefun-flink-io-bundle/.../io/kinesis/KinesisSourceProvider.java`), so these
 * properties reach `KinesisStreamsSource` as written. Option keys and values:
 * apache/flink-connector-aws `flink-connector-aws-kinesis-streams/.../kinesis/source/config/KinesisSourceConfigOptions.java`.
 */
import { AwsRegion } from './aws-region';
import { Problem } from './errors';

const READER_TYPES = ['POLLING', 'EFO'];
const EFO_LIFECYCLES = ['JOB_MANAGED', 'SELF_MANAGED'];
/** The Kinesis API's consumer name (RegisterStreamConsumer `ConsumerName`: 1-128 of [a-zA-Z0-9_.-]). */
const CONSUMER_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/** Source properties the typed `startupPosition` writes; a property would silently override it. */
const POSITION_KEYS = ['source.init.position', 'source.init.timestamp', 'source.init.timestamp.format'];

/**
 * Start-time checks of the Kinesis source over an ingress's `clientConfigProperties`:
 * - `source.reader.type` and `source.efo.lifecycle` are enums Flink's `Configuration` converts
 *   case-insensitively; another value fails the job ("Could not parse value ... for key ...");
 * - `source.reader.type: EFO` needs `source.efo.consumer.name`: the enumerator's
 *   `reader/fanout/StreamConsumerRegistrar.registerStreamConsumer` throws without it
 *   ("For EFO reader type, EFO consumer name must be specified.") or with an empty one
 *   ("For EFO reader type, EFO consumer name cannot be empty.");
 * - `source.efo.*` options without the EFO reader are ignored by the polling reader;
 * - the start position keys are written from `startupPosition`, and properties override them
 *   (an `AT_TIMESTAMP` without `source.init.timestamp` fails in `KinesisStreamsSourceEnumerator`).
 * @internal
 */
export function kinesisSourcePropertyProblems(field: string, props: { [key: string]: string } | undefined): Problem[] {
  if (!props || typeof props !== 'object' || Array.isArray(props)) return [];
  const problems: Problem[] = [];
  const f = (key: string) => `${field}['${key}']`;
  const readerRaw = props['source.reader.type'];
  const reader = typeof readerRaw === 'string' ? readerRaw.trim().toUpperCase() : undefined;
  if (typeof readerRaw === 'string' && !READER_TYPES.includes(reader!)) {
    problems.push({ field: f('source.reader.type'), value: readerRaw, why: `the source reads it as an enum of ${READER_TYPES.join(', ')}; the job fails at start ("Could not parse value '${readerRaw}' for key 'source.reader.type'")`, fix: "write 'POLLING' (the default) or 'EFO' with source.efo.consumer.name" });
  }
  const lifecycle = props['source.efo.lifecycle'];
  if (typeof lifecycle === 'string' && !EFO_LIFECYCLES.includes(lifecycle.trim().toUpperCase())) {
    problems.push({ field: f('source.efo.lifecycle'), value: lifecycle, why: `the source reads it as an enum of ${EFO_LIFECYCLES.join(', ')}; the job fails at start ("Could not parse value '${lifecycle}' for key 'source.efo.lifecycle'")`, fix: "write 'JOB_MANAGED' (the default: the job registers the consumer) or 'SELF_MANAGED' (the consumer must exist)" });
  }
  const name = props['source.efo.consumer.name'];
  if (reader === 'EFO') {
    if (name === undefined) {
      problems.push({ field: f('source.efo.consumer.name'), value: undefined, why: 'the EFO reader registers (or, SELF_MANAGED, looks up) a stream consumer by this name; without it the job fails at start ("For EFO reader type, EFO consumer name must be specified.", flink-connector-aws StreamConsumerRegistrar)', fix: "add 'source.efo.consumer.name': a name unique per job and stream, e.g. '<app>-<ingress>'" });
    } else if (typeof name === 'string' && name === '') {
      problems.push({ field: f('source.efo.consumer.name'), value: name, why: 'the job fails at start ("For EFO reader type, EFO consumer name cannot be empty.", flink-connector-aws StreamConsumerRegistrar)', fix: "give a name, e.g. '<app>-<ingress>'" });
    } else if (typeof name === 'string' && !CONSUMER_NAME.test(name)) {
      problems.push({ field: f('source.efo.consumer.name'), value: name, why: 'Kinesis consumer names are 1-128 characters of [a-zA-Z0-9_.-]; RegisterStreamConsumer refuses others and the job fails at start', fix: "use e.g. 'shop-statefun-clicks'" });
    }
  } else {
    for (const key of Object.keys(props).filter((k) => k.startsWith('source.efo.')).sort()) {
      problems.push({ field: f(key), value: props[key], why: `EFO options apply only with source.reader.type EFO; the ${readerRaw === undefined ? 'default polling' : 'polling'} reader ignores it silently`, fix: "set 'source.reader.type': 'EFO' as well, or remove it" });
    }
  }
  for (const key of POSITION_KEYS) {
    if (props[key] !== undefined) {
      problems.push({ field: f(key), value: props[key], why: 'startupPosition writes the start position, and a property would silently override it (clientConfigProperties are applied last)', fix: 'use startupPosition: KinesisStartupPosition.latest(), .earliest() or .date(date), and remove the property' });
    }
  }
  return problems;
}

/**
 * The Kinesis sink needs an explicit region: it builds its client with `aws.region` only
 * (flink-connector-aws `AWSClientUtil`, `.region(getRegion(props))`; `Region.of(null)` fails), unlike the
 * source, which takes the region from the stream ARN. StateFun's `awsRegion: {type: default}` writes no
 * `aws.region`, so the writer fails at start even with `AWS_REGION` set (kafka-security.md §6, inferred
 * from the two sources). @internal
 */
export function kinesisSinkRegionProblems(field: string, region: AwsRegion | undefined): Problem[] {
  if (region !== undefined && region !== null && (region as any).type !== 'default') return [];
  return [{
    field,
    value: region === undefined || region === null ? undefined : 'AwsRegion.defaultProviderChain()',
    why: "the Kinesis sink reads only an explicit region (aws.region); with the default region chain it has none and the writer fails at start (the stream's region is not derivable: the egress names the stream, not its ARN)",
    fix: "set region: AwsRegion.specific('<the stream's region>') (or AwsRegion.customEndpoint(url, region) for LocalStack)",
  }];
}
