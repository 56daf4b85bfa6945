/* eslint-disable no-console */
/**
 * Synthesis benchmark: `npm run bench` (node --expose-gc --require tsx/cjs bench/synth-bench.ts).
 *
 * For N = 1, 10, 100, 1000 it synthesizes an app with N remote functions (each serving its own
 * namespace) and N Kafka ingresses (each routing one topic to one function), and a baseline that
 * emits the very same manifests through plain cdk8s ApiObjects. Every (N, library|baseline) case runs
 * in its own child process, so its peak memory is the child's max RSS and nothing leaks between cases.
 * It also times loading the compiled package in fresh processes.
 *
 * Output is markdown (tables ready for the README) on stdout; progress goes to stderr.
 * Options (environment): BENCH_SIZES=1,10,100 to run a subset; BENCH_SKIP_LOAD=1 to skip load times.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Cdk8s from 'cdk8s';
import type * as Lib from '../lib';

const ROOT = path.resolve(__dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '1,10,100,1000').split(',').map(Number);
const LOAD_RUNS = 9;

/** Timed runs per size: at least 5 for small apps, 3 at 1000. */
function runsFor(n: number): number {
  return n >= 1000 ? 3 : n >= 100 ? 5 : 7;
}

interface CaseResult {
  readonly objects: number;
  readonly bytes: number;
  /** Wall time of construct + synth to YAML, per timed run (ms). */
  readonly totalMs: number[];
  /** Construct-only share of each run (ms). */
  readonly constructMs: number[];
  /** CPU time (user + system) of each run (ms): less sensitive than wall time to other load on the machine. */
  readonly cpuMs: number[];
  /** RSS after loading modules (and, for the baseline, its input), after gc (bytes). */
  readonly rssBase: number;
  /** Max RSS of the process (bytes). */
  readonly maxRss: number;
}

// ---------------------------------------------------------------------------
// Child: one case
// ---------------------------------------------------------------------------

