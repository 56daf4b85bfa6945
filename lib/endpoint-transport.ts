import { Duration, Size } from 'cdk8s';
import { Problem } from './errors';
import { bytes, millis, renderDuration } from './units';

/** StateFun's transport type names. @internal */
export const ASYNC_TRANSPORT = 'io.statefun.transports.v1/async';
/** @internal */
export const OKHTTP_TRANSPORT = 'io.statefun.transports.v1/okhttp';

/** Options of the asynchronous (Netty) transport, StateFun's default HTTP client. */
export interface AsyncTransportOptions {
  /**
   * Total time for one invocation batch, including retries.
   * @default Duration.minutes(1)
   */
  readonly callTimeout?: Duration;
  /**
   * Time to establish a connection.
   * @default Duration.seconds(10)
   */
  readonly connectTimeout?: Duration;
  /**
   * How long an idle pooled connection is kept; zero disables pooling.
   * @default - runtime default (15s)
   */
  readonly poolTtl?: Duration;
  /**
   * Maximum pooled connections per TaskManager.
   * @default - runtime default (1024)
   */
  readonly poolSize?: number;
  /**
   * Largest response payload accepted.
   * @default - runtime default (32 MiB)
   */
  readonly payloadMaxSize?: Size;
  /**
   * Trust store for HTTPS endpoints: a PEM file path in the Flink pods, or `classpath:<resource>`.
   * @default - the JRE trust store
   */
  readonly trustCaCerts?: string;
  /**
   * Client certificate (PEM path in the Flink pods) for mutual TLS; requires `clientKey`.
   * @default - no client certificate
   */
  readonly clientCert?: string;
  /**
   * Client private key (PKCS#8 PEM path in the Flink pods) for mutual TLS; requires `clientCert`.
   * @default - no client key
   */
  readonly clientKey?: string;
  /**
   * Path of a file holding the client key's password.
   * @default - the key is not encrypted
   */
  readonly clientKeyPasswordFile?: string;
}

/** Options of the blocking OkHttp transport. Every timeout must be at most the call timeout. */
export interface OkHttpTransportOptions {
  /**
   * Total time for one request.
   * @default Duration.minutes(1)
   */
  readonly callTimeout?: Duration;
  /**
   * Time to establish a connection.
   * @default Duration.seconds(10)
   */
  readonly connectTimeout?: Duration;
  /**
   * Socket read timeout.
   * @default Duration.seconds(10)
   */
  readonly readTimeout?: Duration;
  /**
   * Socket write timeout.
   * @default Duration.seconds(10)
   */
  readonly writeTimeout?: Duration;
}

/**
 * The HTTP client StateFun uses to call an endpoint. Always rendered with an explicit `type` and
 * one `timeouts` block, so flat and nested timeout forms are never mixed.
 */
export class EndpointTransport {
  /** The asynchronous Netty client (StateFun's default). */
  public static async(options: AsyncTransportOptions = {}): EndpointTransport {
    return new EndpointTransport(ASYNC_TRANSPORT, options, undefined);
  }

  /** The blocking OkHttp client. */
  public static okhttp(options: OkHttpTransportOptions = {}): EndpointTransport {
    return new EndpointTransport(OKHTTP_TRANSPORT, undefined, options);
  }

  private constructor(
    /** The transport type name. */
    public readonly type: string,
    private readonly asyncOptions: AsyncTransportOptions | undefined,
    private readonly okhttpOptions: OkHttpTransportOptions | undefined,
  ) {}

  /** The async options, when this is the async transport. @internal */
  public get _async(): AsyncTransportOptions | undefined {
    return this.asyncOptions;
  }

  /** The OkHttp options, when this is the OkHttp transport. @internal */
  public get _okhttp(): OkHttpTransportOptions | undefined {
    return this.okhttpOptions;
  }

  /** @internal */
  public _render(): Record<string, unknown> {
    if (this.okhttpOptions) {
      const o = this.okhttpOptions;
      return {
        type: this.type,
        timeouts: {
          call: renderDuration(o.callTimeout ?? Duration.minutes(1)),
          connect: renderDuration(o.connectTimeout ?? Duration.seconds(10)),
          read: renderDuration(o.readTimeout ?? Duration.seconds(10)),
          write: renderDuration(o.writeTimeout ?? Duration.seconds(10)),
        },
      };
    }
    const o = this.asyncOptions ?? {};
    const out: Record<string, unknown> = {
      type: this.type,
      timeouts: {
        call: renderDuration(o.callTimeout ?? Duration.minutes(1)),
        connect: renderDuration(o.connectTimeout ?? Duration.seconds(10)),
      },
    };
    if (o.poolTtl) out.pool_ttl = renderDuration(o.poolTtl);
    if (o.poolSize !== undefined) out.pool_size = o.poolSize;
    if (o.payloadMaxSize) out.payload_max_bytes = bytes(o.payloadMaxSize);
    if (o.trustCaCerts !== undefined) out.trust_cacerts = o.trustCaCerts;
    if (o.clientCert !== undefined) out.client_cert = o.clientCert;
    if (o.clientKey !== undefined) out.client_key = o.clientKey;
    if (o.clientKeyPasswordFile !== undefined) out.client_key_password = o.clientKeyPasswordFile;
    return out;
  }

