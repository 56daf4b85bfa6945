import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  FunctionScaling, FunctionType, KafkaIngress, LabelRequirement, PlacementTopology, PodVolume, RemoteFunction, StateFunApp, TaintEffect,
  TolerationOperator, UnsatisfiableConstraintAction, ValueType,
} from '../lib';
import { placementProblems } from '../lib/pod-scheduling';
import { errorOf, newApp } from './fixtures/modules/harness';
import { expectValidManifests } from './support/schemas';

function why(p: Parameters<typeof placementProblems>[1]): string[] {
  return placementProblems('placement', p).map((x) => `${x.field}: ${x.why}`);
}

describe('placement validation (the API server\'s rules)', () => {
  test('a toleration without a key and with Equal is refused, with the exact message', () => {
    expect(errorOf(() => newApp({ flinkPods: { placement: { tolerations: [{ value: 'flink', effect: TaintEffect.NO_SCHEDULE }] } } })))
      .toBe('[test/sf] flinkPods.placement.tolerations[0].key = (not set): a toleration without a key matches every taint and is only valid with operator Exists; with Equal the API server rejects the pod ("operator must be Exists when `key` is empty"). Fix: name the taint key (e.g. key: \'dedicated\'), or set operator: TolerationOperator.EXISTS to tolerate every taint');
  });

  test('Exists with a value, bad effects, tolerationSeconds without NoExecute, bad keys', () => {
    expect(why({ tolerations: [{ key: 'a', operator: TolerationOperator.EXISTS, value: 'x' }] })).toEqual(['placement.tolerations[0].value: with operator Exists the value must be empty (the API server rejects the pod)']);
    expect(why({ tolerations: [{ key: 'a', effect: 'NoSchedul' as any }] })).toEqual(['placement.tolerations[0].effect: Kubernetes accepts NoSchedule, PreferNoSchedule, NoExecute']);
    expect(why({ tolerations: [{ key: 'a', effect: TaintEffect.NO_SCHEDULE, evictAfter: Duration.minutes(1) }] })).toEqual(['placement.tolerations[0].evictAfter: tolerationSeconds only applies to NoExecute taints (the API server rejects it with other effects)']);
    expect(why({ tolerations: [{ key: 'bad key', value: 'x' }] })[0]).toMatch(/^placement.tolerations\[0\].key: a taint key is a qualified name/);
    expect(why({ tolerations: [{ key: 'a', operator: 'In' as any }] })).toEqual(['placement.tolerations[0].operator: Kubernetes accepts Equal, Exists']);
    expect(why({ tolerations: [{ operator: TolerationOperator.EXISTS }] })).toEqual([]);
  });

  test('weights, empty terms, spread, priority class names, node selector labels', () => {
    expect(why({ nodeAffinity: [{ matches: [LabelRequirement.exists('ssd')], weight: 0 }] })).toEqual(['placement.nodeAffinity[0].weight: a preference weight is a whole number from 1 to 100']);
    expect(why({ nodeAffinity: [{ matches: [] }] })[0]).toMatch(/^placement.nodeAffinity\[0\].matches: a node affinity term without requirements/);
    expect(why({ nodeAffinity: [{ matches: [LabelRequirement.in('zone', [])] }] })).toEqual(['placement.nodeAffinity[0].matches[0].values: In needs at least one value (the API server rejects an empty list)']);
    expect(why({ podAntiAffinity: [{ podLabels: {} }] })).toEqual(['placement.podAntiAffinity[0].podLabels: an empty selector selects every pod in the namespace']);
    expect(why({ topologySpread: [{ topology: PlacementTopology.ZONE, maxSkew: 0 }] })).toEqual(['placement.topologySpread[0].maxSkew: maxSkew is a whole number ≥ 1 (the API server rejects 0 and fractions)']);
    expect(why({ topologySpread: [{ topology: PlacementTopology.ZONE, whenUnsatisfiable: 'Never' as any }] })).toEqual(['placement.topologySpread[0].whenUnsatisfiable: Kubernetes accepts ScheduleAnyway, DoNotSchedule']);
    expect(why({ priorityClassName: 'High_Priority' })).toEqual(["placement.priorityClassName: a PriorityClass name is a DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', starting and ending alphanumeric, at most 253 characters"]);
    expect(why({ nodeSelector: { pool: 'flink nodes' } })[0]).toMatch(/^placement.nodeSelector\['pool'\]: a label value is at most 63/);
    expect(why({ topologySpread: [{ topology: PlacementTopology.custom('rack'), whenUnsatisfiable: UnsatisfiableConstraintAction.DO_NOT_SCHEDULE }] })).toEqual([]);
  });
});

