import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { childPath, Problem, throwProblems } from './errors';
import { checkArgs, checkedScope } from './guard-schemas';
import { JobState } from './job-lifecycle';
import { gateProblems, OperatorGate } from './operator-feature-gates';
import type { StateFunApp } from './statefun-app';

/** The format of a savepoint (`spec.savepoint.formatType`). */
export enum SavepointFormat {
  /** Flink's portable format: restorable across state backends (the operator's default). */
  CANONICAL = 'CANONICAL',
  /** The state backend's own format: faster to take and restore, tied to the backend (RocksDB for StateFun). */
  NATIVE = 'NATIVE',
}

/** Options of a savepoint snapshot. */
export interface SavepointSnapshotOptions {
  /**
   * Savepoint format.
   * @default SavepointFormat.CANONICAL
   */
  readonly format?: SavepointFormat;
  /**
   * Dispose of the savepoint's files when the FlinkStateSnapshot is deleted (`spec.savepoint.disposeOnDelete`).
   * Off by default, unlike the operator (whose default is true): removing the object from the repository
   * (a GitOps prune) must not delete a backup. Disposal goes through the app's JobManager, so it also
   * needs the app running.
   * @default false
   */
  readonly disposeOnDelete?: boolean;
}

/**
 * What a `FlinkStateSnapshot` is: a savepoint or checkpoint the operator takes, or an existing savepoint
 * imported by path.
 */
export class SnapshotType {
  /**
   * A savepoint the operator triggers when the object is applied, written under the app's savepoint
   * directory (`execution.checkpointing.savepoint-dir`, from its checkpoint store).
   */
  public static savepoint(options: SavepointSnapshotOptions = {}): SnapshotType {
    checkArgs('SnapshotType.savepoint', options);
    return new SnapshotType('savepoint', undefined, options);
  }

  /**
   * A full checkpoint the operator triggers when the object is applied. Checkpoint files are owned by
   * Flink and may be deleted after newer checkpoints: prefer a savepoint for a backup.
   */
  public static checkpoint(): SnapshotType {
    return new SnapshotType('checkpoint', undefined, {});
  }

  /**
   * An existing savepoint, imported by path (`spec.savepoint.alreadyExists: true`): the operator marks it
   * COMPLETED without triggering anything. The only snapshot whose path is known at synth, so the only
   * one `SavepointSource.fromSnapshot` accepts.
   * @param path the savepoint's filesystem URI, e.g. `s3://bucket/orders/savepoints/savepoint-abc123`
   */
  public static existingSavepoint(path: string, options: SavepointSnapshotOptions = {}): SnapshotType {
    checkArgs('SnapshotType.existingSavepoint', path, options);
    return new SnapshotType('savepoint', path, options);
  }

  /** `savepoint` or `checkpoint`. @internal */
  public readonly _kind: 'savepoint' | 'checkpoint';
  /** The path of an imported savepoint. @internal */
  public readonly _existingPath?: string;
  /** @internal */
  public readonly _options: SavepointSnapshotOptions;

  private constructor(kind: 'savepoint' | 'checkpoint', existingPath: string | undefined, options: SavepointSnapshotOptions) {
    this._kind = kind;
    this._existingPath = existingPath;
    this._options = options;
  }
}

