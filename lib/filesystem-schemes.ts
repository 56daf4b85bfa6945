/**
 * Filesystem schemes: every URI Flink opens (checkpoint, savepoint, HA and changelog directories, the
 * savepoint a job starts from) must use a scheme a filesystem plugin in the image serves. Flink resolves
 * the scheme through the `FileSystemFactory` plugins under `plugins/` (apache/flink
 * `flink-core/.../core/fs/FileSystem.java`, `getUnguardedFileSystem`); an unknown scheme fails the job
 * ("Could not find a file system implementation for scheme ...") and a path without scheme, or `file://`,
 * is the pod's own disk, gone with the pod and not shared between JobManager and TaskManagers.
 *
 * Pure functions of a flat configuration map and a scheme list: no construct is imported.
 */
import { Problem } from './errors';

/**
 * The schemes of the plugins the Kzmlabs image enables at build (statefun-runtime.md §3:
 * kzmlabs/flink-statefun `statefun-docker/src/main/docker/Dockerfile` moves `flink-s3-fs-presto`,
 * `flink-oss-fs-hadoop` and `flink-azure-fs-hadoop` from `opt/` to `plugins/`):
 * - presto S3: `s3`, `s3p` (apache/flink `flink-filesystems/flink-s3-fs-presto`, `S3FileSystemFactory`, `S3PFileSystemFactory`);
 * - OSS: `oss` (`flink-filesystems/flink-oss-fs-hadoop`, `OSSFileSystemFactory`);
 * - Azure: `wasb`, `wasbs`, `abfs`, `abfss` (`flink-filesystems/flink-azure-fs-hadoop`, `AzureBlobStorageFSFactory`,
 *   `SecureAzureBlobStorageFSFactory`, `AzureDataLakeStoreGen2FSFactory`, `SecureAzureDataLakeStoreGen2FSFactory`).
 * No GCS (`gs`), no Hadoop S3 (`s3a`), no HDFS.
 * @internal
 */
export const KZMLABS_FILESYSTEM_SCHEMES: readonly string[] = ['abfs', 'abfss', 'oss', 's3', 's3p', 'wasb', 'wasbs'];

/**
 * Keys whose values are URIs Flink opens (current keys and the deprecated aliases Flink 2.x still reads).
 * Sources: apache/flink `CheckpointingOptions` (`execution.checkpointing.dir`, `.savepoint-dir`),
 * `HighAvailabilityOptions` (`high-availability.storageDir`), `StateRecoveryOptions`
 * (`execution.state-recovery.path`), `FsStateChangelogOptions` (`state.changelog.dstl.dfs.base-path`).
 * @internal
 */
export const FILESYSTEM_URI_KEYS: readonly string[] = [
  'execution.checkpointing.dir', 'state.checkpoints.dir', 'state.backend.fs.checkpointdir',
  'execution.checkpointing.savepoint-dir', 'state.savepoints.dir', 'savepoints.state.backend.fs.dir',
  'high-availability.storageDir',
  'state.changelog.dstl.dfs.base-path', 'dstl.dfs.base-path',
  'execution.state-recovery.path', 'execution.savepoint.path',
];

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** What a scheme the image lacks would need, and what to write instead. */
const ADVICE: Record<string, { why: string; fix: (uri: string) => string }> = {
  s3a: {
    why: 's3a:// is served by flink-s3-fs-hadoop, which the image does not have (its S3 plugin is presto: s3://, s3p://)',
    fix: (uri) => `write '${uri.replace(/^s3a:/i, 's3:')}' (same bucket and key through the presto S3 plugin)`,
  },
  gs: {
    why: 'gs:// is served by flink-gs-fs-hadoop, which the image does not have',
    fix: () => 'use CheckpointStore.gcsViaS3Interop(...) (s3:// with HMAC keys), or an image with the GCS plugin declared as StateFunImage.fromImage(image, basedOnTag, { fileSystemSchemes: [..., \'gs\'] })',
  },
  hdfs: {
    why: 'hdfs:// needs Hadoop and an HDFS client configuration, which the image does not have',
    fix: () => 'keep state in an object store the image serves (CheckpointStore.s3(...), .azure(...)), or declare an image with HDFS support through StateFunImage.fromImage(image, basedOnTag, { fileSystemSchemes })',
  },
  file: {
    why: 'a file:// path is the pod\'s own disk: gone when the pod is replaced and not shared between the JobManager and the TaskManagers, so checkpoints and savepoints cannot be restored',
    fix: () => 'use a checkpoint store (checkpointStore: CheckpointStore.s3(...) or another durable store) instead of a local path',
  },
};

