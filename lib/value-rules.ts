import { Problem } from './errors';

/**
 * Values other systems reject, checked where a prop sets them: Kafka topic names, S3 bucket names,
 * durations a Java `long` of milliseconds cannot hold, URLs without a host. Pure functions, shared by
 * the constructs and the module importer.
 */

/** Kafka's longest topic name (org.apache.kafka.common.internals.Topic MAX_NAME_LENGTH). @internal */
export const KAFKA_TOPIC_MAX = 249;

/**
 * Problems with a Kafka topic name, as `org.apache.kafka.common.internals.Topic.validate` refuses them:
 * empty, `.` or `..`, longer than 249 characters, or a character other than ASCII alphanumerics, `.`,
 * `_` and `-`.
 * @internal
 */
export function kafkaTopicProblems(field: string, topic: unknown): Problem[] {
  const fix = "use the topic's exact name, e.g. 'example.orders'";
  if (typeof topic !== 'string' || topic === '') {
    return [{ field, value: topic, why: 'Kafka refuses an empty topic name ("Topic name is illegal, it can\'t be empty", org.apache.kafka.common.internals.Topic)', fix }];
  }
  if (topic === '.' || topic === '..') {
    return [{ field, value: topic, why: 'Kafka refuses the topic names "." and ".." (org.apache.kafka.common.internals.Topic)', fix }];
  }
  if (topic.length > KAFKA_TOPIC_MAX) {
    return [{ field, value: topic, why: `Kafka topic names are at most ${KAFKA_TOPIC_MAX} characters; this one has ${topic.length} (org.apache.kafka.common.internals.Topic)`, fix }];
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(topic)) {
    return [{ field, value: topic, why: "Kafka topic names contain only ASCII alphanumerics, '.', '_' and '-' (org.apache.kafka.common.internals.Topic)", fix }];
  }
  return [];
}

/**
 * Why `bucket` is not a valid S3 general purpose bucket name, or undefined (AWS "General purpose bucket
 * naming rules", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 * @internal
 */
export function s3BucketNameProblem(bucket: unknown): string | undefined {
  const rules = 'S3 bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit (no scheme, no path)';
  if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) return rules;
  if (bucket.includes('..')) return 'S3 bucket names must not contain two adjacent periods (AWS bucket naming rules)';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'S3 bucket names must not be formatted as an IP address (AWS bucket naming rules)';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => bucket.startsWith(p));
  if (prefix) return `S3 bucket names must not start with the reserved prefix ${prefix} (AWS bucket naming rules)`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((s) => bucket.endsWith(s));
  if (suffix) return `S3 bucket names must not end with the reserved suffix ${suffix} (access point, Object Lambda, Multi-Region or directory bucket names; AWS bucket naming rules)`;
  return undefined;
}

/** Java's Long.MAX_VALUE, the largest number of milliseconds Flink and StateFun can hold. @internal */
export const JAVA_LONG_MAX_MS = '9223372036854775807';

/**
 * Whether `ms` milliseconds fit a Java `long` (Long.MAX_VALUE = 9223372036854775807): Flink's
 * `TimeUtils.parseDuration` refuses a larger number ("cannot be represented as 64bit number (numeric
 * overflow)") and `java.time.Duration.toMillis` throws an ArithmeticException on overflow.
 * @internal
 */
export function fitsJavaLongMillis(ms: number): boolean {
  // 2^63 is the first double above Long.MAX_VALUE (which itself rounds to 2^63 as a double).
  return Number.isFinite(ms) && Math.abs(ms) < 2 ** 63;
}

/** The `why` of a duration beyond a Java long of milliseconds. @internal */
export const JAVA_LONG_WHY = `beyond a Java long of milliseconds (Long.MAX_VALUE = ${JAVA_LONG_MAX_MS} ms): Flink's TimeUtils.parseDuration refuses it ("cannot be represented as 64bit number (numeric overflow)")`;

/**
 * Problems with the host of an http(s) URL: a URL with an empty host (`http:///path`, `https://:8443`)
 * names no server; WHATWG URL parsing would even read the first path segment as the host.
 * @internal
 */
export function urlHostProblems(field: string, url: unknown, fix: string): Problem[] {
  if (typeof url !== 'string') return [];
  const m = /^(https?):\/\/([^/?#]*)/i.exec(url);
  if (!m) return [];
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  if (host === '' || host === '[]') {
    return [{ field, value: url, why: `the URL has an empty host, so ${m[1]} calls go nowhere (Java's URI reads no host)`, fix }];
  }
  return [];
}
