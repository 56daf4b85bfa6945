import { createHash } from 'crypto';
import { Testing } from 'cdk8s';
import { MODULE_HASH_ANNOTATION } from '../lib/statefun-app';
import { expectValidManifests } from './support/schemas';
import { only, secureApp } from './support/secure-app';

/** Every path at which two JSON trees differ. */
function diffPaths(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== 'object') {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [at || '/'];
  }
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
  return keys.flatMap((k) => diffPaths((a as any)[k], (b as any)[k], `${at}/${k}`));
}

describe('module changes roll the job', () => {
  const before = secureApp({ topics: ['shop.orders'] });
  const after = secureApp({ topics: ['shop.orders.v2'] });
  const m1 = Testing.synth(before.chart);
  const m2 = Testing.synth(after.chart);

  test('the pod template carries the SHA-256 of module.yaml', () => {
    const fd = only(m1, 'FlinkDeployment');
    expect(fd.spec.podTemplate.metadata.annotations[MODULE_HASH_ANNOTATION]).toBe(before.app.moduleSha256());
    expect(before.app.moduleSha256()).toMatch(/^[0-9a-f]{64}$/);
    expect(before.app.moduleSha256()).toBe(createHash('sha256').update(only(m1, 'ConfigMap').data['module.yaml']).digest('hex'));
    expectValidManifests(m1, '1.16');
  });

  test('changing one ingress changes the ConfigMap data and the pod-template hash, and nothing else', () => {
    expect(m2.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(m1.map((m) => `${m.kind}/${m.metadata.name}`));
    const changed = m1.flatMap((m, i) => diffPaths(m, m2[i]).map((p) => `${m.kind}${p}`));
    expect(changed).toEqual([
      'ConfigMap/data/module.yaml',
      `FlinkDeployment/spec/podTemplate/metadata/annotations/${MODULE_HASH_ANNOTATION}`,
    ]);
    expect(before.app.moduleSha256()).not.toBe(after.app.moduleSha256());
  });

  test('an unchanged module gives byte-identical manifests', () => {
    const again = Testing.synth(secureApp({ topics: ['shop.orders'] }).chart);
    expect(JSON.stringify(again)).toBe(JSON.stringify(m1));
  });

  test('the operator sees a spec change: the annotation is in spec.podTemplate, which the operator diffs', () => {
    const a = only(m1, 'FlinkDeployment').spec;
    const b = only(m2, 'FlinkDeployment').spec;
    expect(diffPaths(a, b)).toEqual([`/podTemplate/metadata/annotations/${MODULE_HASH_ANNOTATION}`]);
    // The restart follows the app's upgrade mode (savepoint with a store): nothing else in the job spec moves.
    expect(b.job).toEqual(a.job);
    expect(b.job.upgradeMode).toBe('savepoint');
  });
});
