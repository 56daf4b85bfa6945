/** Log levels of the Flink JVMs' root logger. */
export enum LogLevel {
  /** TRACE */
  TRACE = 'TRACE',
  /** DEBUG */
  DEBUG = 'DEBUG',
  /** INFO */
  INFO = 'INFO',
  /** WARN */
  WARN = 'WARN',
  /** ERROR */
  ERROR = 'ERROR',
}

/** Options of the JSON console logging. */
export interface JsonLoggingOptions {
  /**
   * Root log level.
   * @default LogLevel.INFO
   */
  readonly rootLevel?: LogLevel;
  /**
   * Extra logger levels, e.g. `{ 'org.apache.flink.runtime.checkpoint.CheckpointCoordinator': LogLevel.DEBUG }`.
   * @default - none
   */
  readonly loggers?: { [logger: string]: LogLevel };
}

/**
 * Logging of the JobManager and TaskManagers, written to `spec.logConfiguration`. The StateFun image
 * logs through Logback (Log4j's SLF4J binding is removed), so only `logback-console.xml` takes effect.
 */
export class FlinkLogging {
  /** One JSON object per line on stdout (Logstash encoder shipped in the image), ready for log shippers. */
  public static json(options: JsonLoggingOptions = {}): FlinkLogging {
    const root = options.rootLevel ?? LogLevel.INFO;
    const loggers: Record<string, string> = {
      // Chatty libraries stay at INFO under a DEBUG root; two known-noisy loggers only at ERROR.
      'org.apache.pekko': LogLevel.INFO,
      'org.apache.kafka': LogLevel.INFO,
      'org.apache.hadoop': LogLevel.INFO,
      'org.apache.zookeeper': LogLevel.INFO,
      'org.jboss.netty.channel.DefaultChannelPipeline': LogLevel.ERROR,
      ...(options.loggers ?? {}),
    };
    const loggerLines = Object.keys(loggers).sort().map((name) => `  <logger name="${name}" level="${loggers[name]}"/>`);
    const xml = [
      '<configuration>',
      '  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">',
      '    <encoder class="net.logstash.logback.encoder.LogstashEncoder">',
      '      <timestampPattern>yyyy-MM-dd\'T\'HH:mm:ss.SSS\'Z\'</timestampPattern>',
      '      <timeZone>UTC</timeZone>',
      '    </encoder>',
      '  </appender>',
      ...loggerLines,
      `  <root level="${root}">`,
      '    <appender-ref ref="console"/>',
      '  </root>',
      '</configuration>',
      '',
    ].join('\n');
    return new FlinkLogging(xml);
  }

  /** Your own Logback configuration (the full XML document). */
  public static logback(xml: string): FlinkLogging {
    return new FlinkLogging(xml);
  }

  private constructor(
    /** The `logback-console.xml` content. */
    public readonly logbackXml: string,
  ) {}
}
