import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifestDir } from './schemas';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** Example apps present in the repository (directories with a main.ts and a cdk8s.yaml). */
export function exampleNames(): string[] {
  return fs.readdirSync(EXAMPLES_DIR)
    .filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, 'main.ts')) && fs.existsSync(path.join(EXAMPLES_DIR, d, 'cdk8s.yaml')))
    .sort();
}

/**
 * Runs an example's main.ts in-process exactly as `cdk8s synth` would (the App writes to CDK8S_OUTDIR)
 * and returns the output directory and its manifests, in file and document order.
 */
export function synthExample(name: string): { outdir: string; manifests: any[]; files: string[] } {
  return synthAppDir(path.join(EXAMPLES_DIR, name), name);
}

/** Runs the main.ts of any cdk8s app folder (an example, or an app `cdk8s-statefun import` wrote) like `cdk8s synth`. */
export function synthAppDir(dir: string, name = path.basename(dir)): { outdir: string; manifests: any[]; files: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  const previous = process.env.CDK8S_OUTDIR;
  const cwd = process.cwd();
  process.env.CDK8S_OUTDIR = outdir;
  // What the app announces on stderr for `cdk8s synth` (the pipeline diagram) is not test output.
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    // Examples resolve relative files (e.g. an imported module.yaml) from their own directory, as under cdk8s synth.
    process.chdir(dir);
    jest.isolateModules(() => {
      // A fresh module registry per run: the example's top-level code is the app, run like `cdk8s synth` runs it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(dir, 'main.ts'));
    });
  } finally {
    stderr.mockRestore();
    process.chdir(cwd);
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
  return { outdir, manifests: loadManifestDir(outdir), files: fs.readdirSync(outdir).sort() };
}
