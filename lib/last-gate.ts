import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { describeProblem } from './errors';
import { Finding, Manifest } from './rules/finding';
import { runGate } from './rules/index';

/** What an app tells the gate: the FlinkDeployment it renders and the operator release it targets. @internal */
export interface GateTarget {
  readonly flinkDeployment: ApiObject;
  readonly operatorVersion: string;
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

  public addChart(chart: Chart): void {
    if (this.charts.has(chart)) return;
    this.charts.add(chart);
    // cdk8s validates in pre-order: a chart before every construct under it. The first chart of a pass
    // runs the gate; the offending ApiObjects (all under a chart in scope) are validated after it.
    chart.node.addValidation({ validate: () => this.chartValidated(chart) });
  }

  private chartValidated(chart: Chart): string[] {
    // Every chart validates exactly once per pass: seeing one again means a new pass (app.synth(),
    // Testing.synth() or chart.toJson() once more, perhaps after more patches).
    if (this.validatedThisPass.has(chart)) {
      this.validatedThisPass = new Set();
      this.computed = false;
    }
    this.validatedThisPass.add(chart);
    if (!this.computed) this.compute();
    return [];
  }

  private compute(): void {
    this.computed = true;
    this.findings = new Map();
    const objects: ApiObject[] = [];
    const index = new Map<ApiObject, number>();
    const manifests: Manifest[] = [];
    for (const chart of this.charts) {
      for (const c of chart.node.findAll()) {
        // A chart nested in another chart in scope is visited twice.
        if (!(c instanceof ApiObject) || index.has(c)) continue;
        let json: Manifest;
        try {
          json = c.toJson();
        } catch {
          // Rendering fails again when the manifests are written, with its own message; the gate
          // must not hide the other validation errors behind it.
          continue;
        }
        index.set(c, objects.length);
        objects.push(c);
        manifests.push(json);
      }
    }
    if (manifests.length === 0) return;
    const byObject: { [index: number]: string } = {};
    let oldest: string | undefined;
    for (const t of this.targets) {
      const i = index.get(t.flinkDeployment);
      if (i !== undefined) byObject[i] = t.operatorVersion;
      if (oldest === undefined || compareVersions(t.operatorVersion, oldest) < 0) oldest = t.operatorVersion;
    }
    const findings = runGate(manifests, { operatorVersion: oldest ?? '1.11', operatorVersionByObject: byObject });
    for (const f of findings) {
      if (f.severity !== 'error') continue;
      const obj = objects[f.object];
      const list = this.findings.get(obj) ?? [];
      list.push(f);
      this.findings.set(obj, list);
      if (!this.hooked.has(obj)) {
        this.hooked.add(obj);
        obj.node.addValidation({ validate: () => (this.findings.get(obj) ?? []).map(describeFinding) });
      }
    }
  }
}

const GATES = new WeakMap<IConstruct, GateState>();

function gateOf(construct: IConstruct): GateState {
  const root = construct.node.root;
  let gate = GATES.get(root);
  if (!gate) {
    gate = new GateState();
    GATES.set(root, gate);
  }
  return gate;
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
  gateOf(construct).addChart(Chart.of(construct));
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
