/**
 * The last gate's runner and its wiring into synth: rules run once per validation pass over the
 * rendered objects (JSON patches applied), and each error is reported at the ApiObject that rendered it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { KafkaIngress, RemoteFunction, StateFunApp, ValueType } from '../lib';
import { guideApp } from './support/fixtures';
import { Finding, Manifest, ManifestRule } from '../lib/rules/finding';
import { GATE_RULES, runGate } from '../lib/rules/index';

/** Runs `body` with `rule` appended to GATE_RULES, removing it afterwards. */
function withRule<T>(rule: ManifestRule, body: () => T): T {
  GATE_RULES.push(rule);
  try {
    return body();
  } finally {
    GATE_RULES.splice(GATE_RULES.indexOf(rule), 1);
  }
}

/** A test rule: every FlinkDeployment with the annotation test/flag. */
const flagRule = (calls: Manifest[][]): ManifestRule => (manifests) => {
  calls.push([...manifests]);
  const out: Finding[] = [];
  manifests.forEach((m, i) => {
    const flag = m.metadata?.annotations?.['test/flag'];
    if (m.kind === 'FlinkDeployment' && flag !== undefined) {
      out.push({ rule: 'test/flag', severity: 'error', object: i, field: "metadata.annotations['test/flag']", value: flag, why: 'flagged', fix: 'drop the patch' });
    }
  });
  return out;
};

function ingress(chart: Chart, app: StateFunApp, fn: RemoteFunction): void {
  new KafkaIngress(chart, `${fn.node.id}-in`, {
    app,
    ingressId: `${fn.functions[0].split('/')[0]}/in`,
    address: 'kafka:9092',
    consumerGroupId: 'g',
    topics: [{ topic: 't', valueType: ValueType.of('x/T'), targets: [fn.functionType(`${fn.functions[0].split('/')[0]}/f`)] }],
  });
}

describe('runGate', () => {
  const f = (rule: string, object: number, field: string): Finding => ({ rule, severity: 'error', object, field, value: 1, why: 'w', fix: 'f' });

  test('orders findings by object, field, rule and keeps one finding per field of an object', () => {
    const a: ManifestRule = () => [f('a/x', 1, 'spec.b'), f('a/y', 0, 'spec.z'), f('a/z', 1, 'spec.a')];
    const b: ManifestRule = () => [f('b/x', 1, 'spec.b'), f('b/y', 0, 'spec.a')];
    expect(runGate([{}, {}], { operatorVersion: '1.15' }, [a, b]).map((x) => `${x.object} ${x.field} ${x.rule}`)).toEqual([
      '0 spec.a b/y', '0 spec.z a/y', '1 spec.a a/z', '1 spec.b a/x',
    ]);
  });

  test('GATE_RULES is a plain array of rule functions', () => {
    expect(Array.isArray(GATE_RULES)).toBe(true);
    for (const r of GATE_RULES) expect(typeof r).toBe('function');
  });
});

describe('the gate at synth', () => {
  test('rules see the FlinkDeployment as written, JSON patches applied', () => {
    const calls: Manifest[][] = [];
    const { chart, app } = guideApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/job/entryClass', 'x'));
    withRule(flagRule(calls), () => {
      expect(() => Testing.synth(chart)).not.toThrow();
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].find((m) => m.kind === 'FlinkDeployment')!.spec).toMatchObject({ job: { entryClass: 'x' } });
  });

  test('runs once per pass with several apps, sees every chart, reports at the offending object', () => {
    const calls: Manifest[][] = [];
    const root = Testing.app();
    const c1 = new Chart(root, 'one', { namespace: 'a' });
    const c2 = new Chart(root, 'two', { namespace: 'b' });
    const apps = [c1, c2].map((c, i) => {
      const app = new StateFunApp(c, `app${i}`);
      const fn = new RemoteFunction(c, `fn${i}`, { app, image: 'my-org/fn:1.0.0', functions: [`ns${i}/*`] });
      ingress(c, app, fn);
      return app;
    });
    apps[1].flinkDeployment.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'test/flag': 'x' }));
    // An ApiObject of another chart is in scope only when it holds an app or a component.
    new ApiObject(new Chart(root, 'unrelated'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    withRule(flagRule(calls), () => {
      expect(() => root.synth()).toThrow('Validation failed with the following errors:\n  [two/app1/Resource] metadata.annotations[\'test/flag\'] = "x": flagged. Fix: drop the patch');
      expect(calls).toHaveLength(1);
      const kinds = calls[0].map((m) => m.kind);
      expect(kinds.filter((k) => k === 'FlinkDeployment')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'ConfigMap').length).toBeGreaterThanOrEqual(2);
      expect(calls[0].some((m) => m.metadata?.name?.startsWith('unrelated'))).toBe(false);
      // A second pass recomputes (the patch was removed in between).
      apps[1].flinkDeployment.addJsonPatch(JsonPatch.remove('/metadata/annotations'));
      expect(() => Testing.synth(c1)).not.toThrow();
      expect(calls).toHaveLength(2);
    });
  });

  test('app.synth() runs the gate once for all charts, writes what it checked, and leaves nothing cached', () => {
    const calls: Manifest[][] = [];
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-'));
    const root = new App({ outdir });
    const charts = [new Chart(root, 'one', { namespace: 'a' }), new Chart(root, 'two', { namespace: 'b' })];
    const apps = charts.map((c, i) => {
      const app = new StateFunApp(c, `app${i}`, { writePipelineDiagram: false });
      ingress(c, app, new RemoteFunction(c, `fn${i}`, { app, image: 'my-org/fn:1.0.0', functions: [`ns${i}/*`] }));
      return app;
    });
    withRule(flagRule(calls), () => {
      root.synth();
      // cdk8s validates the app, then again for each chart it writes: one gate run for the call.
      expect(calls).toHaveLength(1);
      const yaml = root.synthYaml();
      expect(calls).toHaveLength(2);
      expect(yaml).toBe(charts.map((c) => Testing.synth(c)).flat().map((m) => Yaml.stringify(m)).join('---\n'));
      expect(fs.readFileSync(path.join(outdir, 'one.k8s.yaml'), 'utf-8')).toBe(Yaml.stringify(...Testing.synth(charts[0])));
      // After the call the objects render afresh: a patch added now is seen.
      apps[0].flinkDeployment.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'test/flag': 'late' }));
      expect(Object.prototype.hasOwnProperty.call(apps[0].flinkDeployment, 'toJson')).toBe(false);
      expect(() => root.synth()).toThrow("[one/app0/Resource] metadata.annotations['test/flag'] = \"late\": flagged. Fix: drop the patch");
    });
  });

  test('a component in another chart brings its chart into scope', () => {
    const calls: Manifest[][] = [];
    const root = new App({ outdir: '/tmp/gate-unused' });
    const c1 = new Chart(root, 'flink');
    const c2 = new Chart(root, 'functions');
    const app = new StateFunApp(c1, 'app');
    ingress(c2, app, new RemoteFunction(c2, 'fn', { app, image: 'my-org/fn:1.0.0', functions: ['ns/*'] }));
    withRule(flagRule(calls), () => Testing.synth(c2));
    expect(calls[0].filter((m) => m.kind === 'Deployment').map((m) => m.metadata?.name)).toEqual(['fn']);
  });
});
