import { Duration, Size } from 'cdk8s';
import { Problem } from './errors';
import { checkArgs } from './guard-schemas';
import { kindOf } from './guards';
import { durationExpression, durationProblems, wholeMillis } from './module-duration';
import { KnownMistake, SpecReader } from './module-spec-reader';
import { CONFIGMAP_FILES_ROOT, notPodFileProblem, PodFile, SECRET_FILES_ROOT } from './pod-files';
import { bytes, renderDuration } from './units';

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
   * Trust store for HTTPS endpoints (PEM CA certificates), e.g. `PodFile.fromSecret(secret, 'ca.crt')`: the
   * library mounts the Secret in both Flink pods and writes the path.
   * @default - the JRE trust store
   */
  readonly trustCaCerts?: PodFile;
  /**
   * Client certificate (PEM) for mutual TLS; requires `clientKey`.
   * @default - no client certificate
   */
  readonly clientCert?: PodFile;
  /**
   * Client private key (PKCS#8 PEM) for mutual TLS; requires `clientCert`.
   * @default - no client key
   */
  readonly clientKey?: PodFile;
  /**
   * File holding the client key's password. The runtime reads the whole file as the password, trailing
   * newline included (`kzmlabs/flink-statefun` `NettyClient.getSslContext`: `IOUtils.toString`), so create
   * the Secret key without one (`kubectl create secret generic … --from-literal`, or `printf` not `echo`).
   * @default - the key is not encrypted
   */
  readonly clientKeyPasswordFile?: PodFile;
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
    checkArgs('EndpointTransport.async', options);
    return new EndpointTransport(ASYNC_TRANSPORT, options, undefined);
  }

  /** The blocking OkHttp client. */
  public static okhttp(options: OkHttpTransportOptions = {}): EndpointTransport {
    checkArgs('EndpointTransport.okhttp', options);
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
    if (o.trustCaCerts !== undefined) out.trust_cacerts = o.trustCaCerts.path;
    if (o.clientCert !== undefined) out.client_cert = o.clientCert.path;
    if (o.clientKey !== undefined) out.client_key = o.clientKey.path;
    if (o.clientKeyPasswordFile !== undefined) out.client_key_password = o.clientKeyPasswordFile.path;
    return out;
  }

  /** The call timeout in effect. @internal */
  public _callTimeout(): Duration {
    return (this.okhttpOptions?.callTimeout ?? this.asyncOptions?.callTimeout) ?? Duration.minutes(1);
  }

  /** Whether TLS settings (trust store, client certificate) are set. @internal */
  public get _usesTls(): boolean {
    const o = this.asyncOptions ?? {};
    return o.trustCaCerts !== undefined || o.clientCert !== undefined || o.clientKey !== undefined || o.clientKeyPasswordFile !== undefined;
  }

  /** The files the Flink pods must provide (TLS material and key password), with their prop paths. @internal */
  public _files(field: string): Array<{ field: string; file: PodFile }> {
    const o = this.asyncOptions ?? {};
    return TLS_FILE_PROPS.filter((name) => o[name] instanceof PodFile).map((name) => ({ field: `${field}.${name}`, file: o[name] as PodFile }));
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    const timeout = (name: string, d: Duration | undefined, allowZero = false) =>
      problems.push(...durationProblems(`${field}.${name}`, d, { allowZero, example: allowZero ? 'Duration.seconds(15) (zero disables)' : 'Duration.seconds(10)' }));
    if (this.okhttpOptions) {
      const o = this.okhttpOptions;
      timeout('callTimeout', o.callTimeout);
      const call = wholeMillis(o.callTimeout ?? Duration.minutes(1));
      for (const [name, d] of [['connectTimeout', o.connectTimeout], ['readTimeout', o.readTimeout], ['writeTimeout', o.writeTimeout]] as Array<[string, Duration | undefined]>) {
        timeout(name, d);
        const effective = d ?? Duration.seconds(10);
        const ms = wholeMillis(effective);
        if (Number.isInteger(call) && Number.isInteger(ms) && ms > call) {
          problems.push({ field: `${field}.${name}`, value: effective, why: `the OkHttp transport refuses a ${name.replace('Timeout', '')} timeout larger than the call timeout (${renderDuration(Duration.millis(call))}): "timeout cannot be larger than request timeout"`, fix: `lower ${name} or raise callTimeout to at least ${durationExpression(effective)}` });
        }
      }
      return problems;
    }
    const o = this.asyncOptions ?? {};
    timeout('callTimeout', o.callTimeout);
    timeout('connectTimeout', o.connectTimeout);
    timeout('poolTtl', o.poolTtl, true);
    if (o.poolSize !== undefined && (!Number.isInteger(o.poolSize) || o.poolSize < 1 || o.poolSize > JAVA_INT_MAX)) {
      problems.push({ field: `${field}.poolSize`, value: o.poolSize, why: 'the connection pool size is a Java int of at least one connection', fix: 'use a whole number from 1 to 2147483647 (runtime default 1024)' });
    }
    if (o.payloadMaxSize) {
      const b = bytes(o.payloadMaxSize);
      if (!Number.isInteger(b) || b < 1 || b > JAVA_INT_MAX) {
        problems.push({ field: `${field}.payloadMaxSize`, value: `${b} bytes`, why: 'payload_max_bytes is a Java int: at least 1 byte and below 2 GiB', fix: 'use e.g. Size.mebibytes(32) (the runtime default)' });
      }
    }
    if ((o.clientCert === undefined) !== (o.clientKey === undefined)) {
      problems.push({ field: `${field}.${o.clientCert === undefined ? 'clientCert' : 'clientKey'}`, value: undefined, why: 'mutual TLS needs both the client certificate and its key', fix: 'set both clientCert and clientKey, or neither' });
    }
    if (o.clientKeyPasswordFile !== undefined && o.clientKey === undefined) {
      problems.push({ field: `${field}.clientKeyPasswordFile`, value: o.clientKeyPasswordFile, why: 'a key password without a client key is never read', fix: 'set clientKey (and clientCert) or drop clientKeyPasswordFile' });
    }
    for (const name of TLS_FILE_PROPS) {
      const v = o[name];
      if (v === undefined) continue;
      if (!(v instanceof PodFile)) {
        // The one check of these fields' type (EndpointTransport.async leaves them here, so the message names the endpoint).
        problems.push(notPodFileProblem(`${field}.${name}`, v, `the file is read inside the Flink pods and named by reference (a PodFile), not ${kindOf(v)}`, "use PodFile.fromSecret(secret, 'ca.crt') (the library mounts the Secret and writes the path), or PodFile.atPath/classpath"));
      } else {
        problems.push(...v._problems(`${field}.${name}`));
      }
    }
    return problems;
  }
}

