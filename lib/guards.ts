/**
 * Runtime type guards at the public boundary.
 *
 * TypeScript types are not enforced at run time: JavaScript callers, and the other jsii languages
 * where a value crosses the bridge as a looser type, can hand the library `true` where a
 * `HighAvailability` is expected, a string where a `StateFunImage` is, or a props object with a typo in a
 * key. Every construct constructor, static factory and public method checks what it receives here, at
 * entry, before any other rule reads it, and refuses it with the library's usual message
 * (`[construct/path] field = value: why. Fix: fix`, or `Factory.name: field = value: …` where there is
 * no construct path). Never a `TypeError`, never a silent default.
 *
 * Checkers (`string()`, `integer()`, `duration()`, `instanceOf(...)`, `oneOf(...)`, `struct(...)`,
 * `arrayOf(...)`, `mapOf(...)`) each return the problems of one value; `required(...)` / `optional(...)`
 * wrap a checker as a field of a props schema. The per-props schemas live in `lib/guard-schemas.ts`,
 * typed as `Schema<Props>`, so the compiler refuses a schema that misses or misspells a field.
 *
 * ADDING A PROP: when you add `readonly foo?: Duration;` to a props interface, `tsc` fails on its
 * schema in `lib/guard-schemas.ts` until you add the one line `foo: optional(duration()),` there
 * (`required(...)` for a required prop; nested structs use `struct('FooOptions', () => fooSchema)`).
 * ADDING A CONSTRUCT: a `Schema<FooProps>` in `build().props` of `lib/guard-schemas.ts`, one guard in
 * the `super(...)` call (`super(checkedScope(scope, id, 'FooProps', props), id)` for a `Construct`,
 * `super(scope, id, checkProps(scope, id, 'FooProps', props))` for a module component; both check
 * scope and id too), and a target in `PROPS`/`CONSTRUCTS` of `test/type-guards.test.ts`.
 * ADDING A STATIC FACTORY OR METHOD WITH PARAMETERS: an entry `'Foo.bar': [['param', required(string())]]`
 * in `build().factories`, one `checkArgs('Foo.bar', param)` as its first line, and a `CALLS` entry in
 * the test. The test fails for any exported construct or factory that is not guarded.
 * Value rules (ranges, formats, cross-field rules) stay where they are; the guards only make sure
 * each value has the right runtime type, so those rules never see anything else. Where a rule already
 * explained a wrong type in the domain's words, `explained(...)` keeps that reason; `adjusted(...)` gives
 * the fix for a value of one kind (a path string where a `FunctionProbe` is expected:
 * `FunctionProbe.httpGet('/health')`).
 *
 * Props objects must be plain objects (what jsii delivers for a struct from any language); keys the
 * struct does not have are refused, naming the closest known key, unless their value is undefined.
 * @internal
 */
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { describeProblem, Problem, ProblemError } from './errors';
import { durationExpression, parseFlinkDuration } from './module-duration';
import { closest } from './module-spec-reader';

/** Checks one value; `field` is its path as the user wrote it. Never throws. @internal */
export type Check = (value: unknown, field: string) => Problem[];

/** A field of a props schema: its checker and whether it must be set. @internal */
export interface FieldGuard {
  readonly required: boolean;
  readonly check: Check;
  /** The reason given when a required field is missing (`required (a string)`); for optional fields what it holds. */
  readonly expected: string;
  /** How to set a missing required field. */
  readonly fix: string;
}

/**
 * The guard of every field of a props interface `T` (and no other): the compiler refuses a schema
 * that forgets a field or names one the interface does not have.
 * @internal
 */
export type Schema<T> = { readonly [K in keyof Required<T>]: FieldGuard };

/** A checker with the text used when its field is required but missing. @internal */
export interface Checker extends Check {
  readonly expected: string;
  readonly example: string;
}

function checker(expected: string, example: string, check: Check): Checker {
  return Object.assign(check, { expected, example });
}

/** How a required field's absence is explained, when the domain says more than "required". @internal */
export interface MissingText {
  /** The example in the generic fix `set it, e.g. <example>`. */
  readonly example?: string;
  /** Replaces `required (<expected>)`. */
  readonly why?: string;
  /** Replaces the generic fix. */
  readonly fix?: string;
}

