import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { describeProblem, ProblemError } from './errors';
import { Finding, Manifest, RenderedBy } from './rules/finding';
import { runGate } from './rules/index';
import { fieldPath } from './rules/paths';
import { beginSynthPass, endSynthPass } from './synth-pass';

/** What an app tells the gate: the FlinkDeployment it renders and the operator release it targets. @internal */
export interface GateTarget {
  readonly flinkDeployment: ApiObject;
  readonly operatorVersion: string;
  /** What the app knows about its FlinkDeployment (unpatched rendering, typed configuration), asked at synth. */
  readonly renderedBy?: () => RenderedBy;
  /**
   * The FlinkDeployment fields (manifest paths) the app's own validation reported in the current pass
   * (it runs before the FlinkDeployment's, its child): the gate does not report them a second time.
   */
  readonly reportedByOwner?: () => ReadonlySet<string>;
}

/**
 * The gate of one cdk8s App (construct tree root): the charts holding StateFun apps and their
 * components, and the findings of the current validation pass, per offending ApiObject.
 */
class GateState {
  /** Charts in scope, and the charts already validated in the current pass. */
  public readonly charts = new Set<Chart>();
  public readonly targets: GateTarget[] = [];
  private validatedThisPass = new Set<Chart>();
  private findings = new Map<ApiObject, Finding[]>();
  private readonly hooked = new WeakSet<ApiObject>();
  private computed = false;
  /** Depth of App.synth()/synthYaml() calls in progress (cdk8s validates once, then again per chart). */
  private synthDepth = 0;
  /** Objects whose rendering is reused for the rest of the synth call in progress. */
  private reused: ApiObject[] = [];

  /**
   * An App.synth()/synthYaml() call starts. cdk8s validates the whole app, then again for every chart
   * it writes (Chart.toJson); within one call the objects do not change, so the gate runs once per call
   * and the manifests it rendered are written as they are (each object renders once per synth).
   */
  public beginSynth(): void {
    if (this.synthDepth++ === 0) this.reset();
  }

  public endSynth(): void {
    if (--this.synthDepth > 0) return;
    for (const obj of this.reused) delete (obj as unknown as { toJson?: unknown }).toJson;
    this.reused = [];
    this.reset();
  }

  private reset(): void {
    this.validatedThisPass = new Set();
    this.computed = false;
  }

  public addChart(chart: Chart): void {
    if (this.charts.has(chart)) return;
    this.charts.add(chart);
    // cdk8s validates in pre-order: a chart before every construct under it. The first chart of a pass
    // runs the gate; the offending ApiObjects (all under a chart in scope) are validated after it.
    chart.node.addValidation({ validate: () => this.chartValidated(chart) });
  }

  private chartValidated(chart: Chart): string[] {
    // Every chart validates exactly once per pass: seeing one again means a new pass (Testing.synth()
    // or chart.toJson() once more, perhaps after more patches). Within one App.synth() call, one result.
    if (this.validatedThisPass.has(chart) && this.synthDepth === 0) {
      this.validatedThisPass = new Set();
      this.computed = false;
    }
    this.validatedThisPass.add(chart);
    if (!this.computed) this.compute();
    return [];
  }

  /** Until the synth call ends, each object's toJson returns what the gate rendered (rules never mutate manifests). */
  private reuseRenderings(objects: readonly ApiObject[], manifests: readonly Manifest[]): void {
    objects.forEach((obj, i) => {
      if (Object.prototype.hasOwnProperty.call(obj, 'toJson')) return;
      reuse(obj, manifests[i]);
      this.reused.push(obj);
    });
  }

  private compute(): void {
    this.computed = true;
    this.findings = new Map();
    const objects: ApiObject[] = [];
    const index = new Map<ApiObject, number>();
    const manifests: Manifest[] = [];
    const unappliable: Array<[ApiObject, Finding]> = [];
    for (const chart of this.charts) {
      for (const c of chart.node.findAll()) {
        // A chart nested in another chart in scope is visited twice.
        if (!(c instanceof ApiObject) || index.has(c)) continue;
        let json: Manifest;
        try {
          json = c.toJson();
        } catch {
          // A JSON patch that cannot be applied is reported in the library's form (cdk8s would throw a
          // TypeError of its patch library while writing). Any other rendering failure fails again when
          // the manifests are written, with its own message; the gate must not hide the other
          // validation errors behind it.
          const f = unappliablePatch(c);
          if (f) unappliable.push([c, f]);
          continue;
        }
        index.set(c, objects.length);
        objects.push(c);
        manifests.push(json);
      }
    }
    for (const [obj, f] of unappliable) this.report(obj, f);
    if (manifests.length === 0) return;
    const byObject: { [index: number]: string } = {};
    const renderedBy: { [index: number]: RenderedBy } = {};
    let oldest: string | undefined;
    for (const t of this.targets) {
      const i = index.get(t.flinkDeployment);
      if (i !== undefined) {
        byObject[i] = t.operatorVersion;
        if (t.renderedBy) renderedBy[i] = t.renderedBy();
      }
      if (oldest === undefined || compareVersions(t.operatorVersion, oldest) < 0) oldest = t.operatorVersion;
    }
    const findings = runGate(manifests, { operatorVersion: oldest ?? '1.11', operatorVersionByObject: byObject, renderedBy });
    findings.push(...droppedPatchFindings(objects, manifests));
    if (this.synthDepth > 0) this.reuseRenderings(objects, manifests);
    for (const f of findings) {
      if (f.severity !== 'error') continue;
      this.report(objects[f.object], f);
    }
  }

