import { parseAllDocuments } from 'yaml';
import { addEverything, moduleDocs, moduleFromManifests, newApp, synthValid } from './fixtures/modules/harness';

describe('module.yaml output', () => {
  test('parsed back, the rendered module equals the model for every component kind and option', () => {
    const t = newApp();
    const expected = addEverything(t.chart, t.app);
    expect(moduleDocs(t.app)).toEqual(expected);
    const manifests = synthValid(t.chart);
    expect(moduleFromManifests(manifests)).toBe(t.app.renderModule());
    synthValid(t.chart, '1.15');
  });

  test('order: endpoints, then ingresses, then egresses, each sorted by id (pattern), whatever the creation order', () => {
    const t = newApp();
    addEverything(t.chart, t.app);
    const docs = moduleDocs(t.app);
    const roles = docs.map((d) => d.kind.split('/')[1].replace('http', 'endpoint'));
    expect(roles).toEqual([...roles].sort((a, b) => ['endpoint', 'ingress', 'egress'].indexOf(a) - ['endpoint', 'ingress', 'egress'].indexOf(b)));
    for (const role of ['endpoint', 'ingress', 'egress']) {
      const keys = docs.filter((_, i) => roles[i] === role).map((d) => d.spec.id ?? d.spec.functions);
      expect(keys).toEqual([...keys].sort());
    }
  });

  test('a multi-document YAML stream: every document starts with ---, has exactly kind and spec, and the text is stable', () => {
    const a = newApp();
    addEverything(a.chart, a.app);
    const b = newApp();
    addEverything(b.chart, b.app);
    const text = a.app.renderModule();
    expect(text).toBe(b.app.renderModule());
    expect(text.startsWith('---\nkind: ')).toBe(true);
    const docs = parseAllDocuments(text);
    expect(docs).toHaveLength(12);
    for (const d of docs) expect(Object.keys(d.toJS())).toEqual(['kind', 'spec']);
  });

  test('strings the runtime\'s YAML 1.1 parser would read as booleans or numbers are quoted', () => {
    const t = newApp();
    addEverything(t.chart, t.app);
    expect(t.app.renderModule()).toContain('- client.rack: "on"');
    expect(t.app.renderModule()).toContain('- max.poll.records: "100"');
  });
});