/** A field that must be set. @internal */
export function required(check: Checker, missing: string | MissingText = {}): FieldGuard {
  const m: MissingText = typeof missing === 'string' ? { example: missing } : missing;
  return { required: true, check, expected: m.why ?? `required (${check.expected})`, fix: m.fix ?? `set it, e.g. ${m.example ?? check.example}` };
}

/** A field that may be left out (undefined); any other value is checked. @internal */
export function optional(check: Checker): FieldGuard {
  return { required: false, check, expected: check.expected, fix: '' };
}

/**
 * A checker whose refusal of the value itself gives the domain's reason (and fix) instead of the generic
 * "expected X, got Y", e.g. `explained(cls('ValueType'), 'value types are ValueType objects, …')`.
 * @internal
 */
export function explained(inner: Checker, why: string, fix?: string): Checker {
  return adjusted(inner, () => ({ why, ...(fix === undefined ? {} : { fix }) }));
}

/**
 * A checker whose refusal of the value itself is adjusted for the value at hand: a better fix for a value
 * of one kind (a path string where a `PodFile` is expected: `PodFile.atPath('/etc/ca.pem')`), or the value
 * shown another way. `change` returns the parts to replace, or undefined to keep the problem as it is.
 * @internal
 */
export function adjusted(inner: Checker, change: (value: unknown) => Partial<Pick<Problem, 'value' | 'why' | 'fix'>> | undefined): Checker {
  const check = checker(inner.expected, inner.example, (value, field) => inner(value, field).map((p) => {
    const c = p.field === field ? change(value) : undefined;
    return c ? { ...p, ...c } : p;
  }));
  // Keeps what tests walk (a struct's schema, a list's item) visible through the wrapper.
  const { typeName, schema, item } = inner as any;
  return Object.assign(check, typeName === undefined ? {} : { typeName }, schema === undefined ? {} : { schema }, item === undefined ? {} : { item });
}

/** What a value is, in words, for "got …". */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'function') return 'a function';
  return `a ${typeof value}`;
}

function wrong(field: string, value: unknown, expected: string, fix: string): Problem[] {
  return [{ field, value, why: `expected ${expected}, got ${kindOf(value)}`, fix }];
}

/** A string (any content; the value rules check the content). @internal */
export function string(example = "'my-value'"): Checker {
  return checker('a string', example, (value, field) => {
    if (typeof value === 'string') return [];
    const fix = typeof value === 'number' || typeof value === 'boolean' ? `quote it: '${value}'` : `pass a string, e.g. ${example}`;
    return wrong(field, value, 'a string', fix);
  });
}

/** `true` or `false`. @internal */
export function boolean(): Checker {
  return checker('a boolean', 'true', (value, field) => {
    if (typeof value === 'boolean') return [];
    const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    const fix = text === 'true' || text === 'false' ? `write ${text} without quotes` : 'write true or false';
    return wrong(field, value, 'a boolean (true or false)', fix);
  });
}

/** A finite number (fractions allowed). @internal */
export function number(example = '1'): Checker {
  return checker('a number', example, (value, field) => {
    if (typeof value === 'number' && Number.isFinite(value)) return [];
    return wrong(field, value, 'a finite number', numericFix(value, example));
  });
}

/**
 * A number meant to be whole (a Java int or long on the other side). Only the type is checked here:
 * whole-ness and range are the value rules' business, which explain them in the domain's terms.
 * @internal
 */
export function integer(example = '1'): Checker {
  return checker('a whole number', example, (value, field) => {
    if (typeof value === 'number' && Number.isFinite(value)) return [];
    return wrong(field, value, 'a whole number', numericFix(value, example));
  });
}

function numericFix(value: unknown, example: string): string {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return `write ${Number(value)} without quotes`;
  return `write a number, e.g. ${example}`;
}

