import { Problem } from './errors';
import { checkArgs } from './guard-schemas';

const TYPE_NAME = /^[^/\s]+\/[^/\s]+$/;

/**
 * Problems with a StateFun TypeName (`<namespace>/<name>`): exactly one `/`, both sides non-empty,
 * the rule of `TypeName.parseFrom`. Used for ingress/egress ids, targets and value types.
 * @internal
 */
export function typeNameProblems(field: string, value: string, what: string): Problem[] {
  if (typeof value !== 'string' || !TYPE_NAME.test(value)) {
    return [{ field, value, why: `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} must be a TypeName <namespace>/<name> with exactly one '/' and no spaces`, fix: `write it as e.g. 'example/${what.replace(/\s+/g, '-')}'` }];
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
    checkArgs('FunctionType.of', typeName);
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
 * The type of the messages an ingress reads (`valueType`), `<namespace>/<name>`, as the remote functions
 * expect it. The runtime passes it through verbatim as the message's type URL, so it must match exactly
 * what the function's SDK declares (`ValueType.STRING` for the SDKs' built-in string type).
 */
export class ValueType {
  /** The SDKs' built-in boolean, `io.statefun.types/bool`. */
  public static readonly BOOL = new ValueType('io.statefun.types/bool');
  /** The SDKs' built-in 32-bit integer, `io.statefun.types/int`. */
  public static readonly INT = new ValueType('io.statefun.types/int');
  /** The SDKs' built-in 64-bit integer, `io.statefun.types/long`. */
  public static readonly LONG = new ValueType('io.statefun.types/long');
  /** The SDKs' built-in 32-bit float, `io.statefun.types/float`. */
  public static readonly FLOAT = new ValueType('io.statefun.types/float');
  /** The SDKs' built-in 64-bit float, `io.statefun.types/double`. */
  public static readonly DOUBLE = new ValueType('io.statefun.types/double');
  /** The SDKs' built-in UTF-8 string, `io.statefun.types/string`. */
  public static readonly STRING = new ValueType('io.statefun.types/string');

  /** A value type from its TypeName string, e.g. `ValueType.of('example/Order')`; checked when a construct uses it. */
  public static of(typeName: string): ValueType {
    checkArgs('ValueType.of', typeName);
    return new ValueType(typeName);
  }

  private constructor(
    /** `<namespace>/<name>`. */
    public readonly typeName: string,
  ) {}

  /** `<namespace>/<name>`. */
  public toString(): string {
    return this.typeName;
  }
}

/** Problems with a `valueType` prop: a ValueType object holding a valid TypeName. @internal */
export function valueTypeProblems(field: string, value: ValueType): Problem[] {
  if (!(value instanceof ValueType)) {
    return [{ field, value: typeof value === 'string' ? value : String(value), why: 'value types are ValueType objects, so the TypeName is checked in one place', fix: typeof value === 'string' ? `write ValueType.of('${value}')` : "write ValueType.of('<namespace>/<name>') or a built-in such as ValueType.STRING" }];
  }
  return typeNameProblems(field, value.typeName, 'value type');
}

/** Problems with a list of routing targets: FunctionType objects naming concrete types. @internal */
export function targetProblems(field: string, targets: FunctionType[] | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(targets) || targets.length === 0) {
    problems.push({ field, value: Array.isArray(targets) ? [] : targets, why: 'records without targets are read and dropped', fix: "route to at least one function, e.g. targets: [handler.functionType('greeter')]" });
    return problems;
  }
  targets.forEach((target, j) => {
    if (!(target instanceof FunctionType)) {
      problems.push({ field: `${field}[${j}]`, value: typeof target === 'string' ? target : String(target), why: 'targets are function types, not strings', fix: "use remoteFunction.functionType('name') or FunctionType.of('ns/name')" });
    } else {
      problems.push(...typeNameProblems(`${field}[${j}]`, target.typeName, 'function type'));
    }
  });
  const names = targets.filter((t) => t instanceof FunctionType).map((t) => t.typeName);
  names.forEach((n, j) => {
    if (names.indexOf(n) !== j) problems.push({ field: `${field}[${j}]`, value: n, why: 'the same target is listed twice, so every record is delivered to it twice', fix: 'list each function type once' });
  });
  return problems;
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
