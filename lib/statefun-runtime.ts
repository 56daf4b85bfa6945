import { Size } from 'cdk8s';

/** How StateFun serializes messages between functions. */
export enum MessageSerializer {
  /** Protobuf payloads (the runtime default; what the remote SDKs speak). */
  WITH_PROTOBUF_PAYLOADS = 'WITH_PROTOBUF_PAYLOADS',
  /** Kryo payloads. */
  WITH_KRYO_PAYLOADS = 'WITH_KRYO_PAYLOADS',
  /** Raw payloads. */
  WITH_RAW_PAYLOADS = 'WITH_RAW_PAYLOADS',
}

/**
 * The `statefun.*` runtime settings. The module location (`statefun.remote.module-name`) is not an
 * option: it is the mounted module ConfigMap.
 */
export interface StateFunRuntimeOptions {
  /**
   * The Flink job name (`statefun.flink-job-name`).
   * @default - the FlinkDeployment name
   */
  readonly jobName?: string;
  /**
   * Message serializer.
   * @default MessageSerializer.WITH_PROTOBUF_PAYLOADS
   */
  readonly messageSerializer?: MessageSerializer;
  /**
   * In-flight async operations per task before backpressure (`statefun.async.max-per-task`).
   * @default 32768 (the runtime's real default; some docs say 1024)
   */
  readonly asyncMaxPerTask?: number;
  /**
   * Feedback-channel memory before spilling (`statefun.feedback.memory.size`).
   * @default Size.mebibytes(32)
   */
  readonly feedbackMemory?: Size;
  /**
   * Values passed to modules' `configure()` as `statefun.module.global-config.<key>`.
   * @default - none
   */
  readonly globalConfig?: { [key: string]: string };
  /**
   * Packages loaded parent-first in addition to the three StateFun requires
   * (`org.apache.flink.statefun`, `org.apache.kafka`, `com.google.protobuf`), which are always written to
   * `classloader.parent-first-patterns.additional`.
   * @default - only the StateFun patterns
   */
  readonly additionalParentFirstPatterns?: string[];
}
