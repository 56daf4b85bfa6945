import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { checkArgs } from './guard-schemas';

/**
 * Timing of a probe. Kubernetes checks each field: whole seconds, `initialDelay` ≥ 0, `period` and
 * `timeout` ≥ 1 s, thresholds ≥ 1 (kubernetes/kubernetes: pkg/apis/core/validation/validation.go,
 * `validateProbe`).
 */
export interface FunctionProbeOptions {
  /**
   * Wait after the container starts before the first probe.
   * @default - none (Kubernetes default 0)
   */
  readonly initialDelay?: Duration;
  /**
   * Time between probes.
   * @default - Kubernetes default 10s
   */
  readonly period?: Duration;
  /**
   * Time after which one probe counts as failed.
   * @default - Kubernetes default 1s
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures after which the container counts as not ready (readiness) or is restarted (liveness).
   * @default - Kubernetes default 3
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive successes after a failure for the container to count as ready again. Kubernetes
   * requires 1 for liveness probes.
   * @default - Kubernetes default 1
   */
  readonly successThreshold?: number;
}

/** A probe that connects to a port. */
export interface FunctionTcpProbeOptions extends FunctionProbeOptions {
  /**
   * Port to connect to (1-65535).
   * @default - the function's port
   */
  readonly port?: number;
}

/** A probe that sends an HTTP GET. */
export interface FunctionHttpProbeOptions extends FunctionProbeOptions {
  /**
   * Port the GET is sent to (1-65535).
   * @default - the function's port
   */
  readonly port?: number;
}

/**
 * A readiness or liveness probe of a `RemoteFunction` container. A value of this library rather than a
 * cdk8s-plus `Probe`, so an app on any cdk8s-plus line (27 to 34) can pass it: `Probe` classes of two
 * lines are distinct TypeScript types (their private members make them nominal).
 */
export class FunctionProbe {
  /** Probes with an HTTP GET of `path`; any status 200-399 counts as success. */
  public static httpGet(path: string, options: FunctionHttpProbeOptions = {}): FunctionProbe {
    checkArgs('FunctionProbe.httpGet', path, options);
    return new FunctionProbe('http-get', options, path, options.port);
  }

  /** Probes by opening a TCP connection. */
  public static tcpSocket(options: FunctionTcpProbeOptions = {}): FunctionProbe {
    checkArgs('FunctionProbe.tcpSocket', options);
    return new FunctionProbe('tcp-socket', options, undefined, options.port);
  }

  /** Probes by running a command in the container; exit status 0 counts as success. */
  public static command(command: string[], options: FunctionProbeOptions = {}): FunctionProbe {
    checkArgs('FunctionProbe.command', command, options);
    return new FunctionProbe('command', options, undefined, undefined, command);
  }

  private constructor(
    /** `http-get`, `tcp-socket` or `command`. */
    public readonly type: string,
    /** The timing options. */
    public readonly options: FunctionProbeOptions,
    /** The HTTP path of an `http-get` probe. */
    public readonly path?: string,
    /** The port, if set (otherwise the function's port). */
    public readonly port?: number,
    /** The program and arguments of a `command` probe. */
    public readonly execCommand?: string[],
  ) {}

  /** The cdk8s-plus probe the Deployment is built with. @internal */
  public _toPlus(defaultPort: number): kplus.Probe {
    const o = this.options;
    const timing = {
      initialDelaySeconds: o.initialDelay,
      periodSeconds: o.period,
      timeoutSeconds: o.timeout,
      failureThreshold: o.failureThreshold,
      successThreshold: o.successThreshold,
    };
    if (this.type === 'http-get') return kplus.Probe.fromHttpGet(this.path!, { ...timing, port: this.port ?? defaultPort });
    if (this.type === 'tcp-socket') return kplus.Probe.fromTcpSocket({ ...timing, port: this.port ?? defaultPort });
    return kplus.Probe.fromCommand(this.execCommand!, timing);
  }

  /** Problems Kubernetes (or the probe itself) would reject. @internal */
  public _problems(field: string, liveness: boolean): Problem[] {
    const problems: Problem[] = [];
    const o = this.options ?? {};
    const seconds = (name: string, d: Duration | undefined, min: number) => {
      if (d === undefined) return;
      const ms = typeof d?.toMilliseconds === 'function' ? d.toMilliseconds() : NaN;
      if (!Number.isFinite(ms) || ms % 1000 !== 0 || ms / 1000 < min) {
        problems.push({ field: `${field}.${name}`, value: Number.isFinite(ms) ? `${ms}ms` : String(d), why: `Kubernetes takes whole seconds, at least ${min}`, fix: `use e.g. Duration.seconds(${Math.max(min, 5)})` });
      }
    };
    seconds('initialDelay', o.initialDelay, 0);
    seconds('period', o.period, 1);
    seconds('timeout', o.timeout, 1);
    for (const name of ['failureThreshold', 'successThreshold'] as const) {
      const v = o[name];
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) problems.push({ field: `${field}.${name}`, value: v, why: 'a threshold is a whole number of probes, at least 1', fix: 'use e.g. 3' });
    }
    if (liveness && o.successThreshold !== undefined && o.successThreshold !== 1) {
      problems.push({ field: `${field}.successThreshold`, value: o.successThreshold, why: 'Kubernetes requires successThreshold 1 for liveness probes and rejects the Deployment otherwise', fix: 'omit it (or use 1)' });
    }
    if (this.port !== undefined && (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535)) {
      problems.push({ field: `${field}.port`, value: this.port, why: 'ports are 1-65535', fix: "omit it to probe the function's port" });
    }
    if (this.type === 'http-get' && (typeof this.path !== 'string' || !this.path.startsWith('/'))) {
      problems.push({ field: `${field}.path`, value: this.path, why: "an HTTP probe path starts with '/'", fix: "write e.g. '/health'" });
    }
    const argv = this.execCommand;
    if (this.type === 'command' && (!Array.isArray(argv) || argv.length === 0 || argv.some((c) => typeof c !== 'string' || c === ''))) {
      problems.push({ field: `${field}.command`, value: argv, why: 'a command probe runs a program: the list needs the program and its arguments, none empty', fix: "write e.g. ['cat', '/tmp/ready']" });
    }
    return problems;
  }
}
