import { JsonPatch, Testing } from 'cdk8s';
import { StateFunImage } from '../lib';
import { describeProblem } from '../lib/errors';
import { deploymentSchemeProblems, KZMLABS_FILESYSTEM_SCHEMES } from '../lib/filesystem-schemes';
import { fileSystemSchemeRule } from '../lib/rules/filesystem-schemes';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';

const field = (k: string) => `flinkConfiguration['${k}']`;
const check = (spec: any, conf: Record<string, string>, schemes = KZMLABS_FILESYSTEM_SCHEMES) =>
  deploymentSchemeProblems(spec, conf, schemes, 'the image x:1', field).map(describeProblem);
const SERVED = 'the image x:1 serves abfs://, abfss://, oss://, s3://, s3p://, wasb://, wasbs://';

describe('every URI Flink opens uses a scheme the image serves', () => {
  test("the Kzmlabs image's plugins: presto S3, OSS, Azure", () => {
    expect(StateFunImage.kzmlabs().fileSystemSchemes).toEqual(['abfs', 'abfss', 'oss', 's3', 's3p', 'wasb', 'wasbs']);
    for (const s of ['s3', 's3p', 'oss', 'abfs', 'abfss', 'wasb', 'wasbs']) {
      expect(check({ job: { initialSavepointPath: `${s}://b/sp/savepoint-1` } }, {})).toEqual([]);
    }
  });

  test.each<[string, any, Record<string, string>, string]>([
    ['initialSavepointPath s3a://', { job: { initialSavepointPath: 's3a://shop/sp/savepoint-1' } }, {},
      `initialSavepointPath = "s3a://shop/sp/savepoint-1": s3a:// is served by flink-s3-fs-hadoop, which the image does not have (its S3 plugin is presto: s3://, s3p://), so Flink fails when it opens it ("Could not find a file system implementation for scheme 's3a'"); ${SERVED}. Fix: write 's3://shop/sp/savepoint-1' (same bucket and key through the presto S3 plugin)`],
    ['checkpoint dir gs://', {}, { 'execution.checkpointing.dir': 'gs://shop/cp' },
      `flinkConfiguration['execution.checkpointing.dir'] = "gs://shop/cp": gs:// is served by flink-gs-fs-hadoop, which the image does not have, so Flink fails when it opens it ("Could not find a file system implementation for scheme 'gs'"); ${SERVED}. Fix: use CheckpointStore.gcsViaS3Interop(...) (s3:// with HMAC keys), or an image with the GCS plugin declared as StateFunImage.fromImage(image, basedOnTag, { fileSystemSchemes: [..., 'gs'] })`],
    ['HA storage hdfs://', {}, { 'high-availability.storageDir': 'hdfs://nn:8020/flink/ha' },
      `flinkConfiguration['high-availability.storageDir'] = "hdfs://nn:8020/flink/ha": hdfs:// needs Hadoop and an HDFS client configuration, which the image does not have, so Flink fails when it opens it ("Could not find a file system implementation for scheme 'hdfs'"); ${SERVED}. Fix: keep state in an object store the image serves (CheckpointStore.s3(...), .azure(...)), or declare an image with HDFS support through StateFunImage.fromImage(image, basedOnTag, { fileSystemSchemes })`],
    ['savepoint dir on the pod (file://)', {}, { 'execution.checkpointing.savepoint-dir': 'file:///tmp/savepoints' },
      "flinkConfiguration['execution.checkpointing.savepoint-dir'] = \"file:///tmp/savepoints\": a file:// path is the pod's own disk: gone when the pod is replaced and not shared between the JobManager and the TaskManagers, so checkpoints and savepoints cannot be restored. Fix: use a checkpoint store (checkpointStore: CheckpointStore.s3(...) or another durable store) instead of a local path"],
    ['changelog base path without a scheme', {}, { 'state.changelog.dstl.dfs.base-path': '/data/changelog' },
      "flinkConfiguration['state.changelog.dstl.dfs.base-path'] = \"/data/changelog\": a path without a scheme resolves against Flink's default filesystem, the pod's own disk (file://): gone when the pod is replaced and not shared between the JobManager and the TaskManagers, so checkpoints and savepoints cannot be restored. Fix: write a full URI with a scheme the image serves (abfs://, abfss://, oss://, s3://, s3p://, wasb://, wasbs://), e.g. 's3://my-bucket/...', or use a checkpoint store (checkpointStore: CheckpointStore.s3(...) or another durable store) instead of a local path"],
    ['a deprecated alias still read (state.checkpoints.dir)', {}, { 'state.checkpoints.dir': 'minio://b/cp' },
      `flinkConfiguration['state.checkpoints.dir'] = "minio://b/cp": no filesystem plugin in the image serves minio://, so Flink fails when it opens it ("Could not find a file system implementation for scheme 'minio'"); ${SERVED}. Fix: use one of those schemes, or declare the image's plugins with StateFunImage.fromImage(image, basedOnTag, { fileSystemSchemes: [..., 'minio'] })`],
  ])('%s', (_name, spec, conf, message) => {
    expect(check(spec, conf)).toEqual([message]);
  });

  test('an image that declares its plugins: gs:// accepted, s3:// then refused', () => {
    expect(check({}, { 'execution.checkpointing.dir': 'gs://b/cp' }, ['gs'])).toEqual([]);
    expect(check({}, { 'execution.checkpointing.dir': 's3://b/cp' }, ['gs'])[0]).toContain('no filesystem plugin in the image serves s3://');
  });
});

