import * as fs from 'fs';
import * as path from 'path';
import { ModuleImport, ModuleImportOptions } from '../lib';
import { addEverything, moduleDocs, newApp, synthValid } from './fixtures/modules/harness';

const FIXTURES = path.join(__dirname, 'fixtures', 'modules');
const OPT_IN: ModuleImportOptions = { acceptMissingTransactionalIdPrefix: true };

/** render → import → addTo a fresh app → render */
function reimport(text: string, namespace?: string): string {
  const t = newApp({}, namespace);
  // The functions' Services stay in the app the module came from.
  ModuleImport.fromYaml(text, OPT_IN).addTo(t.chart, t.app, { endpointsServedOutsideApp: true });
  synthValid(t.chart);
  return t.app.renderModule();
}

describe('round trip', () => {
  test('a module with every component kind and option renders byte-identical after import', () => {
    const t = newApp();
    const expected = addEverything(t.chart, t.app);
    synthValid(t.chart);
    const first = t.app.renderModule();
    const second = reimport(first);
    expect(second).toBe(first);
    expect(moduleDocs(t.app)).toEqual(expected);
  });

  test('the imported model holds every option (not only the same text)', () => {
    const t = newApp();
    addEverything(t.chart, t.app);
    const imported = ModuleImport.fromYaml(t.app.renderModule(), OPT_IN);
    expect(imported.httpEndpoints).toHaveLength(3);
    expect(imported.kafkaIngresses.map((i) => i.ingressId)).toEqual(['shop/orders', 'shop/payments']);
    expect(imported.kafkaIngresses[0].startupPosition!.offsets).toEqual([{ topic: 'orders', partition: 0, offset: 10 }, { topic: 'returns', partition: 2, offset: 0 }]);
    expect(imported.kafkaIngresses[1].startupPosition!.startDate!.toISOString()).toBe('2026-04-23T08:00:00.250Z');
    expect(imported.kinesisIngresses.map((i) => [i.ingressId, i.streamName, i.region!.type, i.credentials!.type])).toEqual([
      ['shop/clicks', 'click-stream', 'custom-endpoint', 'basic'],
      ['shop/views', undefined, 'specific', 'profile'],
    ]);
    const semantics = imported.kafkaEgresses.map((e) => [
      e.egressId, e.deliverySemantic!.type, e.deliverySemantic!.transactionTimeout?.toMilliseconds(),
    ]);
    expect(semantics).toEqual([
      ['shop/events', 'at-least-once', undefined], ['shop/metrics', 'none', undefined], ['shop/receipts', 'exactly-once', 300_000],
    ]);
    expect(imported.kinesisEgresses.map((e) => [e.egressId, e.maxOutstandingRecords])).toEqual([['shop/archive', undefined], ['shop/audit', 4000]]);
  });

  test.each(['release-gate.yaml', 'legacy-v3_0.yaml'])('%s: one import normalizes it, a second import changes nothing', (name) => {
    // The release gate's LocalStack endpoint is in its own namespace (emulator keys are accepted only there).
    const namespace = name === 'release-gate.yaml' ? 'statefun-e2e' : undefined;
    const once = reimport(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), namespace);
    expect(reimport(once, namespace)).toBe(once);
  });
});
