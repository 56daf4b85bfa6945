import { describeFinding } from '../last-gate';
import { InputProblem, readManifestSources, SourcedManifest } from './manifest-sources';
import { Finding, Severity } from '../rules/finding';
import { runGate } from '../rules/index';

/** Options of `cdk8s-statefun lint`. @internal */
export interface LintOptions {
  /** Files, folders, or `-` for standard input. */
  readonly paths: readonly string[];
  /** The oldest operator release the manifests must work on, e.g. `1.15`. */
  readonly operatorVersion: string;
  /** Standard input, read only when a path is `-`. */
  readonly readStdin: () => string;
}

/** One finding, located in the input. @internal */
export interface LintFinding {
  readonly file: string;
  /** 0-based YAML document index in the file. */
  readonly document: number;
  /** 1-based line of the offending field. */
  readonly line: number;
  /** `Kind/name` of the offending object (`Kind/namespace/name` when it has a namespace). */
  readonly object: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly field: string;
  readonly value: unknown;
  readonly why: string;
  readonly fix: string;
  /** `field = value: why. Fix: fix`, the message the library prints at synth. */
  readonly message: string;
}

/** The outcome of a lint run. @internal */
export interface LintResult {
  readonly findings: LintFinding[];
  /** Files or documents that could not be read as Kubernetes objects (each an error). */
  readonly inputProblems: InputProblem[];
  readonly files: number;
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Runs the last gate (`lib/rules/`, the very rules `cdk8s synth` applies) over manifests the library
 * did not necessarily write: Helm output, Kustomize overlays, hand-written YAML.
 * @internal
 */
export function lint(options: LintOptions): LintResult {
  const sources = readManifestSources(options.paths, options.readStdin);
  const manifests = sources.manifests.map((s) => s.manifest);
  const findings = runGate(manifests, { operatorVersion: options.operatorVersion })
    .map((f) => locate(f, sources.manifests[f.object]))
    .sort(byLocation);
  const errors = findings.filter((f) => f.severity === 'error').length + sources.problems.length;
  return {
    findings,
    inputProblems: sources.problems,
    files: sources.files.length,
    objects: manifests.length,
    errors,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

function locate(f: Finding, source: SourcedManifest): LintFinding {
  const m = source.manifest;
  const name = m.metadata?.name ?? '(no name)';
  return {
    file: source.file,
    document: source.document,
    line: source.lineOf(f.field),
    object: `${m.kind ?? '(no kind)'}/${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${name}`,
    rule: f.rule,
    severity: f.severity,
    field: f.field,
    value: f.value,
    why: f.why,
    fix: f.fix,
    message: describeFinding(f),
  };
}

function byLocation(a: LintFinding, b: LintFinding): number {
  return cmp(a.file, b.file) || a.line - b.line || a.document - b.document || cmp(a.rule, b.rule) || cmp(a.field, b.field);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