describe('in the app (typed settings, extras and JSON patches)', () => {
  test("the app's own directories pass; initialSavepointPath: 's3a://…' is refused", () => {
    expect(() => synth(flinkApp().chart)).not.toThrow();
    expect(synthError(flinkApp({ initialSavepointPath: 's3a://my-bucket/sp/savepoint-1' }).chart)).toContain(
      '[c/app] initialSavepointPath = "s3a://my-bucket/sp/savepoint-1": s3a:// is served by flink-s3-fs-hadoop, which the image does not have (its S3 plugin is presto: s3://, s3p://), so Flink fails when it opens it ("Could not find a file system implementation for scheme \'s3a\'"); the image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5 serves abfs://, abfss://, oss://, s3://, s3p://, wasb://, wasbs://. Fix: write \'s3://my-bucket/sp/savepoint-1\' (same bucket and key through the presto S3 plugin)');
  });

  test('extras and patches are checked too: a stateless app with a checkpoint directory of its own', () => {
    const { chart } = flinkApp({ flinkConfiguration: { 'execution.checkpointing.dir': 'gs://b/cp' } }, { store: false });
    expect(synthError(chart)).toContain("[c/app] flinkConfiguration['execution.checkpointing.dir'] = \"gs://b/cp\": gs:// is served by flink-gs-fs-hadoop");
  });

  test('a GCS store on an image of your own: the store enables gs, the image keeps its other schemes', () => {
    const image = StateFunImage.fromImage('registry.example.com/statefun-gcs:1', '3.4.0-KZM-3.5');
    const { chart } = flinkApp({ image, initialSavepointPath: 's3://old/sp/savepoint-1' }, { gcs: true });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('declared schemes are checked: an empty list and a scheme with :// are refused', () => {
    expect(() => flinkApp({ image: StateFunImage.fromImage('r.example.com/sf:1', '3.4.0-KZM-3.5', { fileSystemSchemes: [] }) })).toThrow(
      '[c/app] image.fileSystemSchemes = []: the image must serve at least the scheme of its checkpoint store. Fix: list the schemes of the image\'s filesystem plugins, e.g. [\'s3\', \'s3p\'], or omit it for the Kzmlabs image\'s plugins');
    expect(() => flinkApp({ image: StateFunImage.fromImage('r.example.com/sf:1', '3.4.0-KZM-3.5', { fileSystemSchemes: ['gs://'] }) })).toThrow(
      '[c/app] image.fileSystemSchemes = "gs://": a URI scheme is lower-case letters, digits, +, . or - without ://. Fix: write the bare scheme, e.g. \'gs\' for gs://');
  });

  test('an image declaring only gs:// refuses the default S3 store of the fixture', () => {
    const error = synthError(flinkApp({ image: StateFunImage.fromImage('r.example.com/sf:1', '3.4.0-KZM-3.5', { fileSystemSchemes: ['gs'] }) }).chart);
    expect(error).toContain("[c/app] flinkConfiguration['execution.checkpointing.dir'] = \"s3://my-bucket/app/checkpoints\": no filesystem plugin in the image serves s3://");
    void flinkDeploymentOf;
  });
});

describe('the last gate family filesystem-scheme (patches, and YAML from other writers)', () => {
  const fd = (image: string, job: any, conf: Record<string, string> = {}) => ({
    apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 'x' }, spec: { image, job, flinkConfiguration: conf },
  });

  test('a JSON patch adding a directory the image cannot serve is refused on the FlinkDeployment', () => {
    const { chart, app } = flinkApp({}, { store: false });
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/execution.checkpointing.dir', 'gs://b/cp'));
    const error = synthError(chart);
    expect(error).toContain("[c/app/Resource] spec.flinkConfiguration['execution.checkpointing.dir'] = \"gs://b/cp\": gs:// is served by flink-gs-fs-hadoop, which the image does not have, so Flink fails when it opens it (\"Could not find a file system implementation for scheme 'gs'\"); the image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5 serves abfs://");
    expect(error).not.toContain("[c/app] flinkConfiguration['execution.checkpointing.dir']");
  });

  test.each<[string, string, number]>([
    ['the Kzmlabs image', 'ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5', 1],
    ['the Kzmlabs image behind a mirror', 'harbor.example.com/proxy/kzmlabs/flink-statefun:3.4.0-KZM-3.5', 1],
    ['an image the rule does not know (its plugins are not stated)', 'registry.example.com/flink:2.2.1', 0],
  ])('%s', (_name, image, count) => {
    const findings = fileSystemSchemeRule([fd(image, { initialSavepointPath: 's3a://b/sp/savepoint-1' })], { operatorVersion: '1.15' });
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0]).toMatchObject({ rule: 'filesystem-scheme/uri', field: 'spec.job.initialSavepointPath', value: 's3a://b/sp/savepoint-1' });
  });
});
