import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { OperatorVersion } from '../versions';
import { importManifests, writeImport } from './import';
import { lint } from './lint';
import { LINT_FORMATS, LintFormat, renderLintResult } from './lint-report';

/** Exit status: clean (warnings allowed). */
const EXIT_OK = 0;
/** Exit status: at least one error finding, or input that is not Kubernetes YAML. */
const EXIT_FINDINGS = 1;
/** Exit status: wrong usage. */
const EXIT_USAGE = 2;

/** What the CLI touches outside itself, so tests can run it in-process. @internal */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
}

const PROCESS_IO: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: () => fs.readFileSync(0, 'utf8'),
};

/**
 * `cdk8s-statefun lint PATH...`: the library's synth-time rules over existing YAML. Returns the exit
 * status (0 clean, 1 errors found, 2 wrong usage).
 * @internal
 */
export function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  const operators = Object.values(OperatorVersion) as string[];
  let status = EXIT_OK;
  const program = new Command()
    .name('cdk8s-statefun')
    .description('Check Flink Stateful Functions manifests with the rules cdk8s-statefun applies at synth.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program.command('lint')
    .description('Check FlinkDeployments, their module ConfigMaps and the function workloads in YAML files (multi-document; - for standard input)')
    .argument('<paths...>', 'YAML/JSON files or folders (searched recursively), or - for standard input')
    .addOption(new Option('--operator <version>', 'the oldest Flink Kubernetes Operator release the manifests must work on')
      .choices(operators).default(operators[operators.length - 1]))
    .addOption(new Option('--format <format>', 'output format').choices([...LINT_FORMATS]).default('text'))
    .action((paths: string[], opts: { operator: string; format: LintFormat }) => {
      const result = lint({ paths, operatorVersion: opts.operator, readStdin: io.readStdin });
      io.stdout(renderLintResult(result, opts.format, packageVersion()));
      status = result.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
    });

  program.command('import')
    .description('Write a cdk8s app that renders the FlinkDeployments, their module ConfigMaps, the function Deployments/Services and the FlinkStateSnapshots with the typed constructs')
    .argument('<paths...>', 'YAML/JSON files or folders (searched recursively), or - for standard input')
    .requiredOption('--out <dir>', 'folder for the app (main.ts, cdk8s.yaml, module.yaml, flink-conf.yaml; <app>.module.yaml, <app>.flink-conf.yaml per app when there are several)')
    .option('--force', 'overwrite the files of an existing app in --out')
    .option('--app <name>', 'import only this FlinkDeployment (default: every FlinkDeployment of the input)')
    .addOption(new Option('--operator <version>', 'the Flink Kubernetes Operator release the app targets (default: the oldest whose CRD accepts the flinkVersion and the resources fields)')
      .choices(operators))
    .action((paths: string[], opts: { out: string; force?: boolean; operator?: string; app?: string }) => {
      const result = importManifests({ paths, readStdin: io.readStdin, operatorVersion: opts.operator, app: opts.app });
      if (result.errors.length > 0) {
        io.stderr(`cannot import:\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
        status = EXIT_FINDINGS;
        return;
      }
      const existing = Object.keys(result.files).filter((f) => fs.existsSync(path.join(opts.out, f)));
      if (existing.length > 0 && !opts.force) {
        io.stderr(`${opts.out} already holds ${existing.join(', ')}; pass --force to overwrite\n`);
        status = EXIT_USAGE;
        return;
      }
      const written = writeImport(result, opts.out);
      const lines = [`wrote ${written.join(', ')}`];
      lines.push(`changed on purpose (${result.changes.length}):`, ...result.changes.map((c) => `  ${c}`));
      lines.push(`not expressed (${result.notExpressed.length}):`, ...result.notExpressed.map((c) => `  ${c}`));
      io.stdout(`${lines.join('\n')}\n`);
      status = EXIT_OK;
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof InvalidArgumentError) return EXIT_USAGE;
    throw e;
  }
  return status;
}

function packageVersion(): string {
  // build/lib/cli/main.js → package.json three levels up; lib/cli/main.ts (tests) two levels up.
  for (const rel of ['../../../package.json', '../../package.json']) {
    const file = path.join(__dirname, rel);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  }
  return '0.0.0';
}