/** A value of a string enum: membership in its values, naming the valid members. @internal */
export function oneOf(enumObject: Record<string, string>, enumName: string): Checker {
  const members = Object.keys(enumObject).filter((k) => typeof enumObject[k] === 'string');
  const values = members.map((k) => enumObject[k]);
  const all = members.map((k) => `${enumName}.${k}`);
  const list = all.length <= 2 ? all.join(' or ') : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
  const article = /^[AEIOU]/.test(enumName) ? 'an' : 'a';
  return checker(`${article} ${enumName}`, all[0], (value, field) => {
    if (typeof value === 'string' && values.includes(value)) return [];
    const norm = (s: string) => s.toLowerCase().replace(/[-_.\s]/g, '');
    const near = typeof value === 'string' ? members.find((k) => norm(k) === norm(value) || norm(enumObject[k]) === norm(value)) : undefined;
    return [{
      field,
      value,
      why: `not ${article} ${enumName} value (valid: ${values.map((v) => JSON.stringify(v)).join(', ')})`,
      fix: near ? `write ${enumName}.${near} (${JSON.stringify(enumObject[near])})` : `use ${list}`,
    }];
  });
}

/** How instances of a class are made: its public static factories and static instances. */
function makers(cls: any, className: string): string[] {
  const out: string[] = [];
  for (const name of Object.getOwnPropertyNames(cls)) {
    if (name.startsWith('_') || ['length', 'name', 'prototype'].includes(name)) continue;
    const member = cls[name];
    if (typeof member === 'function') out.push(`${className}.${name}(${member.length > 0 ? '…' : ''})`);
    else if (member instanceof cls) out.push(`${className}.${name}`);
  }
  return out;
}

/**
 * An instance of a library (or cdk8s) class, made by its static factories. `cls` is a thunk so schemas
 * can name classes of modules that import this one. `how` overrides the generated "use X.a(…) or X.b()".
 * @internal
 */
export function instanceOf(cls: () => any, className: string, how?: string): Checker {
  const a = `${/^[AEIOU]/.test(className) ? 'an' : 'a'} ${className}`;
  // Built lazily with the schemas, so the class is loaded by now.
  return checker(a, how ?? makers(cls(), className)[0] ?? a, (value, field) => {
    const c = cls();
    if (value instanceof c) return [];
    const all = makers(c, className);
    let fix = how ?? (all.length === 0 ? `pass ${a}` : `use ${all.length <= 2 ? all.join(' or ') : `one of ${all.join(', ')}`}`);
    if (typeof value === 'string' && typeof c.of === 'function') fix = `write ${className}.of('${value}')`;
    return wrong(field, value, a, fix);
  });
}

/** A cdk8s `Duration`, suggesting the expression for a number or a Flink duration string. @internal */
export function duration(example = 'Duration.seconds(30)'): Checker {
  return checker('a Duration', example, (value, field) => {
    if (value instanceof Duration) return [];
    let fix = `use a cdk8s Duration, e.g. ${example}`;
    if (typeof value === 'number') fix = `a bare number has no unit: write e.g. Duration.millis(${value}) or Duration.seconds(${value})`;
    if (typeof value === 'string') {
      const parsed = parseFlinkDuration(value);
      if (parsed.duration) fix = `write ${durationExpression(parsed.duration)}`;
    }
    return wrong(field, value, 'a cdk8s Duration', fix);
  });
}

const SIZE_UNITS: { [unit: string]: string } = { k: 'kibibytes', ki: 'kibibytes', m: 'mebibytes', mi: 'mebibytes', g: 'gibibytes', gi: 'gibibytes', t: 'tebibytes', ti: 'tebibytes' };

/** A cdk8s `Size`, suggesting the expression for `'2Gi'`/`'512m'`. @internal */
export function size(example = 'Size.mebibytes(512)'): Checker {
  return checker('a Size', example, (value, field) => {
    if (value instanceof Size) return [];
    let fix = `use a cdk8s Size, e.g. ${example}`;
    const m = typeof value === 'string' ? /^\s*(\d+)\s*([kmgt]i?)b?\s*$/i.exec(value) : null;
    if (m) fix = `write Size.${SIZE_UNITS[m[2].toLowerCase()]}(${m[1]})`;
    if (typeof value === 'number') fix = `a bare number has no unit: write e.g. Size.mebibytes(${value})`;
    return wrong(field, value, 'a cdk8s Size', fix);
  });
}

