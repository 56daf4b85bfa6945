/**
 * What loading the package costs: nothing heavy is loaded or built at `require('cdk8s-statefun')` time
 * (issue 9, "Performance"): the YAML library and the CRD validators are loaded when first used.
 */
describe('loading the package', () => {
  const VALIDATORS = ['flinkdeployment-1.11.0', 'flinkdeployment-1.15.0', 'flinkdeployment-1.16-snapshot-6e9caeb4', 'flinkstatesnapshot-1.15.0']
    .map((f) => `../lib/rules/crd/${f}.js`);

  afterEach(() => {
    jest.dontMock('yaml');
    for (const v of VALIDATORS) jest.dontMock(v);
    jest.restoreAllMocks();
  });

  test('loads neither the yaml package nor the CRD validators; a synth loads yaml and one validator', () => {
    let yamlLoads = 0;
    jest.doMock('yaml', () => {
      yamlLoads++;
      return jest.requireActual('yaml');
    });
    let validatorLoads = 0;
    for (const v of VALIDATORS) {
      jest.doMock(v, () => {
        validatorLoads++;
        return jest.requireActual(v);
      });
    }
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lib = require('../lib') as typeof import('../lib');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cdk8s = require('cdk8s') as typeof import('cdk8s');
      expect(yamlLoads).toBe(0);
      expect(validatorLoads).toBe(0);

      const chart = new cdk8s.Chart(cdk8s.Testing.app(), 'c', { namespace: 'shop' });
      const app = new lib.StateFunApp(chart, 'orders', { writePipelineDiagram: false });
      const fn = new lib.RemoteFunction(chart, 'fn', { app, image: 'registry.example.com/fn:1.0.0', functions: ['shop/*'] });
      new lib.KafkaIngress(chart, 'in', {
        app,
        ingressId: 'shop/in',
        address: 'kafka.shop.svc:9092',
        consumerGroupId: 'shop',
        topics: [{ topic: 'orders', valueType: lib.ValueType.of('shop/Order'), targets: [fn.functionType('order')] }],
      });
      const manifests = cdk8s.Testing.synth(chart);
      expect(manifests.find((m) => m.kind === 'ConfigMap' && m.data?.['module.yaml'])?.data['module.yaml']).toContain('kind: io.statefun.kafka.v1/ingress');
      expect(yamlLoads).toBe(1);
      // The gate checked the FlinkDeployment against the CRD of the operator release it targets.
      expect(validatorLoads).toBe(1);
    });
  });
});
