/** The crd-schema family: FlinkDeployments against the precompiled CRD validators (pure function tests). */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { OperatorVersion } from '../lib';
import { guideApp, one } from './support/fixtures';
import { CRD_RELEASES, crdReleaseOf } from '../lib/rules/crd-releases';
import { crdSchemaRule } from '../lib/rules/crd-schema';
import { Manifest } from '../lib/rules/finding';
import { fieldPath, pointerSegments } from '../lib/rules/paths';

/**
 * An independent model of the API server with strict field validation: the raw CRD schema compiled by
 * ajv at test time (unknown fields refused unless preserved, int-or-string as integer or string).
 */
function referenceValidator(release: string): ValidateFunction {
  const file = path.join(__dirname, '..', 'crds', `flinkdeployments.flink.apache.org-v1.release-${release}.yml`);
  const crd = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
  const schema = crd.spec.versions.find((v: any) => v.storage).schema.openAPIV3Schema;
  const strict = (node: any): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    if (node['x-kubernetes-int-or-string'] === true) {
      delete node.type;
      node.anyOf = [{ type: 'integer' }, { type: 'string' }];
    }
    if (node.properties) {
      if (node.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) node.additionalProperties = false;
      Object.values(node.properties).forEach(strict);
    }
    if (node.items) strict(node.items);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') strict(node.additionalProperties);
  };
  strict(schema);
  schema.properties = { ...schema.properties, apiVersion: { const: 'flink.apache.org/v1beta1' }, kind: { const: 'FlinkDeployment' }, metadata: { type: 'object' } };
  schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind', 'metadata'])];
  schema.additionalProperties = false;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const k of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-validations']) ajv.addKeyword(k);
  return ajv.compile(schema);
}

function deployment(operatorVersion = OperatorVersion.V1_15): any {
  return one(Testing.synth(guideApp({ operatorVersion }).chart), 'FlinkDeployment');
}

function run(m: Manifest, operatorVersion = '1.15'): string[] {
  return crdSchemaRule([{ kind: 'ConfigMap', apiVersion: 'v1', spec: { anything: 1 } }, m], { operatorVersion })
    .map((f) => `${f.object} ${f.rule} ${f.field} = ${JSON.stringify(f.value)}: ${f.why}. Fix: ${f.fix}`);
}

const CRD15 = 'the FlinkDeployment CRD of operator release 1.15.0 (what the API server of operator 1.15 applies)';
const ENUM15 = '"v1_13", "v1_14", "v1_15", "v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2"';