  /** Reports a finding at the object that rendered it (one cdk8s validation per object). */
  private report(obj: ApiObject, f: Finding): void {
    const list = this.findings.get(obj) ?? [];
    list.push(f);
    this.findings.set(obj, list);
    if (!this.hooked.has(obj)) {
      this.hooked.add(obj);
      const owner = this.targets.find((t) => t.flinkDeployment === obj)?.reportedByOwner;
      obj.node.addValidation({
        validate: () => {
          const reported = owner?.() ?? new Set<string>();
          return (this.findings.get(obj) ?? []).filter((x) => !reported.has(x.field)).map(describeFinding);
        },
      });
    }
  }
}

const GATES = new WeakMap<IConstruct, GateState>();

/** Declared outside the class so the rendering loop stays small. */
function reuse(obj: ApiObject, json: Manifest): void {
  Object.defineProperty(obj, 'toJson', { value: () => json, configurable: true, writable: true, enumerable: false });
}

/** An object's rendering with its JSON patches, or undefined when cdk8s cannot render it (the gate reports why). @internal */
export function renderedOrUndefined(obj: ApiObject): any {
  try {
    return obj.toJson();
  } catch {
    return undefined;
  }
}

/**
 * The first JSON patch of `obj` that cannot be applied to its rendering without patches (a path that does
 * not exist, a failed `test`), as a finding; undefined when the object fails to render for another reason.
 */
function unappliablePatch(obj: ApiObject): Finding | undefined {
  const patches = (obj as unknown as { patches?: JsonPatch[] }).patches;
  if (!Array.isArray(patches) || patches.length === 0) return undefined;
  const saved = patches.splice(0);
  let doc: unknown;
  try {
    doc = obj.toJson();
  } catch {
    return undefined;
  } finally {
    patches.push(...saved);
  }
  for (let i = 0; i < saved.length; i++) {
    try {
      doc = JsonPatch.apply(doc, saved[i]);
    } catch {
      const op = (saved[i] as unknown as { _toJson(): { op: string; path: string; from?: string } })._toJson();
      return {
        rule: 'patch/unappliable',
        severity: 'error',
        object: -1,
        // Numbered among the user's patches (the library's own come first on some objects).
        field: `JSON patch ${i + 1 - Math.min(i, TRUSTED_PATCHES.get(obj) ?? 0)}`,
        value: op.from !== undefined ? { op: op.op, from: op.from, path: op.path } : { op: op.op, path: op.path },
        why: `cdk8s cannot apply it to the rendered object (${op.op === 'test' ? 'the test fails' : 'the path, or its parent, does not exist there'}), so nothing could be written`,
        fix: 'check the path against the YAML synthesized without the patch; to append to a list the object does not render yet, add the whole list first (e.g. JsonPatch.add(\'/spec/template/spec/volumes\', [ … ]))',
      };
    }
  }
  return undefined;
}

/** Patches the library itself added to an object (they render as intended: nothing to check). */
const TRUSTED_PATCHES = new WeakMap<ApiObject, number>();

function patchesOf(obj: ApiObject): readonly unknown[] {
  // cdk8s keeps the JSON patches in a private array, applied by ApiObject.toJson.
  return (obj as unknown as { patches?: unknown[] }).patches ?? [];
}

/** Marks the patches an object has now as the library's own (call right after adding them). @internal */
export function trustPatches(obj: ApiObject): void {
  TRUSTED_PATCHES.set(obj, patchesOf(obj).length);
}

/**
 * JSON patches must be honoured or refused, never dropped. cdk8s applies patches in ApiObject.toJson,
 * but the generated Kubernetes bindings (cdk8s-plus's KubeDeployment and the like) override toJson and
 * rebuild the object from the fields they know, so a patched field they do not know (a typo, a field of
 * a newer Kubernetes) silently disappears. For every object with patches of the user, the patched
 * rendering (ApiObject.toJson) is compared with the written one, and every dropped field is refused.
 */
