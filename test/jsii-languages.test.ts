/**
 * Every jsii language, offline: the public API contains nothing the generated bindings cannot express,
 * and `jsii-pacmak --code-only` generates Python, Java, .NET and Go sources that the toolchains on this
 * machine accept (Python: every module through `py_compile`; Java: every file through the JDK parser;
 * .NET and Go: no toolchain here, so generation and the renamed members are checked).
 *
 * Reads the `.jsii` assembly, which `npm test` builds first (the `jsii` step); `--code-only` skips the
 * packaging steps that download setuptools/twine (PyPI), the jsii runtime jars (Maven Central), NuGet
 * packages and Go modules. Name rules: jsii's Python generator lifts struct properties into keyword
 * arguments of the same function (aws/jsii: packages/jsii-pacmak/lib/targets/python.ts), so a property
 * named like another parameter is a duplicate argument; Java builders have a `build()` method
 * (jsii-pacmak lib/targets/java.ts); a C# member cannot share its enclosing type's name (CS0542).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const ASSEMBLY = path.join(ROOT, '.jsii');

interface JsiiParam { readonly name: string; readonly type: { fqn?: string } }
interface JsiiCallable { readonly name?: string; readonly parameters?: JsiiParam[] }
interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly fqn: string;
  readonly datatype?: boolean;
  readonly interfaces?: string[];
  readonly properties?: Array<{ name: string }>;
  readonly methods?: JsiiCallable[];
  readonly initializer?: JsiiCallable;
}

function loadAssembly(): { name: string; targets: Record<string, any>; types: Record<string, JsiiType> } {
  if (!fs.existsSync(ASSEMBLY)) {
    throw new Error(`${ASSEMBLY} is missing: run \`npx jsii --silence-warnings=reserved-word\` first (npm test does)`);
  }
  return JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8'));
}

const assembly = loadAssembly();
const types = assembly.types;

/** All properties of a struct, including those inherited from the structs it extends. */
function structProperties(fqn: string, seen = new Set<string>()): string[] {
  const t = types[fqn];
  if (!t || seen.has(fqn)) return [];
  seen.add(fqn);
  return [...(t.properties ?? []).map((p) => p.name), ...(t.interfaces ?? []).flatMap((i) => structProperties(i, seen))];
}

function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

function walk(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, ext) : e.name.endsWith(ext) ? [p] : [];
  });
}