describe('crd-schema', () => {
  test('every operator release maps to one CRD release', () => {
    expect(crdReleaseOf('1.11')?.release).toBe('1.11.0');
    expect(crdReleaseOf('1.12')?.release).toBe('1.11.0');
    expect(crdReleaseOf('1.13')?.release).toBe('1.15.0');
    expect(crdReleaseOf('1.15')?.release).toBe('1.15.0');
    expect(crdReleaseOf('1.16')?.release).toBe('1.16-snapshot-6e9caeb4');
    for (const v of ['1.11', '1.12', '1.13', '1.14', '1.15', '1.16']) expect(crdReleaseOf(v, 'FlinkStateSnapshot')?.release).toBe('1.15.0');
    for (const r of CRD_RELEASES) expect(typeof r.load()).toBe('function');
  });

  test('operator 1.16: v2_3/v2_4 and spec.*.resources are fields of its CRD, not of 1.15.0', () => {
    const d = deployment(OperatorVersion.V1_16);
    expect(run(d, '1.16')).toEqual([]);
    d.spec.flinkVersion = 'v2_3';
    d.spec.taskManager = { resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '5Gi' } } };
    expect(run(d, '1.16')).toEqual([]);
    expect(run(d, '1.15')).toEqual([
      `1 crd-schema/enum spec.flinkVersion = "v2_3": not one of the values ${CRD15} allows (${ENUM15}); \`spec.flinkVersion: v2_3\` exists from operator 1.16 on. Fix: set operatorVersion: OperatorVersion.V1_16 (or newer) if every cluster runs operator 1.16+, or use one of ${ENUM15}`,
      `1 crd-schema/additionalProperties spec.taskManager.resources = {"requests":{"cpu":"1","memory":"4Gi"},"limits":{"memory":"5Gi"}}: not a field of ${CRD15}: the API server with strict field validation rejects the object (unknown field "spec.taskManager.resources"); \`spec.taskManager.resources\` (Kubernetes requests and limits) exists from operator 1.16 on. Fix: set operatorVersion: OperatorVersion.V1_16 (or newer) if every cluster runs operator 1.16+, or remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does`,
    ]);
  });

  test('FlinkStateSnapshots are checked against their CRD on every target', () => {
    const snapshot = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkStateSnapshot', metadata: { name: 'sp' }, spec: { jobReference: { kind: 'FlinkDeployment', name: 'orders' }, savepoint: { formatType: 'CANONICAL' } } };
    expect(run(snapshot, '1.11')).toEqual([]);
    expect(run({ ...snapshot, spec: { ...snapshot.spec, savepoint: { formatType: 'BINARY', dispose: true } } }, '1.16')).toEqual([
      '1 crd-schema/additionalProperties spec.savepoint.dispose = true: not a field of the FlinkStateSnapshot CRD of operator release 1.15.0 (what the API server of operator 1.16 applies): the API server with strict field validation rejects the object (unknown field "spec.savepoint.dispose"). Fix: remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does',
      '1 crd-schema/enum spec.savepoint.formatType = "BINARY": not one of the values the FlinkStateSnapshot CRD of operator release 1.15.0 (what the API server of operator 1.16 applies) allows ("CANONICAL", "NATIVE", "UNKNOWN"). Fix: use one of "CANONICAL", "NATIVE", "UNKNOWN"',
    ]);
  });

  test('what the library renders is valid on every target', () => {
    for (const v of [OperatorVersion.V1_11, OperatorVersion.V1_15]) expect(run(deployment(v), v)).toEqual([]);
  });

  test('unknown fields, enum and type violations, with the JSON path, the value and the CRD release', () => {
    const d = deployment();
    d.spec.job.upgradeMode = 'last_state';
    d.spec.job.parallelizm = 2;
    d.spec.taskManager.replicas = '2';
    d.spec.taskManager.podTemplate = { spec: { containers: [{ name: 'flink-main-container', resources: { limits: { cpu: 1.5 } }, volumeMount: [] }] } };
    expect(run(d)).toEqual([
      `1 crd-schema/additionalProperties spec.job.parallelizm = 2: not a field of ${CRD15}: the API server with strict field validation rejects the object (unknown field "spec.job.parallelizm"). Fix: remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does`,
      `1 crd-schema/enum spec.job.upgradeMode = "last_state": not one of the values ${CRD15} allows ("last-state", "savepoint", "stateless"). Fix: use one of "last-state", "savepoint", "stateless"`,
      `1 crd-schema/additionalProperties spec.taskManager.podTemplate.spec.containers[0].volumeMount = []: not a field of ${CRD15}: the API server with strict field validation rejects the object (unknown field "spec.taskManager.podTemplate.spec.containers[0].volumeMount"). Fix: remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does`,
      `1 crd-schema/anyOf spec.taskManager.podTemplate.spec.containers[0].resources.limits.cpu = 1.5: ${CRD15} accepts an integer or a string here. Fix: write an integer or a string`,
      `1 crd-schema/type spec.taskManager.replicas = "2": ${CRD15} types it as integer. Fix: write an integer`,
    ].sort((a, b) => order(a) - order(b)));
  });

  test('int-or-string and preserve-unknown-fields are honoured; int-or-string refuses other types once', () => {
    const d = deployment();
    d.spec.flinkConfiguration = { ...d.spec.flinkConfiguration, nested: { a: 1 } };
    d.spec.podTemplate.spec.containers[0].resources = { limits: { cpu: 1, memory: '1Gi' } };
    expect(run(d)).toEqual([]);
    d.spec.podTemplate.spec.containers[0].resources = { limits: { cpu: true } };
    expect(run(d)).toEqual([
      `1 crd-schema/anyOf spec.podTemplate.spec.containers[0].resources.limits.cpu = true: ${CRD15} accepts an integer or a string here. Fix: write an integer or a string`,
    ]);
  });

  test('operator 1.11 types flinkConfiguration as a string map', () => {
    const d = deployment(OperatorVersion.V1_11);
    d.spec.flinkConfiguration = { ...d.spec.flinkConfiguration, 'taskmanager.numberOfTaskSlots': 2 };
    expect(run(d, '1.11')).toEqual([
      "1 crd-schema/type spec.flinkConfiguration['taskmanager.numberOfTaskSlots'] = 2: the FlinkDeployment CRD of operator release 1.11.0 (what the API server of operator 1.11 applies) types it as string. Fix: write a string",
    ]);
  });

  test('status is allowed at the top level; an unknown top-level field is not', () => {
    const d = deployment();
    d.status = { lifecycleState: 'STABLE' };
    d.extra = 1;
    delete d.spec.jobManager.resource.memory;
    expect(run(d)).toEqual([
      `1 crd-schema/additionalProperties extra = 1: not a field of ${CRD15}: the API server with strict field validation rejects the object (unknown field "extra"). Fix: remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does`,
    ]);
  });

  test('agrees with an independent ajv compile of the raw CRD (no shared subschemas, no standalone code)', () => {
    const reference = referenceValidator('1.15.0');
    const cases: Array<(d: any) => void> = [
      () => undefined,
      (d) => { d.spec.job.state = 'paused'; },
      (d) => { d.spec.image = 3; },
      (d) => { d.spec.podTemplate.spec.securityContext.runAsUser = 'flink'; },
      (d) => { d.spec.podTemplate.spec.volumes[0].configMap.nam = 'x'; },
      (d) => { d.spec.mode = 'session'; },
      (d) => { d.spec.ingress = { template: 'x', tls: [{ hosts: 'a' }] }; },
      (d) => { d.spec.taskManager.podTemplate = { spec: { initContainers: [{ name: 'i', livenessProbe: { httpGet: { port: 'http', pth: '/' } } }] } }; },
      (d) => { d.spec.jobManager.podTemplate = { spec: { containers: [{ name: 'flink-main-container', ports: [{ containerPort: '80' }] }] } }; },
    ];
    for (const mutate of cases) {
      const d = deployment();
      mutate(d);
      const ours = crdSchemaRule([d], { operatorVersion: '1.15' }).map((f) => f.field).sort();
      const valid = reference(d);
      const theirs = [...new Set((reference.errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'type' || !(reference.errors ?? []).some((o) => o.keyword === 'anyOf' && o.instancePath === e.instancePath))
        .map((e) => fieldPath([...pointerSegments(e.instancePath, d), ...(e.keyword === 'additionalProperties' ? [e.params.additionalProperty] : e.keyword === 'required' ? [e.params.missingProperty] : [])])))].sort();
      expect(valid).toBe(ours.length === 0);
      expect(ours).toEqual(theirs);
    }
  });

  test('the generated validators are what the generator makes of crds/ today (npx projen crd-validators)', () => {
    const r = spawnSync('npx', ['tsx', 'projenrc/crd-validators.ts', '--check'], { cwd: path.join(__dirname, '..'), encoding: 'utf-8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('an operator release without a CRD is a warning, not a silent pass', () => {
    expect(crdSchemaRule([deployment()], { operatorVersion: '1.99' }).map((f) => `${f.severity} ${f.why}`)).toEqual([
      'warning no FlinkDeployment CRD is known for operator 1.99, so the schema was not checked',
    ]);
  });
});

function order(line: string): number {
  return ['spec.job.parallelizm', 'spec.job.upgradeMode', 'spec.taskManager.podTemplate.spec.containers[0].volumeMount', 'spec.taskManager.podTemplate.spec.containers[0].resources', 'spec.taskManager.replicas'].findIndex((f) => line.includes(` ${f}`));
}