/** The async transport's file props. */
const TLS_FILE_PROPS = ['trustCaCerts', 'clientCert', 'clientKey', 'clientKeyPasswordFile'] as const;

/** A file location read from module.yaml: `classpath:<resource>` or a path (checked against the mounts at synth). */
function fileAt(location: string | undefined): PodFile | undefined {
  if (location === undefined) return undefined;
  if (location.startsWith('classpath:')) return PodFile.classpath(location.slice('classpath:'.length));
  // The library's own mount layout reads back as the Secret/ConfigMap key it came from.
  for (const [root, kind] of [[SECRET_FILES_ROOT, 'secret'], [CONFIGMAP_FILES_ROOT, 'configMap']] as const) {
    const m = new RegExp(`^${root}/([^/]+)/([^/]+)$`).exec(location);
    if (m) return PodFile._named(kind, m[1], m[2]);
  }
  return PodFile.atPath(location.startsWith('file://') ? location.slice('file://'.length) : location);
}

/** Largest Java int: the runtime reads pool size, payload limit and batch size as int. @internal */
export const JAVA_INT_MAX = 2_147_483_647;

/**
 * Reads the `transport` of an `io.statefun.endpoints.v2/http` spec into the typed model, keeping
 * the timeouts the runtime would really use: the nested `timeouts` object wins over the flat keys,
 * and each form has its own defaults (nested 1m/10s, flat 2m/20s).
 * @internal
 */