describe('public API fits every jsii language', () => {
  test('every language target is configured', () => {
    expect(Object.keys(assembly.targets).sort()).toEqual(['dotnet', 'go', 'java', 'js', 'python']);
  });

  test('no struct property is named like a parameter of a function that takes the struct', () => {
    const clashes: string[] = [];
    for (const t of Object.values(types)) {
      const callables = [...(t.initializer ? [{ ...t.initializer, name: '<init>' }] : []), ...(t.methods ?? [])];
      for (const c of callables) {
        const params = c.parameters ?? [];
        for (const p of params) {
          const struct = p.type.fqn ? types[p.type.fqn] : undefined;
          if (!struct?.datatype) continue;
          for (const prop of structProperties(struct.fqn)) {
            if (params.some((other) => other !== p && other.name === prop)) clashes.push(`${t.name}.${c.name}(${params.map((x) => x.name).join(', ')}): ${struct.name}.${prop}`);
          }
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  test('no struct has a property named id, scope, props or build', () => {
    const bad = Object.values(types).filter((t) => t.datatype)
      .flatMap((t) => (t.properties ?? []).filter((p) => ['id', 'scope', 'props', 'build'].includes(p.name)).map((p) => `${t.name}.${p.name}`));
    expect(bad).toEqual([]);
  });

  test('no member shares its type\'s name (a C# compile error)', () => {
    const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    const bad = Object.values(types).flatMap((t) => [...(t.properties ?? []), ...(t.methods ?? [])]
      .filter((m) => m.name !== undefined && pascal(m.name) === t.name).map((m) => `${t.name}.${m.name}`));
    expect(bad).toEqual([]);
  });

  test('ingresses and egresses are named by ingressId / egressId in every binding', () => {
    expect(structProperties(`${assembly.name}.KafkaIngressProps`)).toContain('ingressId');
    expect(structProperties(`${assembly.name}.KinesisIngressProps`)).toContain('ingressId');
    expect(structProperties(`${assembly.name}.KafkaEgressProps`)).toContain('egressId');
    expect(structProperties(`${assembly.name}.KinesisEgressProps`)).toContain('egressId');
  });
});

describe('jsii-pacmak --code-only, offline', () => {
  let out: string;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-statefun-pacmak-'));
    const pacmak = path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak');
    execFileSync(pacmak, ['--code-only', '--target', 'python', '--target', 'java', '--target', 'dotnet', '--target', 'go', '--outdir', out], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0] },
    });
  }, 180_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  test('Python: every generated module compiles (py_compile) and constructors take ingress_id', () => {
    const modules = walk(path.join(out, 'python'), '.py');
    expect(modules.length).toBeGreaterThan(1);
    const script = 'import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True, cfile=f + "c.tmp")\nprint(len(sys.argv) - 1)';
    const r = spawnSync('python3', ['-c', script, ...modules], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(String(modules.length));
    const init = fs.readFileSync(path.join(out, 'python', 'src', 'cdk8s_statefun', '__init__.py'), 'utf8');
    const cls = init.slice(init.indexOf('class KafkaIngress('));
    const ctor = cls.slice(cls.indexOf('def __init__('), cls.indexOf(') -> None:'));
    expect(ctor.match(/^\s+id: builtins\.str,$/gm)).toHaveLength(1);
    expect(ctor).toMatch(/^\s+ingress_id: builtins\.str,$/m);
  });

  const java = has('java', ['-version']);
  (java ? test : test.skip)('Java: every generated source parses (JDK front end; dependencies are not on this machine)', () => {
    const sources = walk(path.join(out, 'java'), '.java');
    expect(sources.length).toBeGreaterThan(50);
    const r = spawnSync('java', [path.join(__dirname, 'support', 'JavaSyntaxCheck.java'), ...sources], { encoding: 'utf8' });
    expect(r.stdout).toContain(`parsed ${sources.length} files, 0 syntax errors`);
    expect(r.status).toBe(0);
    const builder = fs.readFileSync(sources.find((s) => s.endsWith(`${path.sep}KafkaIngressProps.java`))!, 'utf8');
    expect(builder).toContain('public Builder ingressId(java.lang.String ingressId)');
  });

  test('.NET: sources are generated (no dotnet toolchain here to compile them)', () => {
    const sources = walk(path.join(out, 'dotnet'), '.cs');
    expect(sources.length).toBeGreaterThan(50);
    const props = fs.readFileSync(sources.find((s) => s.endsWith(`${path.sep}KafkaIngressProps.cs`))!, 'utf8');
    expect(props).toMatch(/public string IngressId\b/);
  });

  test('Go: a module is generated (no go toolchain here to build it)', () => {
    const dir = path.join(out, 'go', 'cdk8sstatefun');
    expect(fs.readFileSync(path.join(dir, 'go.mod'), 'utf8')).toMatch(/^module github\.com\/cdk8s-statefun\/cdk8s-statefun-go\/cdk8sstatefun$/m);
    const ingress = fs.readFileSync(path.join(dir, 'KafkaIngressProps.go'), 'utf8');
    expect(ingress).toMatch(/IngressId \*string `field:"required" json:"ingressId" yaml:"ingressId"`/);
    // Every file declares the package of its directory (cdk8sstatefun, its internal and jsii packages).
    const wrong = walk(dir, '.go').filter((f) => !new RegExp(`^package ${path.basename(path.dirname(f))}$`, 'm').test(fs.readFileSync(f, 'utf8')));
    expect(wrong).toEqual([]);
  });
});
