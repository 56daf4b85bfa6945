import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../lib/cli/main';
import { readManifestSources } from '../lib/cli/manifest-sources';

const FIXTURES = path.join(__dirname, 'fixtures', 'lint');
const GUIDE = path.join(FIXTURES, 'product-guide-minimal.yaml');

function cli(args: string[], stdin = ''): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = runCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, readStdin: () => stdin });
  return { status, out, err };
}

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-lint-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n';

describe('reading manifests', () => {
  test('multi-document files, folders in name order, List items, and empty documents', () => {
    const dir = tempDir({
      'b.yaml': `${CONFIG_MAP}---\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: { name: sa }\n`,
      'a/x.yml': CONFIG_MAP,
      'notes.txt': 'not read',
      'node_modules/dep.yaml': CONFIG_MAP,
    });
    const read = readManifestSources([dir], () => '');
    expect(read.problems).toEqual([]);
    expect(read.files).toEqual([path.join(dir, 'a', 'x.yml'), path.join(dir, 'b.yaml')]);
    expect(read.manifests.map((m) => [path.basename(m.file), m.document, m.manifest.kind])).toEqual([
      ['x.yml', 0, 'ConfigMap'],
      ['b.yaml', 0, 'ConfigMap'],
      ['b.yaml', 2, 'ServiceAccount'],
    ]);
  });

  test('a field is located on its line, Flink keys with dots included', () => {
    const read = readManifestSources([GUIDE], () => '');
    const deployment = read.manifests.find((m) => m.manifest.kind === 'FlinkDeployment')!;
    const text = fs.readFileSync(GUIDE, 'utf8').split('\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    expect(deployment.lineOf('spec.job.jarURI')).toBe(lineOf('jarURI:'));
    expect(deployment.lineOf('spec.flinkConfiguration.state.checkpoints.dir')).toBe(lineOf('state.checkpoints.dir:'));
    expect(deployment.lineOf('spec.podTemplate.spec.containers[0].volumeMounts[0].mountPath')).toBe(lineOf('mountPath: /opt/flink/conf'));
    // A field that is not written falls back to the deepest parent that is.
    expect(deployment.lineOf('spec.job.entryClass')).toBe(lineOf('job:'));
  });

  test('what is not a Kubernetes object is an input problem with its line', () => {
    const dir = tempDir({ 'bad.yaml': `${CONFIG_MAP}---\nkey: [unclosed\n`, 'scalar.yaml': 'just text\n' });
    const read = readManifestSources([dir, path.join(dir, 'missing.yaml')], () => '');
    expect(read.manifests).toHaveLength(1);
    expect(read.problems.map((p) => [path.basename(p.file), p.document, p.line, p.message.split(':')[0]])).toEqual([
      ['bad.yaml', 1, 9, 'not valid YAML'], // the yaml parser reports an unclosed flow at the end of input,
      ['scalar.yaml', 0, 1, 'not a Kubernetes object (expected a mapping with apiVersion and kind)'],
      ['missing.yaml', undefined, undefined, 'no such file or folder'],
    ]);
  });
});

describe('cdk8s-statefun lint: exit status and formats', () => {
  test('clean input: exit 0 and the summary line', () => {
    const dir = tempDir({ 'cm.yaml': CONFIG_MAP });
    expect(cli(['lint', dir])).toEqual({ status: 0, out: 'no findings in 1 object from 1 file\n', err: '' });
  });

  test('standard input with -', () => {
    expect(cli(['lint', '-'], CONFIG_MAP).out).toBe('no findings in 1 object from 1 file\n');
  });

  test('unreadable input: exit 1 with one line per problem', () => {
    const dir = tempDir({ 'bad.yaml': 'key: [unclosed\n' });
    const r = cli(['lint', path.join(dir, 'bad.yaml')]);
    expect(r.status).toBe(1);
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^${escape(path.join(dir, 'bad.yaml'))}:2: error input \\(document 1\\): not valid YAML: `));
    expect(r.out.trim().split('\n').pop()).toBe('1 error, 0 warnings in 0 objects from 1 file');
  });

  test('wrong usage: exit 2 with the reason on stderr', () => {
    expect(cli(['lint']).status).toBe(2);
    const r = cli(['lint', '--operator', '1.9', 'x.yaml']);
    expect(r.status).toBe(2);
    expect(r.err).toContain("option '--operator <version>' argument '1.9' is invalid");
    expect(cli(['lint', '--format', 'xml', 'x.yaml']).status).toBe(2);
    expect(cli(['frobnicate']).status).toBe(2);
  });

  test('--help and --version exit 0', () => {
    const help = cli(['lint', '--help']);
    expect(help.status).toBe(0);
    expect(help.out).toContain('--operator <version>');
    expect(cli(['--version']).status).toBe(0);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