function gc(): void {
  const g = (global as any).gc;
  if (typeof g !== 'function') throw new Error('run with node --expose-gc');
  g();
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

type Built = { app: Cdk8s.App; constructed: number };

function libraryApp(lib: typeof Lib, cdk8s: typeof Cdk8s, n: number): Built {
  const { App, Chart } = cdk8s;
  const app = new App({ outdir: os.tmpdir() });
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  const store = lib.CheckpointStore.s3(chart, 'checkpoints', {
    bucket: 'bench-bucket',
    region: 'us-east-1',
    irsaRoleArn: 'arn:aws:iam::123456789012:role/statefun',
  });
  const statefun = new lib.StateFunApp(chart, 'statefun', { checkpointStore: store });
  for (let i = 0; i < n; i++) {
    const fn = new lib.RemoteFunction(chart, `fn-${i}`, { app: statefun, image: 'my-org/fn:1.0.0', functions: [`ns${i}/*`] });
    new lib.KafkaIngress(chart, `ingress-${i}`, {
      app: statefun,
      ingressId: `ns${i}/ingress`,
      address: 'kafka.bench.svc:9092',
      consumerGroupId: 'bench',
      topics: [{ topic: `topic-${i}`, valueType: lib.ValueType.of(`ns${i}/Event`), targets: [fn.functionType('handler')] }],
    });
  }
  return { app, constructed: now() };
}

function baselineApp(cdk8s: typeof Cdk8s, manifests: any[]): Built {
  const { ApiObject, App, Chart } = cdk8s;
  const app = new App({ outdir: os.tmpdir() });
  // No chart namespace: every manifest already carries its own.
  const chart = new Chart(app, 'bench');
  manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
  return { app, constructed: now() };
}

function runChild(mode: string, n: number, runs: number, dataFile: string): void {
  // Loaded here, not imported at the top, so the baseline process never loads the library (its memory
  // stays the baseline's); require, because dynamic import() goes through the ESM loader here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk8s = require('cdk8s') as typeof Cdk8s;
  let build: () => Built;
  let expected: string | undefined;
  if (mode === 'library') {
    // Source, not build/: the numbers always describe the current code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('../lib') as typeof Lib;
    build = () => libraryApp(lib, cdk8s, n);
  } else {
    const data = JSON.parse(fs.readFileSync(dataFile, 'utf-8'));
    expected = data.yaml;
    build = () => baselineApp(cdk8s, data.manifests);
  }
  gc();
  const rssBase = process.memoryUsage().rss;

  // Warm-up run, untimed: JIT, lazy requires; the library writes the baseline's input, the baseline checks its bytes.
  const warm = build().app;
  const yaml = warm.synthYaml();
  const manifests = warm.charts.flatMap((c) => c.toJson());
  if (mode === 'library') {
    fs.writeFileSync(dataFile, JSON.stringify({ manifests, yaml }));
  } else if (yaml !== expected) {
    throw new Error(`baseline output differs from the library output at N=${n}`);
  }

  const totalMs: number[] = [];
  const constructMs: number[] = [];
  const cpuMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    const cpu = process.cpuUsage();
    const start = now();
    const { app, constructed } = build();
    app.synthYaml();
    const end = now();
    const used = process.cpuUsage(cpu);
    totalMs.push(end - start);
    constructMs.push(constructed - start);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const result: CaseResult = {
    objects: manifests.length,
    bytes: Buffer.byteLength(yaml),
    totalMs,
    constructMs,
    cpuMs,
    rssBase,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(result));
}

// ---------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function runCase(mode: 'library' | 'baseline', n: number, dataFile: string): CaseResult {
  const runs = runsFor(n);
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, String(n), String(runs), dataFile], {
    cwd: ROOT,
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${mode} N=${n} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as CaseResult;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Compiles lib/ with jsii when build/ is missing or older than the sources; returns a note for the header. */
function ensureBuild(): string {
  const index = path.join(ROOT, 'build', 'lib', 'index.js');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(path.join(ROOT, 'lib'))) return 'build/ up to date';
  console.error('compiling with jsii (build/ missing or stale)...');
  const r = spawnSync('npx', ['jsii', '--silence-warnings=reserved-word'], { cwd: ROOT, encoding: 'utf-8' });
  if (!fs.existsSync(index)) throw new Error(`jsii produced no build/lib/index.js:\n${r.stdout}\n${r.stderr}`);
  // jsii emits JavaScript even when it reports API errors; loading time does not depend on them.
  return r.status === 0 ? 'build/ compiled with jsii' : 'build/ compiled with jsii (it reported API errors; JavaScript was emitted)';
}

interface LoadResult {
  readonly label: string;
  readonly requireMs: number;
  readonly wallMs: number;
  readonly rss: number;
}

function timeLoad(label: string, modules: string[]): LoadResult {
  const script = `const t=process.hrtime.bigint();${modules.map((m) => `require(${JSON.stringify(m)});`).join('')}`
    + 'process.stdout.write(JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,rss:process.memoryUsage().rss}))';
  const requireMs: number[] = [];
  const wallMs: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    const start = now();
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf-8' });
    wallMs.push(now() - start);
    if (child.status !== 0) throw new Error(`loading ${label} failed:\n${child.stderr}`);
    const out = JSON.parse(child.stdout);
    requireMs.push(out.ms);
    rss.push(out.rss);
  }
  return { label, requireMs: median(requireMs), wallMs: median(wallMs), rss: median(rss) };
}

