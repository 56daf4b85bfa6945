import { Duration } from 'cdk8s';
import { checkArgs } from './guard-schemas';

/** Options of the fixed-delay restart strategy. */
export interface FixedDelayRestartOptions {
  /** Restart attempts before the job fails. */
  readonly attempts: number;
  /** Delay between attempts. */
  readonly delay: Duration;
}

/** Options of the failure-rate restart strategy. */
export interface FailureRateRestartOptions {
  /** Failures tolerated within `interval` before the job fails. */
  readonly maxFailuresPerInterval: number;
  /** The measuring window. */
  readonly interval: Duration;
  /** Delay between attempts. */
  readonly delay: Duration;
}

/** Options of the exponential-delay restart strategy. */
export interface ExponentialDelayRestartOptions {
  /**
   * First delay.
   * @default Duration.seconds(1)
   */
  readonly initialBackoff?: Duration;
  /**
   * Largest delay.
   * @default Duration.minutes(1)
   */
  readonly maxBackoff?: Duration;
  /**
   * Factor applied to the delay after each failure (> 1).
   * @default 1.5
   */
  readonly backoffMultiplier?: number;
  /**
   * Failure-free time after which the delay resets.
   * @default Duration.hours(1)
   */
  readonly resetBackoffThreshold?: Duration;
  /**
   * Random jitter, a fraction of the delay (0..1).
   * @default 0.1
   */
  readonly jitterFactor?: number;
  /**
   * Attempts before the job fails (within one backoff period).
   * @default - unlimited
   */
  readonly attemptsBeforeResetBackoff?: number;
}

/**
 * How Flink restarts the job after a failure. Rendered with the real Flink keys
 * (`restart-strategy.type` and `restart-strategy.<type>.*`), never the `execution.restart-strategy.*`
 * form some guides show, which Flink ignores.
 */
export class RestartStrategy {
  /** Restart a fixed number of times with a fixed delay, then fail (a poison record fails fast). */
  public static fixedDelay(options: FixedDelayRestartOptions): RestartStrategy {
    checkArgs('RestartStrategy.fixedDelay', options);
    return new RestartStrategy('fixed-delay', {
      'restart-strategy.fixed-delay.attempts': options.attempts,
      'restart-strategy.fixed-delay.delay': options.delay,
    });
  }

  /** Restart while failures stay under a rate. */
  public static failureRate(options: FailureRateRestartOptions): RestartStrategy {
    checkArgs('RestartStrategy.failureRate', options);
    return new RestartStrategy('failure-rate', {
      'restart-strategy.failure-rate.max-failures-per-interval': options.maxFailuresPerInterval,
      'restart-strategy.failure-rate.failure-rate-interval': options.interval,
      'restart-strategy.failure-rate.delay': options.delay,
    });
  }

  /** Restart with exponentially growing delays (Flink's default when checkpointing is on). */
  public static exponentialDelay(options: ExponentialDelayRestartOptions = {}): RestartStrategy {
    checkArgs('RestartStrategy.exponentialDelay', options);
    return new RestartStrategy('exponential-delay', {
      'restart-strategy.exponential-delay.initial-backoff': options.initialBackoff ?? Duration.seconds(1),
      'restart-strategy.exponential-delay.max-backoff': options.maxBackoff ?? Duration.minutes(1),
      'restart-strategy.exponential-delay.backoff-multiplier': options.backoffMultiplier ?? 1.5,
      'restart-strategy.exponential-delay.reset-backoff-threshold': options.resetBackoffThreshold ?? Duration.hours(1),
      'restart-strategy.exponential-delay.jitter-factor': options.jitterFactor ?? 0.1,
      'restart-strategy.exponential-delay.attempts-before-reset-backoff': options.attemptsBeforeResetBackoff,
    });
  }

  /** Never restart: the first failure fails the job. */
  public static none(): RestartStrategy {
    return new RestartStrategy('none', {});
  }

  private constructor(
    /** The `restart-strategy.type` value. */
    public readonly type: string,
    private readonly settings: { [key: string]: Duration | number | undefined },
  ) {}

  /** The `restart-strategy.*` keys with typed values (undefined = not set). @internal */
  public get _settings(): { [key: string]: Duration | number | undefined } {
    return this.settings;
  }
}
