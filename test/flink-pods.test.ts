import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  EnvFromSource, FunctionScaling, KafkaIngress, LabelRequirement, OperatorVersion, PlacementTopology, PodVolume, RemoteFunction,
  RocksDbLocalDirectory, StateBackend, StateFunApp, StateFunAppProps, TaintEffect, TolerationOperator, UnsatisfiableConstraintAction, ValueType,
} from '../lib';
import { one } from './support/fixtures';
import { mergePodTemplates as merge } from './support/pod-template-merge';
import { expectValidManifests } from './support/schemas';

const registry = (chart: any) => kplus.Secret.fromSecretName(chart, 'registry', 'registry-credentials');

describe('Flink pods: placement', () => {
  test('shared and per-role placement render only into the role templates, combined', () => {
    const g = guideAppIn(undefined, {
      operatorVersion: OperatorVersion.V1_15,
      flinkPods: {
        placement: {
          nodeSelector: { 'node.kubernetes.io/pool': 'flink' },
          tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }],
          nodeAffinity: [
            { matches: [LabelRequirement.in('topology.kubernetes.io/zone', ['eu-west-1a', 'eu-west-1b']), LabelRequirement.exists('ssd')] },
            { matches: [LabelRequirement.is('node.kubernetes.io/instance-type', 'm6i.2xlarge')], weight: 50 },
          ],
          priorityClassName: 'statefun-high',
        },
        jobManager: { placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE }] } },
        taskManager: {
          placement: {
            tolerations: [{ key: 'spot', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.minutes(5) }],
            podAntiAffinity: [{ weight: 100 }],
            podAffinity: [{ podLabels: { app: 'kafka' }, topology: PlacementTopology.custom('rack'), weight: 10 }],
            topologySpread: [{ topology: PlacementTopology.ZONE, maxSkew: 2, whenUnsatisfiable: UnsatisfiableConstraintAction.DO_NOT_SCHEDULE }],
            priorityClassName: 'statefun-tm',
          },
        },
      },
    });
    const manifests = Testing.synth(g.chart);
    const fd = one(manifests, 'FlinkDeployment');
    const shared = fd.spec.podTemplate.spec;
    for (const key of ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'priorityClassName']) expect(shared[key]).toBeUndefined();
    const jm = fd.spec.jobManager.podTemplate.spec;
    const tm = fd.spec.taskManager.podTemplate.spec;
    const nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a', 'eu-west-1b'] },
            { key: 'ssd', operator: 'Exists' },
          ],
        }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m6i.2xlarge'] }] } }],
    };
    expect(jm).toEqual({
      nodeSelector: { 'node.kubernetes.io/pool': 'flink' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }],
      affinity: {
        nodeAffinity,
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { 'cdk8s-statefun/app': 'second', 'component': 'jobmanager' } }, topologyKey: 'topology.kubernetes.io/zone' }] },
      },
      priorityClassName: 'statefun-high',
    });
    expect(tm).toEqual({
      nodeSelector: { 'node.kubernetes.io/pool': 'flink' },
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' },
        { key: 'spot', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      affinity: {
        nodeAffinity,
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'kafka' } }, topologyKey: 'rack' } }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { 'cdk8s-statefun/app': 'second', 'component': 'taskmanager' } }, topologyKey: 'kubernetes.io/hostname' } }] },
      },
      topologySpreadConstraints: [{ maxSkew: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'cdk8s-statefun/app': 'second', 'component': 'taskmanager' } } }],
      priorityClassName: 'statefun-tm',
    });
    expectValidManifests(manifests, '1.15');
  });

  test('no placement: no role templates at all', () => {
    const fd = one(Testing.synth(guideAppIn(undefined, {}).chart), 'FlinkDeployment');
    expect(fd.spec.jobManager.podTemplate).toBeUndefined();
    expect(fd.spec.taskManager.podTemplate).toBeUndefined();
  });
});

