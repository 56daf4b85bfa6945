import * as os from 'os';
import { App, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { KafkaIngress, ValueType } from '../lib';
import { addProblemValidation } from '../lib/errors';
import { FlinkDeploymentObject } from '../lib/flink-deployment-object';
import { beginSynthPass, endSynthPass, PassMemo } from '../lib/synth-pass';
import { secureApp } from './support/secure-app';

describe('PassMemo', () => {
  test('outside a synth call every get computes afresh', () => {
    const memo = new PassMemo<number>();
    let calls = 0;
    expect(memo.get(() => ++calls)).toBe(1);
    expect(memo.get(() => ++calls)).toBe(2);
  });

  test('within one synth call the first value is reused; the next call computes again', () => {
    const memo = new PassMemo<number>();
    let calls = 0;
    beginSynthPass();
    try {
      expect(memo.get(() => ++calls)).toBe(1);
      expect(memo.get(() => ++calls)).toBe(1);
      // A nested synth call (synth inside synthYaml) is the same pass.
      beginSynthPass();
      expect(memo.get(() => ++calls)).toBe(1);
      endSynthPass();
      expect(memo.get(() => ++calls)).toBe(1);
    } finally {
      endSynthPass();
    }
    expect(memo.get(() => ++calls)).toBe(2);
    beginSynthPass();
    try {
      expect(memo.get(() => ++calls)).toBe(3);
      expect(memo.get(() => ++calls)).toBe(3);
    } finally {
      endSynthPass();
    }
  });

  test('a compute that throws stores nothing', () => {
    const memo = new PassMemo<string>();
    beginSynthPass();
    try {
      expect(() => memo.get(() => {
        throw new Error('boom');
      })).toThrow('boom');
      expect(memo.get(() => 'second')).toBe('second');
    } finally {
      endSynthPass();
    }
  });

  test('memos are independent of each other', () => {
    const a = new PassMemo<string>();
    const b = new PassMemo<string>();
    beginSynthPass();
    try {
      expect(a.get(() => 'a')).toBe('a');
      expect(b.get(() => 'b')).toBe('b');
    } finally {
      endSynthPass();
    }
  });
});

describe('one App.synth() call computes what cannot change within it once', () => {
  function fixture() {
    const cdk8sApp = new App({ outdir: os.tmpdir() });
    const built = secureApp({ cdk8sApp, app: { writePipelineDiagram: false } });
    return { cdk8sApp, ...built };
  }

  afterEach(() => jest.restoreAllMocks());

  test('every module component renders its spec once per synth, and the output is what Testing.synth writes', () => {
    const { cdk8sApp, chart } = fixture();
    const spec = jest.spyOn(KafkaIngress.prototype, '_renderSpec');
    const yaml = cdk8sApp.synthYaml();
    // The ConfigMap data, the module hash in three pod templates, the FlinkDeployment with and without
    // patches, in two validation passes: one module rendering.
    expect(spec).toHaveBeenCalledTimes(1);
    spec.mockClear();
    // Outside App.synth nothing is memoized (and the result is the same).
    expect(Testing.synth(chart)).toEqual(load((yaml)));
    expect(spec.mock.calls.length).toBeGreaterThan(1);
  });

  test('the FlinkDeployment renders without its patches once per synth', () => {
    const { cdk8sApp } = fixture();
    const unpatched = jest.spyOn(FlinkDeploymentObject.prototype as any, 'renderUnpatched');
    cdk8sApp.synthYaml();
    expect(unpatched).toHaveBeenCalledTimes(1);
  });

  test('a problem validation runs once per synth (cdk8s validates the app, then each chart again)', () => {
    const { cdk8sApp, chart } = fixture();
    let runs = 0;
    addProblemValidation(new Construct(chart, 'probe'), () => {
      runs++;
      return [];
    });
    cdk8sApp.synth();
    expect(runs).toBe(1);
    cdk8sApp.synthYaml();
    expect(runs).toBe(2);
    // Testing.synth validates the chart once per call, without memo.
    Testing.synth(chart);
    Testing.synth(chart);
    expect(runs).toBe(4);
  });

  test('a component added between two synth calls is in the second module and its hash', () => {
    const { cdk8sApp, chart, app, fn } = fixture();
    const first = load((cdk8sApp.synthYaml()));
    new KafkaIngress(chart, 'late-in', {
      app,
      ingressId: 'shop/late',
      address: 'kafka.streaming.svc:9092',
      consumerGroupId: 'shop',
      topics: [{ topic: 'shop.late', valueType: ValueType.of('shop/Late'), targets: [fn.functionType('order')] }],
    });
    const second = load((cdk8sApp.synthYaml()));
    const moduleOf = (ms: any[]) => ms.find((m) => m.kind === 'ConfigMap' && m.data?.['module.yaml']).data['module.yaml'];
    const hashOf = (ms: any[]) => ms.find((m) => m.kind === 'FlinkDeployment').spec.podTemplate.metadata.annotations;
    expect(moduleOf(first)).not.toContain('shop/late');
    expect(moduleOf(second)).toContain('shop/late');
    expect(hashOf(second)).not.toEqual(hashOf(first));
    expect(hashOf(second)).toEqual(hashOf(Testing.synth(chart)));
  });
});

/** The manifests of a synthYaml() text. */
function load(text: string): any[] {
  return parseAllDocuments(text).map((d) => d.toJS()).filter((m) => m !== null);
}
