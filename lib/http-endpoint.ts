import { Construct } from 'constructs';
import { urlCredentialProblems } from './credential-props';
import { missingServiceProblems } from './endpoint-service-check';
import { EndpointTransport, JAVA_INT_MAX, readEndpointTransport, readLegacyV1Transport } from './endpoint-transport';
import { Problem, throwProblems } from './errors';
import { checkProps } from './guard-schemas';
import { Endpoint, ModuleComponentProps } from './module-component';
import { SpecReader } from './module-spec-reader';
import { PodFile } from './pod-files';
import { functionPatternProblems } from './type-name';
import { urlHostProblems } from './value-rules';

/** The component kind of HTTP endpoints. @internal */
export const HTTP_ENDPOINT_KIND = 'io.statefun.endpoints.v2/http';
/** The legacy endpoint kind (always OkHttp), read on import only. @internal */
export const HTTP_ENDPOINT_V1_KIND = 'io.statefun.endpoints.v1/http';

/** What an `HttpEndpoint` is: everything but the app (also what `ModuleImport` reads from module.yaml). */
export interface HttpEndpointOptions {
  /** Functions served: `<namespace>/<name>` or `<namespace>/*`. */
  readonly functions: string;
  /**
   * URL template StateFun posts invocations to: `http://`, `https://`, `http+unix://` or `https+unix://`.
   * `{function.name}` is replaced by the invoked function type's name.
   */
  readonly url: string;
  /**
   * Records buffered per address before backpressure.
   * @default - runtime default (1000)
   */
  readonly maxNumBatchRequests?: number;
  /**
   * The HTTP client.
   * @default EndpointTransport.async()
   */
  readonly transport?: EndpointTransport;
}

/** Props of an `HttpEndpoint`. */
export interface HttpEndpointProps extends HttpEndpointOptions, ModuleComponentProps {
  /**
   * The URL's Service is deployed outside this cdk8s app (another pipeline, a Helm chart). Without it,
   * a URL whose host is a cluster-local Service name (`svc`, `svc.ns`, `svc.ns.svc`,
   * `svc.ns.svc.cluster.local`) in a namespace this app renders must name a Service the app renders on
   * that port; otherwise synth fails with the Services that do exist on that port.
   * @default false
   */
  readonly servedOutsideApp?: boolean;
}

/**
 * An `io.statefun.endpoints.v2/http` endpoint at a URL you give, for functions served outside this
 * app (behind a load balancer, another cluster). Functions deployed with `RemoteFunction` register
 * their endpoint themselves with a URL derived from their Service.
 */
export class HttpEndpoint extends Endpoint {
  /** The functions pattern. */
  public readonly functionsPattern: string;
  /** The URL template. */
  public readonly url: string;
  /** The transport. */
  public readonly transport: EndpointTransport;
  private readonly maxNumBatchRequests?: number;
  private readonly servedOutsideApp: boolean;
  /** Set by RemoteFunction, whose own Service serves the URL it derived. @internal */
  public _servedByFunction = false;

  constructor(scope: Construct, id: string, props: HttpEndpointProps) {
    super(scope, id, checkProps(scope, id, 'HttpEndpointProps', props));
    this.functionsPattern = props.functions;
    this.url = props.url;
    this.transport = props.transport ?? EndpointTransport.async();
    this.maxNumBatchRequests = props.maxNumBatchRequests;
    this.servedOutsideApp = props.servedOutsideApp ?? false;
    const problems = httpEndpointProblems(props);
    if (typeof this.servedOutsideApp !== 'boolean') problems.push({ field: 'servedOutsideApp', value: props.servedOutsideApp, why: 'a boolean', fix: 'write true or false' });
    throwProblems(this.node.path, problems);
    this._register();
  }

  /** The component kind. */
  public get kind(): string {
    return HTTP_ENDPOINT_KIND;
  }

  /** The functions pattern served. */
  public get functions(): string {
    return this.functionsPattern;
  }

