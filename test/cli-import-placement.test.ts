import { Duration, Size } from 'cdk8s';
import { importFlinkPods, importPlacement } from '../lib/cli/import-placement';
import { RocksDbLocalDirectory } from '../lib/flink-pods';
import {
  LabelRequirement, PlacementTopology, PodPlacement, renderPlacement, TaintEffect, TolerationOperator, UnsatisfiableConstraintAction,
} from '../lib/pod-scheduling';

const SELF = { 'cdk8s-statefun/app': 'orders', 'component': 'taskmanager' };

describe('importPlacement: the inverse of renderPlacement', () => {
  const every: PodPlacement = {
    nodeSelector: { 'eks.amazonaws.com/nodegroup': 'flink', 'kubernetes.io/arch': 'arm64' },
    tolerations: [
      { key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE },
      { key: 'spot', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(30) },
    ],
    nodeAffinity: [
      { matches: [LabelRequirement.is('node.kubernetes.io/instance-type', 'm6i.xlarge'), LabelRequirement.exists('ssd')] },
      { matches: [LabelRequirement.in('topology.kubernetes.io/zone', ['eu-west-1a', 'eu-west-1b']), LabelRequirement.notIn('pool', ['batch'])], weight: 10 },
      { matches: [LabelRequirement.doesNotExist('legacy')], weight: 5 },
    ],
    podAffinity: [{ podLabels: { app: 'cache' }, topology: PlacementTopology.HOSTNAME, weight: 20 }],
    podAntiAffinity: [{ topology: PlacementTopology.ZONE }, { topology: PlacementTopology.custom('rack'), weight: 100 }],
    topologySpread: [
      { topology: PlacementTopology.REGION, maxSkew: 2, whenUnsatisfiable: UnsatisfiableConstraintAction.DO_NOT_SCHEDULE },
      { topology: PlacementTopology.ZONE, podLabels: { tier: 'flink' } },
    ],
    priorityClassName: 'statefun-critical',
  };

  test('every placement field renders back the same, and the literal names the typed values', () => {
    const rendered = renderPlacement(every, SELF);
    const r = importPlacement(rendered, SELF);
    expect(r.notImported).toEqual([]);
    expect(renderPlacement(r.placement, SELF)).toEqual(rendered);
    expect(r.code).toContain("tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }, { key: 'spot', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(30) }]");
    expect(r.code).toContain("nodeAffinity: [{ matches: [LabelRequirement.is('node.kubernetes.io/instance-type', 'm6i.xlarge'), LabelRequirement.exists('ssd')] }");
    expect(r.code).toContain("LabelRequirement.notIn('pool', [\"batch\"])");
    expect(r.code).toContain("podAffinity: [{ podLabels: { 'app': 'cache' }, topology: PlacementTopology.HOSTNAME, weight: 20 }]");
    expect(r.code).toContain("podAntiAffinity: [{ topology: PlacementTopology.ZONE }, { topology: PlacementTopology.custom('rack'), weight: 100 }]");
    expect(r.code).toContain('topologySpread: [{ topology: PlacementTopology.REGION, maxSkew: 2, whenUnsatisfiable: UnsatisfiableConstraintAction.DO_NOT_SCHEDULE }');
    expect(r.code).toContain("priorityClassName: 'statefun-critical'");
    expect(r.statefunImports).toEqual(['LabelRequirement', 'PlacementTopology', 'TaintEffect', 'TolerationOperator', 'UnsatisfiableConstraintAction']);
    expect(r.cdk8sImports).toEqual(['Duration']);
  });

  test('no scheduling field: no placement', () => {
    expect(importPlacement({ containers: [] }, SELF))
      .toEqual({ code: undefined, items: undefined, placement: undefined, statefunImports: [], cdk8sImports: [], notImported: [] });
  });

  test('what does not render back the same is listed, the other fields still read', () => {
    const r = importPlacement({
      nodeSelector: { pool: 'flink' },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, topologyKey: 'kubernetes.io/hostname' }] } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELF }, minDomains: 2 }],
    }, SELF);
    expect(r.notImported).toEqual(['affinity', 'topologySpreadConstraints']);
    expect(r.code).toBe("{ nodeSelector: { 'pool': 'flink' } }");
  });

  test('ignored fields are neither read nor listed', () => {
    const r = importPlacement({ topologySpreadConstraints: [{ bogus: true }] }, SELF, ['topologySpreadConstraints']);
    expect(r).toEqual(expect.objectContaining({ code: undefined, notImported: [] }));
  });
});

