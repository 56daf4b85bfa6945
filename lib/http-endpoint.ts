import { Construct } from 'constructs';
import { EndpointTransport } from './endpoint-transport';
import { Problem, throwProblems } from './errors';
import { Endpoint, ModuleComponentProps } from './module-component';
import { functionPatternProblems } from './type-name';

/** The component kind of HTTP endpoints. @internal */
export const HTTP_ENDPOINT_KIND = 'io.statefun.endpoints.v2/http';

/** Props of an `HttpEndpoint`. */
export interface HttpEndpointProps extends ModuleComponentProps {
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

  constructor(scope: Construct, id: string, props: HttpEndpointProps) {
    super(scope, id, props);
    this.functionsPattern = props.functions;
    this.url = props.url;
    this.transport = props.transport ?? EndpointTransport.async();
    this.maxNumBatchRequests = props.maxNumBatchRequests;
    const problems: Problem[] = [...functionPatternProblems('functions', props.functions), ...urlProblems('url', props.url)];
    if (props.maxNumBatchRequests !== undefined && (!Number.isInteger(props.maxNumBatchRequests) || props.maxNumBatchRequests < 1)) {
      problems.push({ field: 'maxNumBatchRequests', value: props.maxNumBatchRequests, why: 'at least one request must be allowed per address', fix: 'use a whole number ≥ 1 (runtime default 1000)' });
    }
    problems.push(...this.transport._problems('transport'));
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
    return [...super._problems(), ...this.app._endpointOverlapProblems(this)];
  }
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
  return [];
}