function droppedPatchFindings(objects: readonly ApiObject[], manifests: readonly Manifest[]): Finding[] {
  const out: Finding[] = [];
  objects.forEach((obj, object) => {
    if (obj.toJson === ApiObject.prototype.toJson) return;
    if (patchesOf(obj).length <= (TRUSTED_PATCHES.get(obj) ?? 0)) return;
    let raw: unknown;
    try {
      raw = ApiObject.prototype.toJson.call(obj);
    } catch {
      return;
    }
    for (const [path, value] of droppedFields(raw, manifests[object], [])) {
      out.push({
        rule: 'patch/dropped',
        severity: 'error',
        object,
        field: fieldPath(path),
        value,
        why: `a JSON patch sets it, but the Kubernetes binding that renders ${manifests[object].kind} drops fields it does not know, so it would be silently missing from the manifest`,
        fix: `check the field name against the Kubernetes API reference of ${manifests[object].apiVersion} ${manifests[object].kind} (its exact spelling and place), or use the construct's props`,
      });
    }
  });
  return out;
}

/** The patched fields an object's own Kubernetes binding drops when it renders (tests check the library's own patches). @internal */
export function droppedPatchFields(obj: ApiObject): Array<[Array<string | number>, unknown]> {
  return droppedFields(ApiObject.prototype.toJson.call(obj), obj.toJson(), []);
}

/**
 * Fields of `raw` missing from `written` (where both are objects), with their values. The bindings
 * rename a few fields to their wire names (`setHostnameAsFqdn` → `setHostnameAsFQDN`): a key found
 * under another case is the same field, and a patch on the wire name itself is overwritten by the
 * renamed prop value (reported when the two differ).
 */
function droppedFields(raw: unknown, written: unknown, path: Array<string | number>): Array<[Array<string | number>, unknown]> {
  const out: Array<[Array<string | number>, unknown]> = [];
  if (Array.isArray(raw) && Array.isArray(written)) {
    raw.forEach((v, i) => out.push(...droppedFields(v, written[i], [...path, i])));
  } else if (isPlainObject(raw) && isPlainObject(written)) {
    const rawKeys = Object.keys(raw);
    const writtenKeys = Object.keys(written);
    for (const k of rawKeys) {
      const v = raw[k];
      if (v === undefined || v === null) continue;
      const lower = k.toLowerCase();
      if (k in written) {
        const shadow = rawKeys.some((o) => o !== k && o.toLowerCase() === lower && raw[o] !== undefined && raw[o] !== null);
        if (shadow && JSON.stringify(v) !== JSON.stringify(written[k])) out.push([[...path, k], v]);
        else out.push(...droppedFields(v, written[k], [...path, k]));
        continue;
      }
      const renamed = writtenKeys.find((w) => w.toLowerCase() === lower);
      if (renamed !== undefined) out.push(...droppedFields(v, written[renamed], [...path, k]));
      else out.push([[...path, k], v]);
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function gateOf(construct: IConstruct): GateState {
  const root = construct.node.root;
  let gate = GATES.get(root);
  if (!gate) {
    gate = new GateState();
    GATES.set(root, gate);
    if (root instanceof App) wrapSynth(root, gate);
  }
  return gate;
}

const VALIDATION_FAILED = 'Validation failed with the following errors:';

/**
 * The App's synth methods are wrapped once: the gate runs once per call (see GateState.beginSynth),
 * what cannot change within the call is computed once in it (synth-pass.ts), and the validation error cdk8s throws (the gate's and every construct's problems, with frames of
 * cdk8s and the library under them) is rethrown with the same message and only the caller's frames.
 */
function wrapSynth(app: App, gate: GateState): void {
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as (...args: unknown[]) => unknown;
    (app as any)[method] = function readableErrors(this: App, ...args: unknown[]): unknown {
      gate.beginSynth();
      beginSynthPass();
      try {
        return original.apply(this, args);
      } catch (e) {
        if (e instanceof Error && !(e instanceof ProblemError) && e.message.startsWith(VALIDATION_FAILED)) throw new ProblemError(e.message, e);
        throw e;
      } finally {
        endSynthPass();
        gate.endSynth();
      }
    };
  }
}

/**
 * Puts a StateFun app under the last gate: at every synth (cdk8s validation) the rules of
 * `lib/rules/` run once over the rendered objects of every chart holding an app or one of its
 * components, after JSON patches, and each error is reported at the ApiObject that rendered it.
 * @internal
 */
export function registerGateTarget(target: GateTarget): void {
  const gate = gateOf(target.flinkDeployment);
  gate.targets.push(target);
  gate.addChart(Chart.of(target.flinkDeployment));
}

/** Adds the chart of a construct (a component of an app, e.g. in another chart) to the gate's scope. @internal */
export function registerGateScope(construct: IConstruct): void {
  // A component outside any chart renders no object of its own; its app's chart is in scope already.
  let chart: Chart;
  try {
    chart = Chart.of(construct);
  } catch {
    return;
  }
  gateOf(construct).addChart(chart);
}

/** `field = value: why. Fix: fix`, the shared message form. @internal */
export function describeFinding(f: Finding): string {
  return describeProblem({ field: f.field, value: f.value, why: f.why, fix: f.fix });
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
