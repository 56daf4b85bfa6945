/* eslint-disable no-console */
/**
 * Lint benchmark: `npm run bench:lint` (node --require tsx/cjs bench/lint-bench.ts).
 *
 * Synthesizes YAML with the library (one StateFun app with many remote functions and Kafka ingresses,
 * and many small apps, each with its FlinkDeployment and module ConfigMap), writes it to a file, then
 * runs `cdk8s-statefun lint` on it in-process: the first run includes start-up (loading the rules and
 * the CRD validators, first use of every code path); the timed runs after it are what a few hundred
 * objects cost (wall and CPU time: CPU time is less sensitive to other load on the machine). Markdown on stdout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Chart } from 'cdk8s';
import { CheckpointStore, KafkaIngress, RemoteFunction, StateFunApp, ValueType } from '../lib';
import { lint } from '../lib/cli/lint';

const RUNS = 7;

function addApp(app: App, name: string, functions: number): void {
  const chart = new Chart(app, name, { namespace: name });
  const store = CheckpointStore.s3(chart, 'checkpoints', { bucket: 'bench-bucket', region: 'us-east-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/statefun' });
  const statefun = new StateFunApp(chart, 'statefun', { checkpointStore: store });
  for (let i = 0; i < functions; i++) {
    const fn = new RemoteFunction(chart, `fn-${i}`, { app: statefun, image: 'my-org/fn:1.0.0', functions: [`ns${i}/*`] });
    new KafkaIngress(chart, `ingress-${i}`, {
      app: statefun,
      ingressId: `ns${i}/ingress`,
      address: 'kafka.bench.svc:9092',
      consumerGroupId: 'bench',
      topics: [{ topic: `topic-${i}`, valueType: ValueType.of(`ns${i}/Event`), targets: [fn.functionType('handler')] }],
    });
  }
}

function yamlOf(build: (app: App) => void): string {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'lint-bench-')) });
  build(app);
  return app.synthYaml();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const cases: Array<[string, string]> = [
  ['1 app, 60 functions', yamlOf((app) => addApp(app, 'big', 60))],
  ['20 apps, 3 functions each', yamlOf((app) => { for (let i = 0; i < 20; i++) addApp(app, `app-${i}`, 3); })],
];

console.log(`load average at start: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
console.log('| input | objects | FlinkDeployments | first run (start-up) ms | median of next runs ms | CPU ms (median) | findings |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, text] of cases) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lint-bench-')), 'all.yaml');
  fs.writeFileSync(file, text);
  const run = () => lint({ paths: [file], operatorVersion: '1.15', readStdin: () => '' });
  let t = performance.now();
  const first = run();
  const firstMs = performance.now() - t;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    const c = process.cpuUsage();
    run();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const deployments = (text.match(/^kind: FlinkDeployment$/gm) ?? []).length;
  console.log(`| ${name} | ${first.objects} | ${deployments} | ${firstMs.toFixed(0)} | ${median(times).toFixed(0)} | ${median(cpu).toFixed(0)} | ${first.findings.length} |`);
}
