/**
 * The last gate's vocabulary: rules are pure functions of rendered manifests (plain JSON objects as
 * `cdk8s synth` or any other tool writes them). They import no construct, so the same rules check
 * YAML the library did not write (the `lint` CLI).
 */

/** A Kubernetes object as rendered: plain JSON. @internal */
export interface Manifest {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** How bad a finding is: an error blocks synth; a warning is reported only by the linter. @internal */
export type Severity = 'error' | 'warning';

/** One thing wrong with the rendered manifests. @internal */
export interface Finding {
  /** Stable rule id, `<family>/<name>`, e.g. `pod-template/main-container`. */
  readonly rule: string;
  readonly severity: Severity;
  /** Index of the offending object in the input array. */
  readonly object: number;
  /** Dotted path inside that object, e.g. `spec.taskManager.podTemplate.spec.containers[0].name`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** Why it is wrong (what the operator, Flink or StateFun would do with it). */
  readonly why: string;
  /** What to write instead (the typed prop where the library has one). */
  readonly fix: string;
}

/** What a rule may know beyond the manifests. @internal */
export interface RuleContext {
  /** The oldest operator release the manifests must work on, e.g. `1.15`. */
  readonly operatorVersion: string;
  /**
   * Per-object overrides of `operatorVersion`, keyed by the index of a FlinkDeployment in the input
   * (several apps in one synth may target different operator releases).
   */
  readonly operatorVersionByObject?: { readonly [index: number]: string };
  /**
   * What the construct that rendered an object knows about it, keyed by the object's index. Absent for
   * YAML the library did not write; then every finding is reported.
   */
  readonly renderedBy?: { readonly [index: number]: RenderedBy };
}

/**
 * What the rendering construct tells the gate about one object, so a rule can name the typed prop in
 * its message and leave to the construct what it already reported (by prop name) on its own output.
 * @internal
 */
export interface RenderedBy {
  /**
   * The object as the construct rendered it before JSON patches. A finding the rule also makes on it
   * comes from props, and the construct reports it by prop name; the gate reports what patches changed.
   */
  readonly unpatched?: Manifest;
  /** FlinkDeployment: `flinkConfiguration` keys set by typed props, with the value and the prop. */
  readonly typedConfiguration?: { readonly [key: string]: { readonly value: string; readonly owner: string } };
  /** FlinkDeployment: key prefixes owned by typed props (keys under them that the props did not set contradict them). */
  readonly ownedPrefixes?: ReadonlyArray<{ readonly prefix: string; readonly owner: string; readonly reason: string }>;
  /** FlinkDeployment: the URI schemes the image's filesystem plugins (and the checkpoint store's) serve. */
  readonly fileSystemSchemes?: readonly string[];
  /** FlinkDeployment: how findings name the image, e.g. `the image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5`. */
  readonly imageLabel?: string;
}

/** The operator release the object at `index` must work on. @internal */
export function operatorVersionOf(context: RuleContext, index: number): string {
  return context.operatorVersionByObject?.[index] ?? context.operatorVersion;
}

/**
 * A rule family: a pure function of the rendered manifests. It must not modify them: at synth the
 * gate writes the very objects it checked.
 * @internal
 */
export type ManifestRule = (manifests: readonly Manifest[], context: RuleContext) => Finding[];