  /** @internal */
  public _renderSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = { functions: this.functionsPattern, urlPathTemplate: this.url };
    if (this.maxNumBatchRequests !== undefined) spec.maxNumBatchRequests = this.maxNumBatchRequests;
    spec.transport = this.transport._render();
    return spec;
  }

  /** @internal */
  public _problems(): Problem[] {
    const service = this.servedOutsideApp || this._servedByFunction ? [] : missingServiceProblems(this, 'url', this.url, this.app.namespace);
    return [...super._problems(), ...this.app._endpointOverlapProblems(this), ...service];
  }

  /** Files the transport makes the Flink pods read (mounted by the app). @internal */
  public _podFiles(): Array<{ field: string; file: PodFile }> {
    return this.transport instanceof EndpointTransport ? this.transport._files('transport') : [];
  }
}

/** Problems with an endpoint's own fields. @internal */
export function httpEndpointProblems(options: HttpEndpointOptions): Problem[] {
  const problems: Problem[] = [...functionPatternProblems('functions', options.functions), ...urlProblems('url', options.url)];
  const max = options.maxNumBatchRequests;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > JAVA_INT_MAX)) {
    problems.push({ field: 'maxNumBatchRequests', value: max, why: 'at least one request must be allowed per address (a Java int)', fix: 'use a whole number ≥ 1 (runtime default 1000)' });
  }
  const transport = options.transport ?? EndpointTransport.async();
  if (!(transport instanceof EndpointTransport)) {
    problems.push({ field: 'transport', value: String(transport), why: 'not an EndpointTransport', fix: 'use EndpointTransport.async({...}) or EndpointTransport.okhttp({...})' });
    return problems;
  }
  problems.push(...transport._problems('transport'));
  if (transport._usesTls && typeof options.url === 'string' && /^http(\+unix)?:/.test(options.url)) {
    problems.push({ field: 'transport', value: options.url, why: 'TLS settings (trust store, client certificate) apply to https URLs only; with http they are never used', fix: 'use an https:// URL, or remove trustCaCerts/clientCert/clientKey' });
  }
  return problems;
}

/**
 * Reads an `io.statefun.endpoints.v2/http` spec, or a legacy `v1` one (OkHttp with `timeouts` under
 * `spec`), into endpoint options.
 * @internal
 */
export function readHttpEndpointSpec(r: SpecReader, legacyV1: boolean): HttpEndpointOptions {
  const options: HttpEndpointOptions = {
    functions: r.string('functions', { fix: "write functions: <namespace>/* or <namespace>/<name>, e.g. 'example/*'" })!,
    url: r.string('urlPathTemplate', { fix: 'write urlPathTemplate: https://functions.example.com/statefun' })!,
    maxNumBatchRequests: r.int('maxNumBatchRequests'),
    transport: legacyV1 ? readLegacyV1Transport(r.object('timeouts')) : readEndpointTransport(r.object('transport')),
  };
  r.finish({
    url: { why: 'the URL field is urlPathTemplate; url is ignored', fix: 'rename it to urlPathTemplate' },
    ...(legacyV1
      ? { transport: { why: 'the v1 endpoint is always OkHttp and ignores transport', fix: `use kind ${HTTP_ENDPOINT_KIND} to choose a transport` } }
      : { timeouts: { why: 'v2 endpoints read timeouts inside transport; spec.timeouts is ignored', fix: 'move it to transport.timeouts (with transport.type: io.statefun.transports.v1/async or okhttp)' } }),
  });
  return options;
}

/** Problems with an endpoint URL template. @internal */
export function urlProblems(field: string, url: string): Problem[] {
  const fix = "use an absolute URL such as 'https://functions.example.com/statefun' (placeholder {function.name} allowed in the path)";
  if (typeof url !== 'string' || !/^(https?|https?\+unix):\/\/[^\s]+$/.test(url)) {
    return [{ field, value: url, why: 'StateFun calls endpoints over http, https, http+unix or https+unix', fix }];
  }
  const withoutPlaceholder = url.split('{function.name}').join('x');
  if (/[{}]/.test(withoutPlaceholder)) {
    return [{ field, value: url, why: 'the only placeholder StateFun substitutes is {function.name}; any other braces are sent literally', fix: 'remove the other placeholders; the namespace cannot be templated' }];
  }
  if (!/^https?\+unix:/.test(url)) {
    try {
      new URL(withoutPlaceholder);
    } catch {
      return [{ field, value: url, why: 'not a parsable URL', fix }];
    }
  }
  return [...urlHostProblems(field, url, fix), ...urlCredentialProblems(field, url)];
}