describe('Flink pods: registry, environment and files by reference', () => {
  test('pull secrets (app-wide first, then Flink-only), envFrom, env from a Secret, user mounts', () => {
    const chart = new Chart(Testing.app(), 'orders', { namespace: 'my-app' });
    const g2 = (() => {
      const secret = kplus.Secret.fromSecretName(chart, 'certs', 'corp-ca');
      return guideAppIn(chart, {
        imagePullSecrets: [registry(chart)],
        flinkPods: {
          imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'flink-registry', 'flink-registry'), kplus.Secret.fromSecretName(chart, 'registry-again', 'registry-credentials')],
          env: { DD_ENV: kplus.EnvValue.fromValue('prod'), API_TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: 'token' }) },
          envFrom: [EnvFromSource.configMap(kplus.ConfigMap.fromConfigMapName(chart, 'settings', 'flink-settings'), 'APP_'), EnvFromSource.secret(secret)],
          mounts: [
            { volume: PodVolume.fromSecret(secret), path: '/etc/corp/ca' },
            { volume: PodVolume.fromEmptyDir('scratch', { sizeLimit: Size.gibibytes(2) }), path: '/var/lib/scratch', readOnly: false },
            { volume: PodVolume.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'extra', 'extra-conf'), { defaultMode: 0o400 }), path: '/etc/extra' },
          ],
        },
      });
    })();
    const manifests = Testing.synth(g2.chart);
    const fd = secondDeployment(manifests);
    const spec = fd.spec.podTemplate.spec;
    expect(spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }, { name: 'flink-registry' }]);
    const main = spec.containers[0];
    expect(main.name).toBe('flink-main-container');
    expect(main.envFrom).toEqual([{ prefix: 'APP_', configMapRef: { name: 'flink-settings' } }, { secretRef: { name: 'corp-ca' } }]);
    expect(main.env).toEqual([
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'corp-ca', key: 'token' } } },
      { name: 'DD_ENV', value: 'prod' },
    ]);
    expect(main.volumeMounts).toEqual([
      { name: 'statefun-module', mountPath: '/opt/statefun', readOnly: true },
      { name: 'secret-corp-ca', mountPath: '/etc/corp/ca', readOnly: true },
      { name: 'scratch', mountPath: '/var/lib/scratch', readOnly: false },
      { name: 'configmap-extra-conf', mountPath: '/etc/extra', readOnly: true },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'statefun-module', configMap: { name: 'second-module' } },
      { name: 'secret-corp-ca', secret: { secretName: 'corp-ca', defaultMode: 0o440 } },
      { name: 'scratch', emptyDir: { sizeLimit: '2Gi' } },
      { name: 'configmap-extra-conf', configMap: { name: 'extra-conf', defaultMode: 0o400 } },
    ]);
    expectValidManifests(manifests, '1.16');
  });
});