function main(): void {
  const cpus = os.cpus();
  const out: string[] = [];
  out.push('## Synthesis benchmark', '');
  out.push(`- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`);
  out.push(`- Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  out.push('- App: N RemoteFunctions (`ns<i>/*`, autoscaled) + N KafkaIngresses (one topic → one function each), S3 checkpoint store with IRSA, namespace `bench`.');
  out.push('- Baseline: the library\'s own manifests re-emitted as plain `new ApiObject(chart, id, manifest)`; its YAML is asserted byte-identical to the library\'s once, outside the timing.');
  out.push('- Time: construct + `app.synthYaml()` (validation, resolution, YAML), median of k timed runs after one warm-up (k = 7 for N ≤ 10, 5 for N = 100, 3 for N = 1000), `global.gc()` before each run. CPU ms (user + system of the process) is shown too: it is less disturbed by other load on the machine than wall time, and it includes V8\'s background GC threads, so it can exceed wall time.');
  out.push('- Memory: every case runs in its own child process; "peak RSS" is the child\'s `process.resourceUsage().maxRSS`, "growth" is that minus the RSS after loading modules (and, for the baseline, its input) and `gc()`. Child processes rather than in-process sampling because synthesis is synchronous (no sampling point inside it) and heap deltas miss native and GC slack.');
  out.push('');
  out.push('| N | objects | YAML KiB | library ms | of which construct ms | baseline ms | ratio | CPU ms library / baseline | library µs/object | baseline µs/object | library peak RSS MiB (growth) | baseline peak RSS MiB (growth) |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-bench-'));
  try {
    for (const n of SIZES) {
      console.error(`N=${n}: library...`);
      const dataFile = path.join(tmp, `n${n}.json`);
      const lib = runCase('library', n, dataFile);
      console.error(`N=${n}: baseline...`);
      const base = runCase('baseline', n, dataFile);
      const l = median(lib.totalMs);
      const b = median(base.totalMs);
      out.push(`| ${n} | ${lib.objects} | ${(lib.bytes / 1024).toFixed(0)} | ${ms(l)} | ${ms(median(lib.constructMs))} | ${ms(b)} | ${(l / b).toFixed(1)}× `
        + `| ${ms(median(lib.cpuMs))} / ${ms(median(base.cpuMs))} `
        + `| ${(l * 1000 / lib.objects).toFixed(0)} | ${(b * 1000 / base.objects).toFixed(0)} `
        + `| ${mib(lib.maxRss)} (+${mib(lib.maxRss - lib.rssBase)}) | ${mib(base.maxRss)} (+${mib(base.maxRss - base.rssBase)}) |`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  if (!process.env.BENCH_SKIP_LOAD) {
    const note = ensureBuild();
    console.error('load times...');
    const resolve = (m: string) => require.resolve(m, { paths: [ROOT] });
    const built = path.join(ROOT, 'build', 'lib', 'index.js');
    const binding = path.join(ROOT, 'build', 'imports', 'flink.apache.org.js');
    const cases: Array<[string, string[]]> = [
      ['`node` alone (empty script)', []],
      ['`cdk8s`', [resolve('cdk8s')]],
      ['`cdk8s-plus-27` (includes cdk8s)', [resolve('cdk8s-plus-27')]],
      ['cdk8s-statefun `build/lib/index.js`', [built]],
    ];
    if (fs.existsSync(binding)) {
      cases.push(['generated FlinkDeployment binding `build/imports/flink.apache.org.js` alone', [binding]]);
      cases.push(['cdk8s-statefun + the binding (what a runtime import of the binding costs)', [built, binding]]);
    }
    out.push('', `### Package load time (fresh \`node -e\` process each, median of ${LOAD_RUNS}; ${note})`, '');
    out.push('| module | require ms | process wall ms | RSS after load MiB |');
    out.push('|---|---:|---:|---:|');
    for (const [label, modules] of cases) {
      const r = timeLoad(label, modules);
      out.push(`| ${r.label} | ${ms(r.requireMs)} | ${ms(r.wallMs)} | ${mib(r.rss)} |`);
    }
  }
  console.log(out.join('\n'));
}

if (process.argv[2] === '--child') {
  runChild(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]);
} else {
  main();
}