/** Problems of one URI against the schemes the image serves. @internal */
export function uriSchemeProblems(field: string, uri: string, schemes: readonly string[], imageLabel: string): Problem[] {
  const text = uri.trim();
  const m = SCHEME.exec(text);
  const scheme = m ? m[1].toLowerCase() : undefined;
  if (scheme !== undefined && scheme !== 'file' && schemes.includes(scheme)) return [];
  if (scheme === undefined) {
    return [{
      field,
      value: uri,
      why: `a path without a scheme resolves against Flink's default filesystem, the pod's own disk (file://): ${ADVICE.file.why.replace(/^a file:\/\/ path is the pod's own disk: /, '')}`,
      fix: `write a full URI with a scheme the image serves (${schemes.map((s) => `${s}://`).join(', ')}), e.g. 's3://my-bucket/...', or ${ADVICE.file.fix(text)}`,
    }];
  }
  const advice = ADVICE[scheme];
  const served = `${imageLabel} serves ${schemes.map((s) => `${s}://`).join(', ')}`;
  return [{
    field,
    value: uri,
    why: scheme === 'file'
      ? advice.why
      : `${advice ? advice.why : `no filesystem plugin in the image serves ${scheme}://`}, so Flink fails when it opens it ("Could not find a file system implementation for scheme '${scheme}'"); ${served}`,
    fix: advice ? advice.fix(text) : `use one of those schemes, or declare the image's plugins with StateFunImage.fromImage(image, basedOnTag, { fileSystemSchemes: [..., '${scheme}'] })`,
  }];
}

/**
 * Every filesystem URI of a FlinkDeployment spec (`spec.job.initialSavepointPath` and the URI keys of
 * the flat `flinkConfiguration`) against the schemes the image serves.
 * @param keyField names a configuration key in a finding
 * @param savepointField names `spec.job.initialSavepointPath` in a finding
 * @internal
 */
export function deploymentSchemeProblems(
  spec: any,
  conf: Record<string, string>,
  schemes: readonly string[],
  imageLabel: string,
  keyField: (key: string) => string,
  savepointField: string = 'initialSavepointPath',
): Problem[] {
  const problems: Problem[] = [];
  const path = spec?.job?.initialSavepointPath;
  // A value that is not a URI at all is the operator rules' finding (initialSavepointPath is a filesystem URI).
  if (typeof path === 'string' && SCHEME.test(path.trim())) problems.push(...uriSchemeProblems(savepointField, path, schemes, imageLabel));
  for (const key of FILESYSTEM_URI_KEYS) {
    const value = conf[key];
    if (value === undefined || value.trim() === '') continue;
    problems.push(...uriSchemeProblems(keyField(key), value, schemes, imageLabel));
  }
  return problems;
}

/** Problems with a declared scheme list (`StateFunImage.fromImage(..., { fileSystemSchemes })`). @internal */
export function schemeListProblems(field: string, schemes: unknown): Problem[] {
  if (!Array.isArray(schemes) || schemes.length === 0) {
    return [{ field, value: schemes, why: 'the image must serve at least the scheme of its checkpoint store', fix: "list the schemes of the image's filesystem plugins, e.g. ['s3', 's3p'], or omit it for the Kzmlabs image's plugins" }];
  }
  return schemes
    .filter((s) => typeof s !== 'string' || !/^[a-z][a-z0-9+.-]*$/.test(s) || s === 'file')
    .map((s) => ({
      field,
      value: s,
      why: s === 'file' ? 'file:// is the pod\'s own disk, not durable storage a plugin adds' : 'a URI scheme is lower-case letters, digits, +, . or - without ://',
      fix: "write the bare scheme, e.g. 'gs' for gs://",
    }));
}