describe('importFlinkPods: the role pod templates', () => {
  const main = { name: 'flink-main-container', volumeMounts: [{ name: 'statefun-module', mountPath: '/opt/statefun', readOnly: true }] };
  const sharedVolumes = [{ name: 'statefun-module', configMap: { name: 'orders-module' } }];
  const labels = { 'cdk8s-statefun/app': 'orders' };

  test.each([
    ['an ephemeral volume', RocksDbLocalDirectory.ephemeralVolume({ size: Size.gibibytes(50), storageClassName: 'gp3' }), "RocksDbLocalDirectory.ephemeralVolume({ size: Size.gibibytes(50), storageClassName: 'gp3' })"],
    ['an emptyDir with a limit', RocksDbLocalDirectory.emptyDir({ sizeLimit: Size.mebibytes(512) }), 'RocksDbLocalDirectory.emptyDir({ sizeLimit: Size.mebibytes(512) })'],
    ['an emptyDir', RocksDbLocalDirectory.emptyDir(), 'RocksDbLocalDirectory.emptyDir()'],
  ])('the RocksDB local directory: %s', (_name, local, code) => {
    const spec = {
      podTemplate: { spec: { containers: [main], volumes: sharedVolumes } },
      taskManager: {
        podTemplate: {
          spec: {
            containers: [{ ...main, volumeMounts: [...main.volumeMounts, { name: 'rocksdb-local', mountPath: '/opt/flink-rocksdb' }] }],
            volumes: [...sharedVolumes, JSON.parse(JSON.stringify(local._volume()))],
          },
        },
      },
    };
    const r = importFlinkPods(spec, labels);
    expect(r.code).toBe(`{ taskManager: { rocksDbLocalDirectory: ${code} } }`);
    expect(r.rocksDbLocalDirectory).toBe(true);
    expect(r.notImported).toEqual([]);
  });

  test('a role template with containers the library would not render is listed, not read', () => {
    const spec = {
      podTemplate: { spec: { containers: [main], volumes: sharedVolumes } },
      jobManager: { metadata: { labels: { a: 'b' } }, podTemplate: { metadata: { annotations: { x: 'y' } }, spec: { hostAliases: [{ ip: '10.0.0.1' }], priorityClassName: 'high' } } },
      taskManager: { podTemplate: { spec: { containers: [main, { name: 'sidecar', image: 'busybox' }], volumes: [...sharedVolumes, { name: 'rocksdb-local', emptyDir: {} }] } } },
    };
    const r = importFlinkPods(spec, labels);
    expect(r.code).toBe("{ jobManager: { placement: { priorityClassName: 'high' } } }");
    expect(r.rocksDbLocalDirectory).toBe(false);
    expect(r.notImported).toEqual([
      'spec.jobManager.podTemplate metadata: not imported (the library renders the pod templates)',
      'spec.jobManager.podTemplate.spec hostAliases: not imported (set them with flinkPods.jobManager)',
      'spec.taskManager.podTemplate.spec containers, volumes: not imported (set them with flinkPods.taskManager)',
    ]);
  });

  test('the effective placement of each role, against its own pod labels', () => {
    const tm = renderPlacement({ podAntiAffinity: [{ topology: PlacementTopology.ZONE }] }, { ...labels, component: 'taskmanager' });
    const r = importFlinkPods({ taskManager: { podTemplate: { spec: tm } } }, labels);
    expect(r.code).toBe('{ taskManager: { placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE }] } } }');
    // Selecting the JobManager's labels from a TaskManager is an explicit podLabels.
    const jm = renderPlacement({ podAntiAffinity: [{ topology: PlacementTopology.ZONE }] }, { ...labels, component: 'jobmanager' });
    expect(importFlinkPods({ taskManager: { podTemplate: { spec: jm } } }, labels).code).toContain("podLabels: { 'cdk8s-statefun/app': 'orders', 'component': 'jobmanager' }");
  });
});

