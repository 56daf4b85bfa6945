import { dirname } from 'path';
import { IConstruct } from 'constructs';
import { PassMemo } from './synth-pass';

/**
 * One thing wrong with the user's input: the field, the offending value, why it is wrong and how to fix it.
 * Every refusal in the library goes through this shape, so messages read alike everywhere.
 * @internal
 */
export interface Problem {
  /** The prop path as the user wrote it, e.g. `checkpointing.interval`. */
  readonly field: string;
  /** The offending value (rendered with JSON.stringify). */
  readonly value: unknown;
  /** Why it is wrong. */
  readonly why: string;
  /** What to write instead. */
  readonly fix: string;
}

/** @internal */
export function renderValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value && typeof value === 'object' && 'toMilliseconds' in (value as any)) {
    return `Duration(${(value as any).toHumanString()})`;
  }
  // NaN and Infinity would print as null; functions and class instances (constructs are circular) by kind.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function') return '(a function)';
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `(a ${(value as object).constructor?.name ?? 'class instance'})`;
  }
  try {
    // Nested class instances (constructs are circular) by kind, as at the top level.
    return JSON.stringify(value, (key, v) => (key !== '' && v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null ? renderValue(v) : v));
  } catch {
    return String(value);
  }
}

/** `field = value: why. Fix: fix` — the text after the construct path. @internal */
export function describeProblem(p: Problem): string {
  return `${p.field} = ${renderValue(p.value)}: ${p.why}. Fix: ${p.fix}`;
}

/** Path of a construct about to be created as `id` under `scope`. @internal */
export function childPath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/**
 * The error the library throws for bad input: its message is the problems, one line each, and its
 * stack is only that message, so a person sees every problem first and no stack frames of the library
 * (Node.js still prints the line of the throw above it for an uncaught error).
 * @internal
 */
export class ProblemError extends Error {
  /** @param cause an error whose frames to keep instead of this one's (a cdk8s validation error rethrown) */
  constructor(message: string, cause?: Error) {
    super(message);
    this.name = 'ProblemError';
    const frames = ((cause ?? this).stack ?? '').split('\n').filter((l) => /^\s+at /.test(l) && !INTERNAL_FRAME.test(l));
    Object.defineProperty(this, 'stack', { value: [`${this.name}: ${message}`, ...frames].join('\n'), writable: true, configurable: true });
  }
}

/** Stack frames of the library itself, of cdk8s/constructs and of Node.js or the TypeScript loader: not the user's. */
const INTERNAL_FRAME = new RegExp([
  `\\(?${escapeRegExp(dirname(__dirname))}[\\\\/](lib|build)[\\\\/]`,
  'node_modules[\\\\/](cdk8s|constructs|cdk8s-plus-27|tsx|ts-node)[\\\\/]',
  '\\(?node:',
].join('|'));

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Throws the construction-time error for one or more problems, prefixed with the construct path
 * in the same `[path] message` form cdk8s uses for synth-time validation errors.
 * @internal
 */
export function throwProblems(path: string, problems: Problem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `[${path}] ${describeProblem(p)}`);
  throw new ProblemError(problems.length === 1 ? lines[0] : `Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** Collects problems while checking props, then throws them all at once. @internal */
export class ProblemCollector {
  public readonly problems: Problem[] = [];
  constructor(private readonly path: string) {}

  public add(field: string, value: unknown, why: string, fix: string): void {
    this.problems.push({ field, value, why, fix });
  }

  public check(ok: boolean, field: string, value: unknown, why: string, fix: string): boolean {
    if (!ok) this.add(field, value, why, fix);
    return ok;
  }

  public throwIfAny(): void {
    throwProblems(this.path, this.problems);
  }
}

/**
 * Registers a synth-time validation that reports problems in the shared message form. cdk8s runs it
 * twice in one App.synth() (the whole app, then each chart as it is written): the second time within
 * the same call reuses the first result (synth-pass.ts).
 * @internal
 */
export function addProblemValidation(construct: IConstruct, produce: () => Problem[]): void {
  const memo = new PassMemo<string[]>();
  construct.node.addValidation({ validate: () => [...memo.get(() => produce().map(describeProblem))] });
}