  /** The call timeout in effect. @internal */
  public _callTimeout(): Duration {
    return (this.okhttpOptions?.callTimeout ?? this.asyncOptions?.callTimeout) ?? Duration.minutes(1);
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    const positive = (name: string, d: Duration | undefined, allowZero = false) => {
      if (d === undefined) return;
      const ms = millis(d);
      if (!Number.isInteger(ms) || ms < 0 || (!allowZero && ms === 0)) {
        problems.push({ field: `${field}.${name}`, value: d, why: allowZero ? 'must be a whole number of milliseconds, zero or more' : 'StateFun rejects zero and fractional-millisecond timeouts', fix: 'use a positive duration such as Duration.seconds(10)' });
      }
    };
    if (this.okhttpOptions) {
      const o = this.okhttpOptions;
      const call = o.callTimeout ?? Duration.minutes(1);
      positive('callTimeout', o.callTimeout);
      for (const [name, d, def] of [['connectTimeout', o.connectTimeout, 10_000], ['readTimeout', o.readTimeout, 10_000], ['writeTimeout', o.writeTimeout, 10_000]] as Array<[string, Duration | undefined, number]>) {
        positive(name, d);
        const ms = d ? millis(d) : def;
        if (ms > millis(call)) {
          problems.push({ field: `${field}.${name}`, value: d ?? Duration.millis(def), why: `the OkHttp transport refuses a ${name.replace('Timeout', '')} timeout larger than the call timeout (${renderDuration(call)})`, fix: `lower ${name} or raise callTimeout to at least ${renderDuration(Duration.millis(ms))}` });
        }
      }
      return problems;
    }
    const o = this.asyncOptions ?? {};
    positive('callTimeout', o.callTimeout);
    positive('connectTimeout', o.connectTimeout);
    positive('poolTtl', o.poolTtl, true);
    if (o.poolSize !== undefined && (!Number.isInteger(o.poolSize) || o.poolSize < 1)) {
      problems.push({ field: `${field}.poolSize`, value: o.poolSize, why: 'the connection pool needs at least one connection', fix: 'use a whole number ≥ 1 (runtime default 1024)' });
    }
    if (o.payloadMaxSize && bytes(o.payloadMaxSize) < 1) {
      problems.push({ field: `${field}.payloadMaxSize`, value: `${bytes(o.payloadMaxSize)} bytes`, why: 'no response would fit', fix: 'use at least Size.kibibytes(1) (runtime default 32 MiB)' });
    }
    if ((o.clientCert === undefined) !== (o.clientKey === undefined)) {
      problems.push({ field: `${field}.${o.clientCert === undefined ? 'clientCert' : 'clientKey'}`, value: undefined, why: 'mutual TLS needs both the client certificate and its key', fix: 'set both clientCert and clientKey, or neither' });
    }
    if (o.clientKeyPasswordFile !== undefined && o.clientKey === undefined) {
      problems.push({ field: `${field}.clientKeyPasswordFile`, value: o.clientKeyPasswordFile, why: 'a key password without a client key is never read', fix: 'set clientKey (and clientCert) or drop clientKeyPasswordFile' });
    }
    for (const [name, v] of [['trustCaCerts', o.trustCaCerts], ['clientCert', o.clientCert], ['clientKey', o.clientKey], ['clientKeyPasswordFile', o.clientKeyPasswordFile]] as Array<[string, string | undefined]>) {
      if (v !== undefined && !(v.startsWith('/') || v.startsWith('classpath:') || v.startsWith('file:'))) {
        problems.push({ field: `${field}.${name}`, value: v, why: 'the file is read inside the Flink pods, so it must be an absolute path (or classpath: resource)', fix: "mount the file into the Flink pods and give its absolute path, e.g. '/opt/statefun/tls/ca.pem'" });
      }
    }
    return problems;
  }
}
