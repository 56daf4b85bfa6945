import { Problem } from './errors';
import type { FlinkStateSnapshot } from './flink-state-snapshot';
import { checkArgs } from './guard-schemas';

/**
 * Where an app's job starts from on its first deploy (`spec.job.initialSavepointPath`), by path or by
 * the `FlinkStateSnapshot` that holds it.
 *
 * What is knowable at synth: only a snapshot that imports an existing savepoint
 * (`SnapshotType.existingSavepoint(path)`) has a path in its spec. A savepoint or checkpoint the
 * operator takes gets its path at run time (`status.path` of the FlinkStateSnapshot), so
 * `fromSnapshot` of such a snapshot is refused: read the path from the cluster once the snapshot is
 * COMPLETED and pass it with `fromPath` (or import it with `SnapshotType.existingSavepoint`).
 *
 * The operator reads `initialSavepointPath` on the first deploy only; changing it later is ignored
 * (its spec diff treats it as IGNORE) unless `savepointRedeployNonce` changes too.
 */
export class SavepointSource {
  /**
   * A savepoint (or retained checkpoint) by its filesystem URI, e.g. `s3://bucket/app/savepoints/savepoint-abc123`.
   * @param path the full URI of the savepoint directory
   */
  public static fromPath(path: string): SavepointSource {
    checkArgs('SavepointSource.fromPath', path);
    return new SavepointSource(path, undefined);
  }

  /**
   * The savepoint a `FlinkStateSnapshot` imports (`SnapshotType.existingSavepoint(path)`); a snapshot
   * the operator takes has no path before run time and is refused.
   * @param snapshot the snapshot construct
   */
  public static fromSnapshot(snapshot: FlinkStateSnapshot): SavepointSource {
    checkArgs('SavepointSource.fromSnapshot', snapshot);
    return new SavepointSource(undefined, snapshot);
  }

  private readonly knownPath?: string;
  private readonly snapshot?: FlinkStateSnapshot;

  private constructor(knownPath: string | undefined, snapshot: FlinkStateSnapshot | undefined) {
    this.knownPath = knownPath;
    this.snapshot = snapshot;
  }

  /** The path written to `initialSavepointPath`, or a problem when none is knowable at synth. @internal */
  public _resolve(field: string): { path?: string; problems: Problem[] } {
    if (!this.snapshot) return { path: this.knownPath, problems: [] };
    const path = this.snapshot.path;
    if (path !== undefined) return { path, problems: [] };
    return {
      problems: [{
        field,
        value: `SavepointSource.fromSnapshot(${this.snapshot.node.path})`,
        why: `FlinkStateSnapshot '${this.snapshot.name}' is a ${this.snapshot.snapshotType._kind} the operator takes when it is applied; its path exists only at run time (status.path), so no initialSavepointPath can be written at synth`,
        fix: `once it is COMPLETED read it (kubectl get flinkstatesnapshot ${this.snapshot.name} -o jsonpath='{.status.path}') and use SavepointSource.fromPath(path), or import it with SnapshotType.existingSavepoint(path)`,
      }],
    };
  }
}
