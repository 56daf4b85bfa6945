/**
 * Errors a person can read: every problem first, one line each, and no stack frames of the library,
 * cdk8s or Node.js where the library controls the throw (construction-time problems, and the cdk8s
 * validation error of app.synth(), which the library rethrows with the same message).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, JsonPatch } from 'cdk8s';
import { ModuleImport, RestartStrategy, StateFunApp } from '../lib';
import { ProblemError } from '../lib/errors';
import { flinkApp } from './fixtures/flink/app';

const ROOT = path.join(__dirname, '..');

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

function frames(e: Error): string[] {
  return (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
}

describe('readable errors', () => {
  test('a construction-time error: the problems, then only the caller\'s frames', () => {
    const e = caught(() => new StateFunApp(new Chart(new App(), 'c'), 'app', { checkpointing: { interval: Duration.millis(5), timeout: Duration.millis(1) } }));
    expect(e).toBeInstanceOf(ProblemError);
    expect(e.stack!.split('\n').slice(0, 3)).toEqual([
      'ProblemError: Invalid configuration:',
      '  [c/app] checkpointing.interval = Duration(5 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(10)',
      '  [c/app] checkpointing.timeout = Duration(1 milli): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(600)',
    ]);
    expect(frames(e).length).toBeGreaterThan(0);
    for (const f of frames(e)) {
      expect(f).not.toMatch(/[\\/]lib[\\/]|node_modules[\\/](cdk8s|constructs)[\\/]|\(node:/);
    }
    expect(frames(e).some((f) => f.includes('readable-errors.test.ts'))).toBe(true);
  });

  test('an importer error (a module.yaml that cannot be read): the problem, then only the caller\'s frames', () => {
    const e = caught(() => ModuleImport.fromFile('/nonexistent/module.yaml'));
    expect(e).toBeInstanceOf(ProblemError);
    expect(e.stack!.split('\n')[0]).toBe(`ProblemError: module.yaml cannot be imported: "/nonexistent/module.yaml" cannot be read (ENOENT). Fix: pass the path of an existing module.yaml (relative paths resolve from ${process.cwd()})`);
    for (const f of frames(e)) expect(f).not.toMatch(/[\\/]lib[\\/]|node_modules[\\/](cdk8s|constructs)[\\/]|\(node:/);
    expect(frames(e).some((f) => f.includes('readable-errors.test.ts'))).toBe(true);
  });

  test('a factory called with wrong types (RestartStrategy.failureRate({})): the problems, then only the caller\'s frames', () => {
    const e = caught(() => RestartStrategy.failureRate({} as any));
    expect(e).toBeInstanceOf(ProblemError);
    expect(e.stack!.split('\n')[0]).toBe('ProblemError: Invalid configuration:');
    for (const f of frames(e)) expect(f).not.toMatch(/[\\/]lib[\\/]|node_modules[\\/](cdk8s|constructs)[\\/]|\(node:/);
    expect(frames(e).some((f) => f.includes('readable-errors.test.ts'))).toBe(true);
  });

  test('app.synth(): the validation error keeps its message, loses the frames of cdk8s and the library, writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readable-'));
    const { app } = flinkApp();
    const root = app.node.root as App;
    (root as any).outdir = outdir;
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/job/jarURI', 'local:///x.jar'));
    const e = caught(() => root.synth());
    expect(e).toBeInstanceOf(ProblemError);
    expect(e.message).toBe('Validation failed with the following errors:\n  [c/app/Resource] spec.job.jarURI = "local:///x.jar": a JSON patch changed it from "local:///opt/flink/statefun-flink-runner.jar", which the library fixes. Fix: drop the patch: the job is the StateFun runner of the image (local:///opt/flink/statefun-flink-runner.jar); no other jar runs the module');
    for (const f of frames(e)) expect(f).not.toMatch(/[\\/]lib[\\/]|node_modules[\\/](cdk8s|constructs)[\\/]/);
    expect(fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml'))).toEqual([]);
  });

  test('printed by Node.js for an uncaught error: the problem lines come first, no library source line or frame', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readable-'));
    const script = path.join(dir, 'main.ts');
    fs.writeFileSync(script, [
      `import { App, Chart, Duration } from ${JSON.stringify(require.resolve('cdk8s'))};`,
      `import { StateFunApp } from ${JSON.stringify(path.join(ROOT, 'lib'))};`,
      `new StateFunApp(new Chart(new App({ outdir: ${JSON.stringify(dir)} }), 'c'), 'app', { checkpointing: { interval: Duration.millis(5) } });`,
    ].join('\n'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf-8' });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    const first = lines.findIndex((l) => l.startsWith('ProblemError: '));
    expect(lines[first]).toBe('ProblemError: [c/app] checkpointing.interval = Duration(5 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(10)');
    expect(r.stderr).not.toMatch(/[\\/]lib[\\/]\w[\w-]*\.ts/);
  });
});
