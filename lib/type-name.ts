import { Problem } from './errors';

const TYPE_NAME = /^[^/\s]+\/[^/\s]+$/;

/**
 * Problems with a StateFun TypeName (`<namespace>/<name>`): exactly one `/`, both sides non-empty,
 * the rule of `TypeName.parseFrom`. Used for ingress/egress ids, targets and value types.
 * @internal
 */
export function typeNameProblems(field: string, value: string, what: string): Problem[] {
  if (typeof value !== 'string' || !TYPE_NAME.test(value)) {
    return [{ field, value, why: `a ${what} must be a TypeName <namespace>/<name> with exactly one '/' and no spaces`, fix: `write it as e.g. 'example/${what.replace(/\s+/g, '-')}'` }];
  }
  if (value.includes('*')) {
    return [{ field, value, why: `a ${what} names one concrete type; '*' is only valid in an endpoint's functions pattern`, fix: 'name the type without wildcards, e.g. \'example/greeter\'' }];
  }
  return [];
}

/**
 * A function type, `<namespace>/<name>`, as ingresses route to it and endpoints serve it.
 *
 * Get one from the function that serves it, `remoteFunction.functionType('greeter')`, so routing is
 * checked against what is actually deployed; `FunctionType.of('ns/name')` names a type served by an
 * endpoint declared elsewhere (an `HttpEndpoint`).
 */
export class FunctionType {
  /** A function type from its TypeName string, checked when a construct uses it. */
  public static of(typeName: string): FunctionType {
    const slash = typeName.indexOf('/');
    return new FunctionType(typeName, slash < 0 ? typeName : typeName.slice(0, slash), slash < 0 ? '' : typeName.slice(slash + 1));
  }

  private constructor(
    /** `<namespace>/<name>`. */
    public readonly typeName: string,
    /** The namespace part. */
    public readonly namespace: string,
    /** The name part. */
    public readonly name: string,
  ) {}

  /** `<namespace>/<name>`. */
  public toString(): string {
    return this.typeName;
  }
}

/**
 * Problems with an endpoint `functions` pattern: `<namespace>/<name>` or `<namespace>/*`; the
 * namespace has no `*`, the name is `*` or has none (StateFun's TargetFunctions rule).
 * @internal
 */
export function functionPatternProblems(field: string, value: string): Problem[] {
  const fix = "write '<namespace>/<name>' for one function or '<namespace>/*' for every function of a namespace, e.g. 'example/*'";
  if (typeof value !== 'string' || !TYPE_NAME.test(value)) {
    return [{ field, value, why: 'an endpoint serves <namespace>/<name> or <namespace>/* (one pattern per endpoint, no lists)', fix }];
  }
  const [ns, name] = value.split('/');
  if (ns.includes('*') || (name !== '*' && name.includes('*'))) {
    return [{ field, value, why: "only <namespace>/<name> or <namespace>/* are supported: '*' may only be the whole name", fix }];
  }
  return [];
}

/** Whether an endpoint pattern serves a function type. @internal */
export function patternServes(pattern: string, type: string): boolean {
  const [ns, name] = pattern.split('/');
  const [tns, tname] = type.split('/');
  return ns === tns && (name === '*' || name === tname);
}

/** Whether two endpoint patterns can both serve one function type. @internal */
export function patternsOverlap(a: string, b: string): boolean {
  const [ans, aname] = a.split('/');
  const [bns, bname] = b.split('/');
  return ans === bns && (aname === '*' || bname === '*' || aname === bname);
}
