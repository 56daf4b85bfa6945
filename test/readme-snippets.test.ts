/**
 * Every TypeScript snippet in README.md and the examples' READMEs compiles as pasted: each ```ts block
 * is type-checked as its own module, with the test tsconfig's strict options and `cdk8s-statefun`
 * resolved to build/lib/index.d.ts, the declarations the package ships (jsii writes them; `npm test`
 * runs jsii first).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

interface Snippet { readonly file: string; readonly line: number; readonly code: string }

function snippets(readme: string): Snippet[] {
  const text = fs.readFileSync(readme, 'utf8');
  const found: Snippet[] = [];
  const fence = /^```(?:ts|typescript)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    found.push({ file: path.relative(ROOT, readme), line: text.slice(0, m.index).split('\n').length, code: m[1] });
  }
  return found;
}

const READMES = [
  path.join(ROOT, 'README.md'),
  ...fs.readdirSync(path.join(ROOT, 'examples')).map((d) => path.join(ROOT, 'examples', d, 'README.md')).filter((f) => fs.existsSync(f)),
];
const ALL = READMES.flatMap(snippets);

describe('README snippets', () => {
  test('the README has TypeScript snippets, and every one imports what it uses from the package', () => {
    expect(ALL.filter((s) => s.file === 'README.md').length).toBeGreaterThanOrEqual(3);
    expect(ALL.filter((s) => !/^import .* from 'cdk8s-statefun';$/m.test(s.code) && !/^} from 'cdk8s-statefun';$/m.test(s.code)).map((s) => `${s.file}:${s.line}`)).toEqual([]);
  });

  test('every snippet type-checks as pasted', () => {
    const configFile = ts.readConfigFile(path.join(ROOT, 'test', 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, path.join(ROOT, 'test'));
    const types = path.join(ROOT, 'build', 'lib', 'index.d.ts');
    if (!fs.existsSync(types)) throw new Error(`${types} is missing: run \`npx jsii --silence-warnings=reserved-word\` first (npm test does)`);
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, paths: { 'cdk8s-statefun': [types] } };
    // Virtual files next to the tests, so node_modules and the paths mapping resolve as for a test file.
    const virtual = new Map(ALL.map((s, i) => [path.join(ROOT, 'test', `__readme_snippet_${i}.ts`), s] as const));
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, target, onError, create) => {
      const s = virtual.get(path.resolve(name));
      return s ? ts.createSourceFile(name, s.code, target) : getSourceFile(name, target, onError, create);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists(name);
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const s = d.file ? virtual.get(path.resolve(d.file.fileName)) : undefined;
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const location = s && where ? `${s.file}:${s.line + 1 + where.line}` : d.file?.fileName ?? '(global)';
      return `${location}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