/** A cdk8s-plus `Cpu`, suggesting the expression for `0.5`, `'500m'` or `2`. @internal */
export function cpu(example = 'Cpu.millis(500)'): Checker {
  return checker('a Cpu', example, (value, field) => {
    // By shape, not class: the library accepts the Cpu of every cdk8s-plus line (plus-27 … plus-33).
    if (value instanceof kplus.Cpu || (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as any).amount === 'string')) return [];
    let fix = `use a cdk8s-plus Cpu, e.g. ${example}`;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
    if (text !== undefined && /^\d+m$/.test(text)) fix = `write Cpu.millis(${text.slice(0, -1)})`;
    else if (text !== undefined && /^\d+(\.\d+)?$/.test(text)) fix = Number.isInteger(Number(text)) ? `write Cpu.units(${Number(text)})` : `write Cpu.millis(${Math.round(Number(text) * 1000)})`;
    return wrong(field, value, 'a cdk8s-plus Cpu', fix);
  });
}

/** A valid JavaScript `Date`. @internal */
export function date(): Checker {
  return checker('a Date', "new Date('2026-01-01T00:00:00Z')", (value, field) => {
    if (value instanceof Date) return [];
    const fix = typeof value === 'string' || typeof value === 'number'
      ? `write new Date(${JSON.stringify(value)})`
      : "pass a Date, e.g. new Date('2026-01-01T00:00:00Z')";
    return wrong(field, value, 'a Date', fix);
  });
}

/**
 * An instance of a cdk8s-plus class (`EnvValue`), recognised by class name: every cdk8s-plus line
 * (plus-27 … plus-33) has its own copy of the class, and the library accepts all of them.
 * @internal
 */
export function plusInstance(className: string, how: string): Checker {
  return checker(`a cdk8s-plus ${className}`, how, (value, field) => {
    if (typeof value === 'object' && value !== null && (value as object).constructor?.name === className) return [];
    return wrong(field, value, `a cdk8s-plus ${className}`, how);
  });
}

/** An object implementing a cdk8s/cdk8s-plus interface such as `ISecret`: an object with a string `name`. @internal */
export function named(interfaceName: string, example: string): Checker {
  return checker(`an ${interfaceName}`, example, (value, field) => {
    if (typeof value === 'object' && value !== null && typeof (value as any).name === 'string') return [];
    return wrong(field, value, `an ${interfaceName} (an object with a name)`, `pass one, e.g. ${example}`);
  });
}

/** Any value: the field is checked by the construct's own rules (documented at the use). @internal */
export function anything(expected: string, example: string): Checker {
  return checker(expected, example, () => []);
}

/** A plain object, not a list, null, Date or class instance. @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The problems of a props object against its schema (no prefix: the fields as the user wrote them). @internal */
export function schemaProblems(
  schema: { readonly [field: string]: FieldGuard }, typeName: string, value: unknown, prefix: string, self: string,
): Problem[] {
  if (!isPlainObject(value)) {
    const fields = Object.keys(schema);
    return wrong(self, value, `an object with the fields of ${typeName}`, `pass an object literal { ${fields.slice(0, 3).join(', ')}${fields.length > 3 ? ', …' : ''} }`);
  }
  const problems: Problem[] = [];
  const known = Object.keys(schema);
  for (const key of Object.keys(value)) {
    if (known.includes(key) || value[key] === undefined) continue;
    const near = closest(key, known);
    // A key that is no identifier (empty, spaces) is shown quoted, so the message still reads.
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    problems.push({
      field: plain ? `${prefix}${key}` : `${prefix.replace(/\.$/, '')}[${JSON.stringify(key)}]`,
      value: value[key],
      why: `${typeName} has no field ${plain ? key : JSON.stringify(key)}, so the value would be ignored`,
      fix: near ? `did you mean ${near}?` : `remove it${known.length <= 10 ? ` (the fields are ${known.join(', ')})` : ` (see the ${typeName} documentation)`}`,
    });
  }
  for (const key of known) {
    const guard = schema[key];
    const v = value[key];
    if (v === undefined) {
      if (guard.required) problems.push({ field: `${prefix}${key}`, value: undefined, why: guard.expected, fix: guard.fix });
      continue;
    }
    problems.push(...guard.check(v, `${prefix}${key}`));
  }
  return problems;
}

