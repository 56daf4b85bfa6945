/**
 * What `npm publish` uploads: only what consumers load (compiled JS and declarations of lib/, the
 * `.jsii` assembly, README, CHANGELOG, LICENSE, the bundled `yaml` and `commander`, the CLI's `bin/`), every declaration file reachable
 * and complete, no source maps, a real version with a CHANGELOG entry, engines, Construct Hub metadata.
 * Reads build/ and .jsii, which `npm test` compiles first (jsii). `npm pack --dry-run` and
 * `npm publish --dry-run --offline` need no registry.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface PackResult { readonly size: number; readonly unpackedSize: number; readonly files: Array<{ path: string; size: number }> }

function npm(args: string[]): string {
  return execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

let packed: PackResult;
let files: string[];

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'build', 'lib', 'index.js'))) {
    throw new Error('build/ is missing: run `npx jsii --silence-warnings=reserved-word` first (npm test does)');
  }
  packed = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']))[0];
  files = packed.files.map((f) => f.path).sort();
}, 120_000);

describe('the npm package', () => {
  test('holds what consumers load and nothing else', () => {
    // Bundled: yaml (the library's), commander (the cdk8s-statefun CLI's argument parser, loaded only by bin/).
    const outside = files.filter((f) => !f.startsWith('build/lib/') && !f.startsWith('node_modules/yaml/') && !f.startsWith('node_modules/commander/'));
    expect(outside).toEqual(['.jsii', 'CHANGELOG.md', 'LICENSE', 'README.md', 'bin/cdk8s-statefun', 'package.json']);
    expect(files).toContain(pkg.main);
    expect(files).toContain(pkg.types);
    // Data the library reads at runtime (lib/data, copied by the compile task) ships next to the JS.
    const data = fs.readdirSync(path.join(ROOT, 'lib', 'data')).map((f) => `build/lib/data/${f}`);
    expect(data.length).toBeGreaterThan(0);
    expect(data.filter((f) => !files.includes(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('build/lib/') && !/\.(js|d\.ts)$/.test(f) && !data.includes(f))).toEqual([]);
    // Every lib source compiles to a shipped .js (flink-deployment-object's declaration is the one left out).
    const sources = fs.readdirSync(path.join(ROOT, 'lib'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(sources.map((f) => `build/lib/${f.replace(/\.ts$/, '.js')}`).filter((f) => !files.includes(f))).toEqual([]);
  });

  test('no source maps, neither as files nor inline', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const inline = files.filter((f) => f.startsWith('build/lib/') && f.endsWith('.js'))
      .filter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').includes('sourceMappingURL'));
    expect(inline).toEqual([]);
  });

  test('every declaration file reachable from the entry point is shipped; none reaches the generated binding', () => {
    const seen = new Set<string>();
    const missing: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!files.includes(file)) {
        missing.push(file);
        return;
      }
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), `${m[1]}.d.ts`)));
      }
    };
    visit(pkg.types);
    expect(missing).toEqual([]);
    expect([...seen].filter((f) => f.includes('imports/'))).toEqual([]);
    expect(seen.size).toBeGreaterThan(30);
  });

  test('the README states the packed size (within 10 %)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /The npm tarball is about\s+(\d+) kB packed \(([\d.]+) MB unpacked/.exec(readme);
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m![1]) * 1000 - packed.size) / packed.size).toBeLessThan(0.1);
    expect(Math.abs(Number(m![2]) * 1e6 - packed.unpackedSize) / packed.unpackedSize).toBeLessThan(0.1);
  });

  test('npm publish --dry-run works offline and would publish this version', () => {
    const out = execFileSync('npm', ['publish', '--dry-run', '--offline', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain(`+ ${pkg.name}@${pkg.version}`);
  }, 120_000);
});

describe('package metadata', () => {
  test('a real 0.x version with its CHANGELOG entry', () => {
    expect(pkg.version).toMatch(/^0\.\d+\.\d+$/);
    expect(pkg.version).not.toBe('0.0.0');
    expect(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
  });

  test('engines: Node.js 20 or newer (what CI runs)', () => {
    expect(pkg.engines).toEqual({ node: '>= 20.0.0' });
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
  });

  test('Construct Hub: cdk8s keywords, Apache-2.0, a jsii assembly naming every language target', () => {
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cdk', 'cdk8s', 'kubernetes']));
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.repository.url).toMatch(/^https:\/\/github\.com\//);
    expect(pkg.peerDependencies).toMatchObject({ cdk8s: expect.any(String), constructs: expect.any(String) });
    const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
    expect(assembly.version).toBe(pkg.version);
    expect(assembly.dependencies).toHaveProperty('cdk8s');
    expect(Object.keys(assembly.targets).sort()).toEqual(['dotnet', 'go', 'java', 'js', 'python']);
  });
});