describe('Flink pods: sidecars and init containers keep flink-main-container first', () => {
  function withContainers() {
    return guideAppIn(undefined, {
      operatorVersion: OperatorVersion.V1_15,
      imageRegistry: 'harbor.example.com/proxy',
      flinkPods: {
        sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', args: ['-c', '/etc/fb/fb.conf'], mounts: [{ volume: PodVolume.fromEmptyDir('fb-buffer'), path: '/var/fb', readOnly: false }] }],
        initContainers: [{ name: 'wait-kafka', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z kafka 9092; do sleep 2; done'], runAsUser: 10001 }],
        jobManager: { sidecars: [{ name: 'jm-proxy', image: 'envoyproxy/envoy:v1.31.0', resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(256) } } }] },
        taskManager: {
          initContainers: [{ name: 'tm-warmup', image: 'busybox:1.36' }],
          rocksDbLocalDirectory: RocksDbLocalDirectory.ephemeralVolume({ size: Size.gibibytes(100), storageClassName: 'gp3' }),
        },
      },
    });
  }

  test('rendered containers, hardened, mirrored, with default resources', () => {
    const manifests = Testing.synth(withContainers().chart);
    const fd = secondDeployment(manifests);
    const shared = fd.spec.podTemplate.spec;
    expect(shared.containers.map((c: any) => c.name)).toEqual(['flink-main-container', 'log-shipper']);
    expect(shared.containers[1]).toEqual({
      name: 'log-shipper',
      image: 'harbor.example.com/proxy/fluent/fluent-bit:3.1.9',
      imagePullPolicy: 'IfNotPresent',
      args: ['-c', '/etc/fb/fb.conf'],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true },
      volumeMounts: [{ name: 'fb-buffer', mountPath: '/var/fb', readOnly: false }],
    });
    expect(shared.initContainers).toEqual([{
      name: 'wait-kafka',
      image: 'harbor.example.com/proxy/library/busybox:1.36',
      imagePullPolicy: 'IfNotPresent',
      command: ['sh', '-c', 'until nc -z kafka 9092; do sleep 2; done'],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 10001 },
    }]);
    expect(shared.volumes.map((v: any) => v.name)).toEqual(['statefun-module', 'fb-buffer']);
    const jm = fd.spec.jobManager.podTemplate.spec;
    expect(jm.containers.map((c: any) => c.name)).toEqual(['flink-main-container', 'log-shipper', 'jm-proxy']);
    expect(jm.containers[2].resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '256Mi' } });
    const tm = fd.spec.taskManager.podTemplate.spec;
    expect(tm.initContainers.map((c: any) => c.name)).toEqual(['wait-kafka', 'tm-warmup']);
    expect(tm.containers[0].volumeMounts).toEqual([
      { name: 'statefun-module', mountPath: '/opt/statefun', readOnly: true },
      { name: 'rocksdb-local', mountPath: '/opt/flink-rocksdb' },
    ]);
    expect(tm.volumes).toEqual([
      { name: 'statefun-module', configMap: { name: 'second-module' } },
      { name: 'fb-buffer', emptyDir: {} },
      { name: 'rocksdb-local', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '100Gi' } } } } } },
    ]);
    expect(fd.spec.flinkConfiguration['state.backend.rocksdb.localdir']).toBe('/opt/flink-rocksdb');
    expectValidManifests(manifests, '1.15');
  });

  test.each([false, true])('the operator merge (by name: %s) keeps flink-main-container first and every shared element in place', (byName) => {
    const fd = secondDeployment(Testing.synth(withContainers().chart));
    for (const role of ['jobManager', 'taskManager']) {
      const effective = merge(fd.spec.podTemplate, fd.spec[role].podTemplate, byName).spec;
      expect(effective.containers[0].name).toBe('flink-main-container');
      expect(effective.containers[0].volumeMounts[0]).toEqual({ name: 'statefun-module', mountPath: '/opt/statefun', readOnly: true });
      expect(effective.containers[1].name).toBe('log-shipper');
      expect(effective.containers[1].image).toBe('harbor.example.com/proxy/fluent/fluent-bit:3.1.9');
      expect(effective.volumes[0].name).toBe('statefun-module');
      expect(effective.initContainers[0].name).toBe('wait-kafka');
      expect(new Set(effective.containers.map((c: any) => c.name)).size).toBe(effective.containers.length);
    }
    const tm = merge(fd.spec.podTemplate, fd.spec.taskManager.podTemplate, byName).spec;
    expect(tm.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/opt/statefun', '/opt/flink-rocksdb']);
    expect(tm.volumes.map((v: any) => v.name)).toEqual(['statefun-module', 'fb-buffer', 'rocksdb-local']);
  });

  test('RocksDB on an emptyDir with a size limit', () => {
    const local = RocksDbLocalDirectory.emptyDir({ sizeLimit: Size.gibibytes(20) });
    const h = guideAppIn(undefined, { flinkPods: { taskManager: { rocksDbLocalDirectory: local } } });
    const manifests = Testing.synth(h.chart);
    const fd = secondDeployment(manifests);
    expect(fd.spec.taskManager.podTemplate.spec.volumes[1]).toEqual({ name: 'rocksdb-local', emptyDir: { sizeLimit: '20Gi' } });
    expect(fd.spec.jobManager.podTemplate).toBeUndefined();
    expectValidManifests(manifests, '1.16');
  });

  test('a RocksDB directory with the hashmap backend is refused', () => {
    const flinkPods = { taskManager: { rocksDbLocalDirectory: RocksDbLocalDirectory.emptyDir() } };
    const checkpointing = { interval: Duration.seconds(10), incremental: false };
    expect(() => guideAppIn(undefined, { stateBackend: StateBackend.HASHMAP, checkpointing, flinkPods }))
      .toThrow('[orders/second] flinkPods.taskManager.rocksDbLocalDirectory = "emptyDir": the state backend is hashmap, so RocksDB never uses the directory. Fix: use StateBackend.ROCKSDB, or remove rocksDbLocalDirectory');
  });
});

/** A complete app `second` (one function, one Kafka ingress) in namespace my-app, with the given props. */
function guideAppIn(chart: Chart | undefined, props: StateFunAppProps) {
  const c = chart ?? new Chart(Testing.app(), 'orders', { namespace: 'my-app' });
  const app = new StateFunApp(c, 'second', { checkpointing: { interval: Duration.seconds(10) }, ...props });
  const fn = new RemoteFunction(c, 'second-fn', { app, image: 'my-org/fn:1.0.0', functions: ['second/*'], scaling: FunctionScaling.fixed(1) });
  new KafkaIngress(c, 'second-in', { app, ingressId: 'second/in', address: 'kafka.my-app.svc:9092', consumerGroupId: 'second', topics: [{ topic: 'second', valueType: ValueType.of('second/In'), targets: [fn.functionType('x')] }] });
  return { chart: c, app, fn };
}

function secondDeployment(manifests: any[]): any {
  return manifests.find((m) => m.kind === 'FlinkDeployment' && m.metadata.name === 'second');
}