/** A nested props object (`checkpointing`, `jobManager.rest`, a topic). @internal */
export function struct(typeName: string, schema: () => { readonly [field: string]: FieldGuard }, example = '{ … }'): Checker {
  const check = checker(`a ${typeName} object`, example, (value, field) => schemaProblems(schema(), typeName, value, `${field}.`, field));
  // Kept on the checker so tests can walk nested fields.
  return Object.assign(check, { typeName, schema });
}

/** A list whose items are checked one by one (`field[i]`). @internal */
export function arrayOf(item: Checker, example?: string): Checker {
  return Object.assign(arrayChecker(item, example), { item });
}

function arrayChecker(item: Checker, example?: string): Checker {
  return checker(`a list of ${item.expected.replace(/^an? /, '')}s`, example ?? `[${item.example}]`, (value, field) => {
    if (!Array.isArray(value)) {
      const fix = item(value, field).length === 0 ? `wrap it in a list: [${renderShort(value)}]` : `pass a list, e.g. ${example ?? `[${item.example}]`}`;
      return wrong(field, value, `a list of ${item.expected.replace(/^an? /, '')}s`, fix);
    }
    const problems: Problem[] = [];
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      problems.push(...(v === undefined || v === null
        ? [{ field: `${field}[${i}]`, value: v, why: `expected ${item.expected}, got ${kindOf(v)}`, fix: `remove the empty entry, or write ${item.example}` }]
        : item(v, `${field}[${i}]`)));
    }
    return problems;
  });
}

/** A map of name to value (`{ [key: string]: T }`), values checked as `field['key']`. @internal */
export function mapOf(item: Checker, example: string): Checker {
  return checker(`a map of name to ${item.expected.replace(/^an? /, '')}`, example, (value, field) => {
    if (!isPlainObject(value)) return wrong(field, value, `a map of name to ${item.expected.replace(/^an? /, '')}`, `pass an object literal, e.g. ${example}`);
    return Object.keys(value).sort().flatMap((k) => item(value[k], `${field}['${k}']`));
  });
}

function renderShort(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value !== null && typeof value === 'object') return kindOf(value).replace(/^an? /, '');
  return String(value);
}

/**
 * Checks a construct's props at entry and throws every type problem at once, prefixed with the
 * construct path. Returns the props for use in a `super(...)` call.
 * @internal
 */
export function guardProps<T>(
  path: string, typeName: string, schema: { readonly [field: string]: FieldGuard }, props: T, optionalProps = false,
): T {
  if (optionalProps && props === undefined) return props;
  const problems = schemaProblems(schema, typeName, props, '', 'props');
  if (problems.length > 0) throwAt(`[${path}]`, problems);
  return props;
}

/**
 * Checks the arguments of a static factory or public method: `checks` pairs each parameter name with
 * its guard. An options object is checked field by field, named as the user wrote them (`attempts`,
 * not `options.attempts`), as in `RestartStrategy.fixedDelay: attempts = (not set): …`.
 * @internal
 */
export function guardArgs(where: string, args: Array<[name: string, value: unknown, guard: FieldGuard | ArgOptions]>): void {
  const problems: Problem[] = [];
  for (const [name, value, guard] of args) {
    if ('schema' in guard) {
      if (value === undefined && !guard.required) continue;
      problems.push(...schemaProblems(guard.schema, guard.typeName, value, '', name));
      continue;
    }
    if (value === undefined) {
      if (guard.required) problems.push({ field: name, value, why: guard.expected, fix: guard.fix });
      continue;
    }
    problems.push(...guard.check(value, name));
  }
  if (problems.length > 0) throwAt(`${where}:`, problems);
}

/** An options-object argument of a factory: its schema, checked with unprefixed field names. @internal */
export interface ArgOptions {
  readonly schema: { readonly [field: string]: FieldGuard };
  readonly typeName: string;
  readonly required: boolean;
}

/** An options object argument (`RestartStrategy.fixedDelay(options)`). @internal */
export function options<T>(typeName: string, schema: Schema<T>, isRequired = false): ArgOptions {
  return { schema, typeName, required: isRequired };
}

function throwAt(prefix: string, problems: Problem[]): never {
  const lines = problems.map((p) => `${prefix} ${describeProblem(p)}`);
  throw new ProblemError(lines.length === 1 ? lines[0] : `Invalid configuration:\n  ${lines.join('\n  ')}`);
}
