/**
 * Flink options that name local directories of the Flink pods, and where the pod user can create them.
 * The Flink image runs as user flink (uid 9999), which can create directories only under /tmp and the
 * Flink home /opt/flink (apache/flink-docker Dockerfile: `chown -R flink:flink $FLINK_HOME`); anywhere else
 * needs a volume mounted there.
 * @internal
 */
export const LOCAL_PATH_KEYS: Record<string, string> = {
  'state.backend.rocksdb.localdir': 'RocksDB cannot open its local storage and the tasks fail ("No local storage directories available", EmbeddedRocksDBStateBackend)',
  'state.backend.forst.local-dir': 'ForSt cannot open its local storage and the tasks fail',
  'taskmanager.state.local.root-dirs': 'local recovery cannot write its copies',
  'execution.checkpointing.local-backup.dirs': 'local recovery cannot write its copies',
  'process.working-dir': 'the processes cannot create their working directory and fail at startup',
  'process.jobmanager.working-dir': 'the JobManager cannot create its working directory and fails at startup',
  'process.taskmanager.working-dir': 'the TaskManagers cannot create their working directory and fail at startup',
  'io.tmp.dirs': 'the processes cannot create their temporary directories and fail at startup',
};

/** Directories the Flink pod user can create subdirectories in without a volume. @internal */
export const WRITABLE_DIRS = ['/tmp', '/opt/flink'];

/**
 * The local paths of a directory-list value (`,`/`;` separated, `file://` stripped) that lie under none
 * of `writable` (remote URIs and relative paths are not local directories and are left out).
 * @internal
 */
export function unwritableLocalPaths(value: string, writable: readonly string[]): string[] {
  return value.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== '').filter((p) => {
    const local = p.replace(/^file:\/\//, '');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(local) || !local.startsWith('/')) return false;
    return !writable.some((w) => local === w || local.startsWith(`${w.replace(/\/$/, '')}/`));
  });
}