export function readEndpointTransport(r: SpecReader | undefined): EndpointTransport {
  if (!r) return EndpointTransport.async({ callTimeout: Duration.minutes(2), connectTimeout: Duration.seconds(20) });
  const type = r.string('type') ?? ASYNC_TRANSPORT;
  if (type === OKHTTP_TRANSPORT) return readOkHttp(r);
  if (type !== ASYNC_TRANSPORT) {
    r.problem('type', type, `unknown transport; the runtime knows ${ASYNC_TRANSPORT} and ${OKHTTP_TRANSPORT}`, `write type: ${ASYNC_TRANSPORT}`);
  }
  const flatCall = r.duration('call');
  const flatConnect = r.duration('connect');
  const timeouts = r.object('timeouts');
  let callTimeout = flatCall ?? Duration.minutes(2);
  let connectTimeout = flatConnect ?? Duration.seconds(20);
  if (timeouts) {
    for (const key of ['call', 'connect']) {
      if (r.has(key)) r.problem(key, r.node[key], 'ignored: a timeouts object is present, and it wins over the flat keys (with its own defaults for what it omits)', `move the value into timeouts.${key} and remove ${key}`);
    }
    callTimeout = timeouts.duration('call') ?? Duration.minutes(1);
    connectTimeout = timeouts.duration('connect') ?? Duration.seconds(10);
    timeouts.finish(ASYNC_READ_WRITE);
  }
  const payload = r.int('payload_max_bytes');
  const options: AsyncTransportOptions = {
    callTimeout,
    connectTimeout,
    poolTtl: r.duration('pool_ttl'),
    poolSize: r.int('pool_size'),
    payloadMaxSize: payload === undefined ? undefined : Size.kibibytes(payload / 1024),
    trustCaCerts: fileAt(r.string('trust_cacerts')),
    clientCert: fileAt(r.string('client_cert')),
    clientKey: fileAt(r.string('client_key')),
    clientKeyPasswordFile: fileAt(r.string('client_key_password')),
  };
  r.finish({ ...ASYNC_READ_WRITE, ...ASYNC_CAMEL_CASE });
  return EndpointTransport.async(options);
}

/** Reads the OkHttp transport: only its `timeouts` object counts. */
function readOkHttp(r: SpecReader): EndpointTransport {
  // Same timeouts object as the legacy v1 endpoint, one level down.
  const transport = readLegacyV1Transport(r.object('timeouts'));
  const flat: { [key: string]: KnownMistake } = {};
  for (const key of ['call', 'connect', 'read', 'write']) {
    flat[key] = { why: 'the OkHttp transport reads only the timeouts object; a flat key is ignored', fix: `move it to timeouts.${key}` };
  }
  for (const key of ['pool_ttl', 'pool_size', 'payload_max_bytes', 'trust_cacerts', 'client_cert', 'client_key', 'client_key_password']) {
    flat[key] = { why: `${key} is a property of the async transport; the OkHttp transport ignores it`, fix: `remove it, or use type: ${ASYNC_TRANSPORT}` };
  }
  r.finish(flat);
  return transport;
}

const ASYNC_READ_WRITE: { [key: string]: KnownMistake } = {
  read: { why: 'the async transport has no read timeout; it is ignored', fix: `remove it (only ${OKHTTP_TRANSPORT} has read/write timeouts)` },
  write: { why: 'the async transport has no write timeout; it is ignored', fix: `remove it (only ${OKHTTP_TRANSPORT} has read/write timeouts)` },
};

const ASYNC_CAMEL_CASE: { [key: string]: KnownMistake } = {
  poolTtl: { why: 'transport property keys are snake_case; poolTtl is ignored', fix: 'write pool_ttl' },
  poolSize: { why: 'transport property keys are snake_case; poolSize is ignored', fix: 'write pool_size' },
  payloadMaxBytes: { why: 'transport property keys are snake_case; payloadMaxBytes is ignored', fix: 'write payload_max_bytes' },
  trustCacerts: { why: 'transport property keys are snake_case; trustCacerts is ignored', fix: 'write trust_cacerts' },
  clientCert: { why: 'transport property keys are snake_case; clientCert is ignored', fix: 'write client_cert' },
  clientKey: { why: 'transport property keys are snake_case; clientKey is ignored', fix: 'write client_key' },
  clientKeyPassword: { why: 'transport property keys are snake_case; clientKeyPassword is ignored', fix: 'write client_key_password' },
};

/**
 * Reads the timeouts of a legacy `io.statefun.endpoints.v1/http` spec (always OkHttp, `timeouts` directly
 * under `spec`).
 * @internal
 */
export function readLegacyV1Transport(timeouts: SpecReader | undefined): EndpointTransport {
  const options: OkHttpTransportOptions = {
    callTimeout: timeouts?.duration('call'),
    connectTimeout: timeouts?.duration('connect'),
    readTimeout: timeouts?.duration('read'),
    writeTimeout: timeouts?.duration('write'),
  };
  timeouts?.finish();
  return EndpointTransport.okhttp(options);
}
