import { Problem } from './errors';
import { checkArgs } from './guard-schemas';

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
 * Logging of the JobManager and TaskManagers, written to `spec.logConfiguration['logback-console.xml']`.
 * The StateFun image logs through Logback (Log4j's SLF4J binding is removed), so only
 * `logback-console.xml` takes effect; the operator mounts it over the image's own file.
 */
export class FlinkLogging {
  /** One JSON object per line on stdout (Logstash encoder shipped in the image), ready for log shippers. */
  public static json(options: JsonLoggingOptions = {}): FlinkLogging {
    checkArgs('FlinkLogging.json', options);
    const root = options.rootLevel ?? LogLevel.INFO;
    const loggers: Record<string, string> = {
      // Chatty libraries stay at INFO under a DEBUG root; two known-noisy loggers only at ERROR.
      'org.apache.pekko': LogLevel.INFO,
      'org.apache.kafka': LogLevel.INFO,
      'org.apache.hadoop': LogLevel.INFO,
      'org.apache.zookeeper': LogLevel.INFO,
      'org.jboss.netty.channel.DefaultChannelPipeline': LogLevel.ERROR,
      'com.amazonaws.services.s3.internal.Mimetypes': LogLevel.ERROR,
      ...(options.loggers ?? {}),
    };
    const loggerLines = Object.keys(loggers).sort().map((name) => `  <logger name="${name}" level="${loggers[name]}"/>`);
    const xml = [
      '<configuration>',
      '  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">',
      '    <encoder class="net.logstash.logback.encoder.LogstashEncoder">',
      '      <timestampPattern>yyyy-MM-dd\'T\'HH:mm:ss.SSS\'Z\'</timestampPattern>',
      '      <timeZone>UTC</timeZone>',
      // Stack traces as one field, root cause first, bounded in size (what the image's own file does).
      '      <throwableConverter class="net.logstash.logback.stacktrace.ShortenedThrowableConverter">',
      '        <maxDepthPerThrowable>120</maxDepthPerThrowable>',
      '        <shortenedClassNameLength>60</shortenedClassNameLength>',
      '        <rootCauseFirst>true</rootCauseFirst>',
      '      </throwableConverter>',
      '    </encoder>',
      '  </appender>',
      ...loggerLines,
      `  <root level="${root}">`,
      '    <appender-ref ref="console"/>',
      '  </root>',
      '</configuration>',
      '',
    ].join('\n');
    const problems: Problem[] = [];
    for (const name of Object.keys(options.loggers ?? {}).sort()) {
      if (!LOGGER_NAME.test(name)) {
        problems.push({ field: `logging.loggers['${name}']`, value: name, why: 'not a logger name (a Java package or class name); it would also break the XML', fix: "use a dotted name such as 'org.apache.flink.runtime.checkpoint'" });
      }
      const level = options.loggers![name];
      if (!Object.values(LogLevel).includes(level)) {
        problems.push({ field: `logging.loggers['${name}']`, value: level, why: 'not a log level', fix: 'use a LogLevel (TRACE, DEBUG, INFO, WARN, ERROR)' });
      }
    }
    if (!Object.values(LogLevel).includes(root)) {
      problems.push({ field: 'logging.rootLevel', value: root, why: 'not a log level', fix: 'use a LogLevel (TRACE, DEBUG, INFO, WARN, ERROR)' });
    }
    return new FlinkLogging(xml, problems);
  }

  /** Your own Logback configuration (the full XML document). */
  public static logback(xml: string): FlinkLogging {
    checkArgs('FlinkLogging.logback', xml);
    const problems: Problem[] = typeof xml === 'string' && /<configuration[\s>]/.test(xml) && xml.includes('</configuration>')
      ? []
      : [{ field: 'logging', value: typeof xml === 'string' ? xml.slice(0, 40) : xml, why: 'not a Logback configuration document (<configuration>…</configuration>); Logback would fall back to its defaults, without JSON', fix: 'pass the whole logback-console.xml, or use FlinkLogging.json()' }];
    return new FlinkLogging(xml, problems);
  }

  private constructor(
    /** The `logback-console.xml` content. */
    public readonly logbackXml: string,
    private readonly problems: Problem[],
  ) {}

  /** Problems with the logging options (reported by the app with its construct path). @internal */
  public _problems(): Problem[] {
    return this.problems;
  }
}

const LOGGER_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