describe('importFlinkPods: what both roles place alike is shared', () => {
  const labels = { 'cdk8s-statefun/app': 'orders' };
  const render = (p: PodPlacement, component: string) => renderPlacement(p, { ...labels, component });

  test('equal node selector and priority class, the common first terms of each list; the rest per role', () => {
    const tol = { key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE };
    const spec = {
      jobManager: { podTemplate: { spec: render({ nodeSelector: { pool: 'flink' }, tolerations: [tol], priorityClassName: 'a', podAntiAffinity: [{ topology: PlacementTopology.ZONE }] }, 'jobmanager') } },
      taskManager: { podTemplate: { spec: render({ nodeSelector: { pool: 'flink' }, tolerations: [tol, { key: 'spot', operator: TolerationOperator.EXISTS }], priorityClassName: 'b', podAntiAffinity: [{ topology: PlacementTopology.ZONE }] }, 'taskmanager') } },
    };
    const r = importFlinkPods(spec, labels);
    // The anti-affinity terms select each role's own pods: the same literal, so it is shared too.
    expect(r.code).toBe("{ placement: { nodeSelector: { 'pool': 'flink' }, tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }], podAntiAffinity: [{ topology: PlacementTopology.ZONE }] }, "
      + "jobManager: { placement: { priorityClassName: 'a' } }, taskManager: { placement: { tolerations: [{ key: 'spot', operator: TolerationOperator.EXISTS }], priorityClassName: 'b' } } }");
  });

  test('nothing alike: each role keeps its own', () => {
    const spec = {
      jobManager: { podTemplate: { spec: render({ priorityClassName: 'a' }, 'jobmanager') } },
      taskManager: { podTemplate: { spec: render({ priorityClassName: 'b' }, 'taskmanager') } },
    };
    expect(importFlinkPods(spec, labels).code).toBe("{ jobManager: { placement: { priorityClassName: 'a' } }, taskManager: { placement: { priorityClassName: 'b' } } }");
  });
});

describe('importFlinkPods: scheduling fields of the shared pod template (hand-written YAML)', () => {
  const labels = { 'cdk8s-statefun/app': 'orders' };
  const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }];

  test('read as the placement of both roles, written once', () => {
    const r = importFlinkPods({ podTemplate: { spec: { nodeSelector: { pool: 'flink' }, tolerations, containers: [] } } }, labels);
    expect(r.code).toBe("{ placement: { nodeSelector: { 'pool': 'flink' }, tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }] } }");
    expect(r.sharedPlacementFields).toEqual(['nodeSelector', 'tolerations']);
    expect(r.notImported).toEqual([]);
  });

  test('a field a role template sets too is not read for that role, and listed; unreadable fields are listed', () => {
    const spec = {
      podTemplate: { spec: { nodeSelector: { pool: 'flink' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [] }, topologyKey: 'x' }] } } } },
      taskManager: { podTemplate: { spec: { nodeSelector: { pool: 'tm' } } } },
    };
    const r = importFlinkPods(spec, labels);
    expect(r.code).toBe("{ jobManager: { placement: { nodeSelector: { 'pool': 'flink' } } }, taskManager: { placement: { nodeSelector: { 'pool': 'tm' } } } }");
    expect(r.sharedPlacementFields).toEqual(['nodeSelector']);
    expect(r.notImported).toEqual([
      'spec.podTemplate.spec affinity: not imported (it would not render back the same; set flinkPods.placement)',
      'spec.podTemplate.spec nodeSelector: not imported for the taskManager (spec.taskManager.podTemplate sets nodeSelector too; the operator merges the two)',
    ]);
  });
});