/** Props of a `FlinkStateSnapshot`. */
export interface FlinkStateSnapshotProps {
  /**
   * The app whose job is snapshotted (`spec.jobReference`, kind FlinkDeployment). Required for a
   * savepoint or checkpoint the operator takes; optional for an imported savepoint.
   * @default - none (only for SnapshotType.existingSavepoint)
   */
  readonly app?: StateFunApp;
  /** A savepoint, a checkpoint, or an existing savepoint. */
  readonly snapshot: SnapshotType;
  /**
   * The object name (DNS-1123 subdomain).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Retries of a failed snapshot (`spec.backoffLimit`), with backoff 10s, 20s, 40s …; -1 retries forever,
   * 0 never.
   * @default - the operator's default (-1)
   */
  readonly backoffLimit?: number;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const URI = /^[a-z][a-z0-9+.-]*:\/\/\S+$/;

/**
 * A savepoint or checkpoint as code: a `FlinkStateSnapshot` custom resource (flink.apache.org/v1beta1,
 * operator 1.10+, FLINK-35265). Applying it makes the operator snapshot the app's running job;
 * its `status.path` then names the result. Rules (apache/flink-kubernetes-operator
 * `validation/DefaultValidator.validateStateSnapshot`, `reconciler/snapshot/StateSnapshotReconciler`):
 * a taken snapshot needs a job reference; a savepoint needs the app's savepoint directory ("Either the
 * savepoint path in the spec or configuration execution.checkpointing.savepoint-dir in the Flink resource
 * has to be supplied"); disposal on delete needs the referenced job running. The object must live in the
 * app's namespace (the job reference has no namespace).
 *
 * Apply a taken snapshot when the job runs: the operator checks the job when it first reconciles the
 * snapshot and ABANDONS it, never retrying, when the job is missing or not running
 * (`FlinkStateSnapshotUtils.abandonSnapshotIfJobNotRunning`). Applied together with a brand-new app it is
 * likely abandoned; create it under a new name for every new snapshot (the spec is not re-triggered).
 */
export class FlinkStateSnapshot extends Construct {
  /** The object name. */
  public readonly name: string;
  /** What the snapshot is. */
  public readonly snapshotType: SnapshotType;
  /** The app snapshotted, if any. */
  public readonly app?: StateFunApp;
  /** The snapshot's path when known at synth (an imported savepoint); undefined for one the operator takes. */
  public readonly path?: string;
  /** The FlinkStateSnapshot object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FlinkStateSnapshotProps) {
    super(checkedScope(scope, id, 'FlinkStateSnapshotProps', props), id);
    this.name = props.name ?? id;
    this.snapshotType = props.snapshot;
    this.app = props.app;
    this.path = props.snapshot?._existingPath;
    throwProblems(childPath(scope, id), this.problems(props));

    const t = props.snapshot;
    const savepoint = t._kind === 'savepoint'
      ? {
        alreadyExists: t._existingPath !== undefined,
        disposeOnDelete: t._options.disposeOnDelete ?? false,
        formatType: t._options.format ?? SavepointFormat.CANONICAL,
        path: t._existingPath,
      }
      : undefined;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkStateSnapshot',
      metadata: { name: this.name },
      spec: {
        backoffLimit: props.backoffLimit,
        jobReference: props.app ? { kind: 'FlinkDeployment', name: props.app.name } : undefined,
        savepoint,
        checkpoint: t._kind === 'checkpoint' ? {} : undefined,
      },
    });
    // The operator abandons a snapshot whose job does not exist yet: apply the app first.
    if (props.app) this.apiObject.node.addDependency(props.app.flinkDeployment);
  }

  private problems(props: FlinkStateSnapshotProps): Problem[] {
    const problems: Problem[] = [];
    const t = props.snapshot;
    if (!(t instanceof SnapshotType)) {
      return [{ field: 'snapshot', value: t, why: 'not a SnapshotType', fix: 'use SnapshotType.savepoint(), SnapshotType.checkpoint() or SnapshotType.existingSavepoint(path)' }];
    }
    if (this.name.length > 253 || !DNS1123_SUBDOMAIN.test(this.name)) {
      problems.push({ field: 'name', value: this.name, why: 'not a DNS-1123 subdomain (lower-case alphanumerics, \'-\' and \'.\'), so the API server rejects the object', fix: 'set name (or the construct id) to e.g. \'orders-savepoint-1\'' });
    }
    const b = props.backoffLimit;
    if (b !== undefined && !(Number.isInteger(b) && b >= -1)) {
      problems.push({ field: 'backoffLimit', value: b, why: 'the retry count is a whole number: -1 retries forever, 0 never', fix: 'use -1, 0 or a positive whole number' });
    }
    const taken = t._existingPath === undefined;
    const app = props.app;
    if (t._existingPath !== undefined && !URI.test(t._existingPath)) {
      problems.push({ field: 'snapshot', value: t._existingPath, why: 'an existing savepoint is named by its filesystem URI', fix: "write the full URI, e.g. SnapshotType.existingSavepoint('s3://my-bucket/statefun/orders/savepoints/savepoint-abc123')" });
    }
    if (!app) {
      if (taken) {
        problems.push({ field: 'app', value: undefined, why: `the operator takes a ${t._kind} of a job and refuses a snapshot without one ("Job reference must be supplied for this snapshot")`, fix: 'set app to the StateFunApp to snapshot' });
      } else if (t._options.disposeOnDelete) {
        problems.push({ field: 'snapshot.disposeOnDelete', value: true, why: 'the operator disposes of a savepoint through the referenced job\'s JobManager ("Cannot dispose of snapshot because referenced Flink job cannot be found!")', fix: 'set app to a running StateFunApp, or drop disposeOnDelete' });
      }
      return problems;
    }
    problems.push(...gateProblems(app.operatorVersion, OperatorGate.FLINK_STATE_SNAPSHOT, 'snapshot', t._kind));
    const ns = Chart.of(this).namespace;
    if (ns !== app.namespace) {
      problems.push({ field: 'app', value: app.name, why: `the snapshot would be in namespace ${ns ?? '(none)'} and the app in ${app.namespace ?? '(none)'}; the job reference has no namespace, so the operator looks for the app in the snapshot's namespace ("Target for snapshot ... was not found")`, fix: "create the snapshot in a chart with the app's namespace" });
    }
    if (taken && app.jobState === JobState.SUSPENDED) {
      problems.push({
        field: 'app',
        value: app.name,
        why: `app '${app.name}' is suspended (jobState: suspended); the operator abandons a snapshot of a job that is not running and never retries it ("Secondary resource ... is not running")`,
        fix: 'snapshot the app while it runs (jobState: JobState.RUNNING); its upgrade mode decides what is kept on suspend',
      });
    }
    if (taken) {
      const conf = app.flinkConfiguration();
      if (t._kind === 'savepoint' && !conf['execution.checkpointing.savepoint-dir']) {
        problems.push({
          field: 'app',
          value: app.name,
          why: 'the app has no savepoint directory (execution.checkpointing.savepoint-dir), so the operator fails the snapshot ("Either the savepoint path in the spec or configuration execution.checkpointing.savepoint-dir in the Flink resource has to be supplied")',
          fix: `give app '${app.name}' a checkpointStore (it derives the savepoint directory)`,
        });
      }
      if (t._kind === 'checkpoint' && !conf['execution.checkpointing.dir']) {
        problems.push({
          field: 'app',
          value: app.name,
          why: 'the app has no checkpoint directory (execution.checkpointing.dir): a checkpoint would be kept in JobManager memory and have no path to restore from',
          fix: `give app '${app.name}' a checkpointStore`,
        });
      }
    }
    return problems;
  }
}
