/**
 * The App.synth()/synthYaml() call in progress, for results that cannot change within it.
 *
 * cdk8s validates the whole app, then validates every chart again as it writes it, and resolves the
 * same lazy values several times (the module hash in three pod templates, the FlinkDeployment rendered
 * with and without patches, ...). Within one synth call the construct tree does not change (the last
 * gate relies on that too: it writes the manifests it checked), so a value computed once in the call
 * can be reused for the rest of it. Outside a synth call (Testing.synth, chart.toJson, direct method
 * calls) nothing is memoized: every call computes afresh.
 * @internal
 */

/** The values computed in the outermost synth call in progress (dropped when it ends), by memo. */
let values: Map<PassMemo<unknown>, unknown> | undefined;
let depth = 0;

/** A synth call starts (nested calls share the outer one's pass). @internal */
export function beginSynthPass(): void {
  if (depth++ === 0) values = new Map();
}

/** A synth call ends. @internal */
export function endSynthPass(): void {
  if (depth > 0 && --depth === 0) values = undefined;
}

/**
 * A value computed at most once per synth call: `get(compute)` returns the value computed earlier in the
 * same call, or computes it (and, outside a synth call, always computes it). The values are dropped when
 * the call ends.
 * @internal
 */
export class PassMemo<T> {
  public get(compute: () => T): T {
    const pass = values;
    if (pass === undefined) return compute();
    if (pass.has(this)) return pass.get(this) as T;
    // A compute that throws stores nothing: the next get computes again.
    const value = compute();
    pass.set(this, value);
    return value;
  }
}