function withIngress(chart: Chart, app: StateFunApp): void {
  new KafkaIngress(chart, 'in', { app, ingressId: 'shop/in', address: 'kafka.shop.svc:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [FunctionType.of('shop/x')] }] });
}

describe('RemoteFunction pod controls', () => {
  test('placement, the app\'s and its own pull secrets, sidecars and init containers', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const registry = kplus.Secret.fromSecretName(chart, 'registry', 'registry-credentials');
    const app = new StateFunApp(chart, 'sf', { imagePullSecrets: [registry], imageRegistry: 'harbor.example.com/proxy' });
    new RemoteFunction(chart, 'fn', {
      app,
      image: 'shop/functions:1.0.0',
      functions: ['shop/*'],
      scaling: FunctionScaling.fixed(2),
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'own', 'fn-registry')],
      placement: {
        tolerations: [{ key: 'functions', operator: TolerationOperator.EXISTS }],
        nodeSelector: { pool: 'functions' },
        podAntiAffinity: [{ topology: PlacementTopology.ZONE, weight: 100 }],
        priorityClassName: 'functions',
      },
      sidecars: [{ name: 'otel', image: 'otel/opentelemetry-collector:0.110.0', mounts: [{ volume: PodVolume.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'otel', 'otel-conf')), path: '/etc/otel' }] }],
      initContainers: [{ name: 'migrate', image: 'shop/migrate:1.0.0' }],
    });
    withIngress(chart, app);
    const manifests = Testing.synth(chart);
    const pod = manifests.find((m) => m.kind === 'Deployment').spec.template.spec;
    const self = manifests.find((m) => m.kind === 'Deployment').spec.selector.matchLabels;
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-credentials' }, { name: 'fn-registry' }]);
    expect(pod.tolerations).toEqual([{ key: 'functions', operator: 'Exists' }]);
    expect(pod.nodeSelector).toEqual({ pool: 'functions' });
    expect(pod.priorityClassName).toBe('functions');
    expect(pod.affinity).toEqual({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: self }, topologyKey: 'topology.kubernetes.io/zone' } }] } });
    // No topologySpread given: the default spread across nodes stays.
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: self } }]);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['function', 'otel']);
    expect(pod.containers[0].image).toBe('harbor.example.com/proxy/shop/functions:1.0.0');
    expect(pod.containers[1].image).toBe('harbor.example.com/proxy/otel/opentelemetry-collector:0.110.0');
    expect(pod.containers[1].volumeMounts).toEqual([{ name: 'configmap-otel-conf', mountPath: '/etc/otel', readOnly: true }]);
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['migrate']);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['tmp', 'configmap-otel-conf']);
    const fd = manifests.find((m) => m.kind === 'FlinkDeployment');
    expect(fd.spec.podTemplate.spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
    expectValidManifests(manifests, '1.16');
  });

  test('a topologySpread replaces the default; bad pull secret names and a sidecar named like the function are refused', () => {
    const { chart, app } = newApp();
    new RemoteFunction(chart, 'fn', { app, image: 'shop/functions:1.0.0', functions: ['shop/*'], placement: { topologySpread: [{ topology: PlacementTopology.ZONE }] } });
    withIngress(chart, app);
    const pod = Testing.synth(chart).find((m) => m.kind === 'Deployment').spec.template.spec;
    expect(pod.topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone']);
    expect(errorOf(() => new RemoteFunction(chart, 'fn2', { app, image: 'shop/functions:1.0.0', functions: ['other/*'], imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'bad', 'Registry_Creds')] })))
      .toBe("[test/fn2] imagePullSecrets[0] = \"Registry_Creds\": an image pull secret is a Secret (kplus.ISecret) whose name is a DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', starting and ending alphanumeric, at most 253 characters. Fix: reference the registry Secret by its name, e.g. Secret.fromSecretName(chart, 'registry', 'registry-credentials')");
    expect(errorOf(() => new RemoteFunction(chart, 'fn3', { app, image: 'shop/functions:1.0.0', functions: ['third/*'], sidecars: [{ name: 'function', image: 'x/y:1' }] })))
      .toBe('[test/fn3] sidecars[0].name = "function": the name is already used by another container of the pod. Fix: choose another name');
  });
});

describe('Flink pod containers are refused when they could displace flink-main-container', () => {
  test('a sidecar named flink-main-container', () => {
    expect(errorOf(() => newApp({ flinkPods: { taskManager: { sidecars: [{ name: 'flink-main-container', image: 'x/y:1.0' }] } } })))
      .toBe('[test/sf] flinkPods.taskManager.sidecars[0].name = "flink-main-container": the operator merges its settings into the container of this name; a second one would replace or displace the Flink process. Fix: choose another name');
  });
  test('role controls of the wrong type', () => {
    expect(errorOf(() => newApp({ flinkPods: { taskManager: 'spot' as any } })))
      .toBe('[test/sf] flinkPods.taskManager = "spot": taskManager holds the TaskManager-only pod controls, an object. Fix: write e.g. { placement: { ... }, sidecars: [ ... ] }');
    expect(errorOf(() => newApp({ flinkPods: { placement: { tolerations: 'dedicated' as any } } })))
      .toBe('[test/sf] flinkPods.placement.tolerations = "dedicated": a list is expected. Fix: wrap the value in [ ]');
  });

  test('an unpinned sidecar image', () => {
    expect(errorOf(() => newApp({ flinkPods: { sidecars: [{ name: 'shipper', image: 'fluent/fluent-bit' }] } })))
      .toBe('[test/sf] flinkPods.sidecars[0].image = "fluent/fluent-bit": an unpinned or `latest` image changes under a running pod on every restart. Fix: pin a version tag or digest');
  });
});
