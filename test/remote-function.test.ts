import { Chart, Testing } from 'cdk8s';
import { FunctionScaling, FunctionType, KafkaIngress, RemoteFunction, StateFunApp, ValueType } from '../lib';
import { guideApp, ofKind, one } from './support/fixtures';
import { expectValidManifests } from './support/schemas';

describe('RemoteFunction', () => {
  test('Deployment, Service, HPA (autoscaling/v2, CPU 70%) and PDB; no fixed replicas next to the HPA', () => {
    const manifests = Testing.synth(guideApp().chart);
    const deployment = one(manifests, 'Deployment');
    const hpa = one(manifests, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 30,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(deployment.spec.replicas).toBeUndefined();
    const pdb = one(manifests, 'PodDisruptionBudget');
    expect(pdb.spec.selector).toEqual(deployment.spec.selector);
    expect(pdb.spec.maxUnavailable).toBe(1);
    const svc = one(manifests, 'Service');
    expect(svc.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080 }]);
    expectValidManifests(manifests, '1.16');
  });

  test('fixed replicas: the Deployment carries them and there is no HPA', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const app = new StateFunApp(chart, 'app');
    const fn = new RemoteFunction(chart, 'fn', { app, image: 'org/fn:1', functions: ['ns1/*'], scaling: FunctionScaling.fixed(2) });
    new KafkaIngress(chart, 'in', { app, ingressId: 'ns1/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('ns1/T'), targets: [fn.functionType('a')] }] });
    const manifests = Testing.synth(chart);
    expect(one(manifests, 'Deployment').spec.replicas).toBe(2);
    expect(ofKind(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(fn.autoscaler).toBeUndefined();
    expectValidManifests(manifests, '1.16');
  });

  test('readiness and liveness probes, requests and limits by default', () => {
    const container = one(Testing.synth(guideApp().chart), 'Deployment').spec.template.spec.containers[0];
    expect(container.readinessProbe.tcpSocket.port).toBe(8080);
    expect(container.livenessProbe.tcpSocket.port).toBe(8080);
    expect(container.resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
  });

  test('one endpoint per served pattern, all with the derived URL; functionType resolves the namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'prod' });
    const app = new StateFunApp(chart, 'app');
    const fn = new RemoteFunction(chart, 'greeter', { app, image: 'org/fn:1', functions: ['a/*', 'b/one'], port: 9000, path: '/fn/{function.name}' });
    expect(fn.url).toBe('http://greeter.prod.svc:9000/fn/{function.name}');
    expect(fn.endpoints.map((e) => e.functions)).toEqual(['a/*', 'b/one']);
    expect(fn.functionType('a/x').typeName).toBe('a/x');
    expect(() => fn.functionType('x')).toThrow('[c/greeter] functionType("x") = "x": this function serves several namespaces (a, b), so a bare name is ambiguous. Fix: pass \'<namespace>/x\'');
    expect(() => fn.functionType('b/two')).toThrow(/functionType\("b\/two"\) = "b\/two": not served by this function \(it serves 'a\/\*', 'b\/one'\)/);
  });

  test('bad props are refused at construction with path, field, value, reason and fix', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const app = new StateFunApp(chart, 'app');
    expect(() => new RemoteFunction(chart, 'f1', { app, image: 'org/fn', functions: ['a/*'] }))
      .toThrow('[c/f1] image = "org/fn": an unpinned or `latest` image changes under a running job on every pod restart. Fix: pin a version tag or digest, e.g. \'my-org/my-function:1.0.0\'');
    expect(() => new RemoteFunction(chart, 'f2', { app, image: 'org/fn:1', functions: ['a/b*'] }))
      .toThrow(/functions\[0\] = "a\/b\*": only <namespace>\/<name> or <namespace>\/\* are supported/);
    expect(() => new RemoteFunction(chart, 'f3', { app, image: 'org/fn:1', functions: ['a/*'], scaling: FunctionScaling.autoscale({ minReplicas: 5, maxReplicas: 2 }) }))
      .toThrow(/scaling.maxReplicas = 2: must be a whole number ≥ minReplicas \(5\)/);
    expect(() => new RemoteFunction(chart, 'f4', { app, image: 'org/fn:1', functions: ['a/*'], scaling: FunctionScaling.fixed(0) }))
      .toThrow(/scaling = 0: a function with no replicas/);
    expect(() => new RemoteFunction(chart, 'Bad_Name', { app, image: 'org/fn:1', functions: ['a/*'] }))
      .toThrow(/name = "Bad_Name": the name becomes a Service name/);
  });

  test('a target no endpoint serves fails synth at the ingress, naming the field and what is served', () => {
    const { chart, app } = guideApp();
    new KafkaIngress(chart, 'typo', {
      app,
      ingressId: 'example/typo',
      address: 'kafka:9092',
      consumerGroupId: 'g',
      topics: [{ topic: 't', valueType: ValueType.of('example/T'), targets: [FunctionType.of('exmaple/order-handler')] }],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[orders\/typo\] topics\[0\].targets\[0\] = "exmaple\/order-handler": no endpoint of app 'my-statefun' serves this function type, so the job would fail on the first message \(served: 'example\/\*'\)/);
    expect(app.components.length).toBe(3);
  });
});
