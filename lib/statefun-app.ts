import { ApiObject, Chart, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { CheckpointStore, StoreBinding } from './checkpoint-store';
import { CHECKPOINTING_DEFAULTS, CheckpointingOptions } from './checkpointing';
import { flinkConfigurationCredentialProblems, jvmOptionsCredentialProblems, urlCredentialProblems } from './credential-props';
import { addProblemValidation, childPath, Problem, throwProblems } from './errors';
import { assembleFlinkConfiguration, FlinkConfigurationInput, typedSettingProblems } from './flink-config-assembly';
import { FLINK_MAIN_CONTAINER, FLINK_UID, FlinkConfigurationBuilder, MODULE_FILE, MODULE_MOUNT_DIR, RUNNER_JAR_URI } from './flink-configuration';
import { FlinkDeploymentObject } from './flink-deployment-object';
import { FlinkLogging } from './flink-logging';
import { FlinkMetrics } from './flink-metrics';
import { createFlinkNetworkPolicy, FlinkNetworkPolicyOptions, flinkNetworkPolicyProblems } from './flink-network-policy';
import { FlinkPodMonitor } from './flink-pod-monitor';
import { FlinkPodControls, FlinkPodOptions } from './flink-pods';
import { processResourceProblems, renderProcessResources } from './flink-process-rendering';
import { FlinkProcessResources, JobManagerOptions, TaskManagerOptions } from './flink-resources';
import { FlinkWebUiOptions, renderWebUi, webUiProblems } from './flink-ui-ingress';
import { checkArgs, checkedScope } from './guard-schemas';
import { HighAvailability } from './high-availability';
import { pullSecretProblems } from './image-pull';
import { isValidRegistryPrefix, mirrorImage } from './image-reference';
import { JobState, OperatorOptions, UpgradeMode } from './job-lifecycle';
import { registerGateScope, registerGateTarget, renderedOrUndefined } from './last-gate';
import { ComponentRole, Egress, Endpoint, Ingress, ModuleComponent } from './module-component';
import { deploymentNameProblems, deploymentProblems } from './operator-rules';
import { registerPipelineDiagram, renderPipelineDiagram } from './pipeline-diagram';
import { podFileUses, podFileProblems } from './pod-file-uses';
import { PrometheusOperatorOptions, prometheusOperatorProblems } from './prometheus-operator';
import { RestartStrategy } from './restart-strategy';
import { suggestKubernetesName } from './rules/names';
import { manifestField } from './rules/operator-validator';
import { MODULE_HASH_ANNOTATION, MODULE_VOLUME } from './rules/pod-template';
import { lastStateFallbackSafe } from './rules/upgrade-paths';
import { SavepointSource } from './savepoint-source';
import { StateBackend } from './state-backend';
import { StateFunAlerts } from './statefun-alerts';
import { StateFunImage } from './statefun-image';
import { StateFunModule } from './statefun-module';
import { StateFunRuntimeOptions } from './statefun-runtime';
import { crdReleaseFor, defaultFlinkVersion, FlinkVersion, NEWEST_OPERATOR, OperatorVersion, versionProblems } from './versions';
import { claimName, kubernetesNameProblems, NameClaimKind, namespaceProblems } from './workload-names';
import type {
  FlinkDeploymentSpecFlinkVersion,
  FlinkDeploymentSpecJobState,
  FlinkDeploymentSpecJobUpgradeMode,
  FlinkDeploymentSpecPodTemplate,
} from '../imports/flink.apache.org';

/** Label every Flink pod of an app carries (JobManager and TaskManagers), used by NetworkPolicies. @internal */
export const APP_LABEL = 'cdk8s-statefun/app';
// The pod-template annotation holding the module's SHA-256 (a changed module changes the spec and rolls
// the job) and the module volume name: the last gate checks both on the rendered FlinkDeployment.
export { MODULE_HASH_ANNOTATION, MODULE_VOLUME } from './rules/pod-template';

/** Props of a `StateFunApp`. */
export interface StateFunAppProps {
  /**
   * The FlinkDeployment name (also the Flink cluster id and the prefix of the app's other objects).
   * Lower-case alphanumerics and '-', starting with a letter, at most 45 characters (operator rule).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The oldest Flink Kubernetes Operator release the manifests must work on. The default output also
   * validates on operator 1.13–1.15 unless a 1.16-only feature is used (resource `limits`, `flinkVersion`
   * v2_3/v2_4); 1.11 and 1.12 are opt-in. What each target changes and refuses: README "Operator targets".
   * @default OperatorVersion.V1_16 (the newest release)
   */
  readonly operatorVersion?: OperatorVersion;
  /**
   * The FlinkDeployment `flinkVersion`. A version newer than the image's Flink is refused.
   * @default - the image's Flink minor (`v2_2` for the Kzmlabs images), capped by what the operator accepts (`v2_0` on 1.11/1.12)
   */
  readonly flinkVersion?: FlinkVersion;
  /**
   * The StateFun runtime image.
   * @default StateFunImage.kzmlabs() (3.4.0-KZM-3.5)
   */
  readonly image?: StateFunImage;
  /**
   * A registry mirror for every image the app and its functions render (restricted networks):
   * the registry host of each image is replaced, e.g. `harbor.example.com/proxy`.
   * @default - images are pulled from their own registries
   */
  readonly imageRegistry?: string;
  /**
   * Image pull secrets for everything the app renders: the Flink pods and every RemoteFunction of the app
   * (a function's own `imagePullSecrets` are added to these). Typically the credentials of `imageRegistry`.
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];
  /**
   * Controls of the Flink pods: placement (shared or per role), pull secrets, environment and volumes by
   * reference, sidecars and init containers, RocksDB's local disk on the TaskManagers.
   * @default - none
   */
  readonly flinkPods?: FlinkPodOptions;
  /**
   * The Flink web UI through the operator's Ingress (`spec.ingress`), checked as the operator resolves it.
   * @default - no Ingress (reach the UI with `kubectl port-forward svc/<name>-rest 8081`)
   */
  readonly webUi?: FlinkWebUiOptions;
  /**
   * The NetworkPolicy of the Flink pods: open between the app's own Flink pods, the REST port to the operator
   * (and the ingress controller with `webUi`), the metrics port to Prometheus.
   * @default - rendered; any namespace may reach the REST port unless `operatorNamespace` is given
   */
  readonly networkPolicy?: FlinkNetworkPolicyOptions;
  /**
   * Image pull policy of the Flink pods.
   * @default kplus.ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * The JobManager.
   * @default - one JobManager with cpu 0.5 and 1 GiB
   */
  readonly jobManager?: JobManagerOptions;
  /**
   * The TaskManagers.
   * @default - cpu 1, 2 GiB and one slot each
   */
  readonly taskManager?: TaskManagerOptions;
  /**
   * Job parallelism; the operator starts parallelism ÷ slots TaskManagers.
   * @default 1
   */
  readonly parallelism?: number;
  /**
   * Desired job state.
   * @default JobState.RUNNING
   */
  readonly jobState?: JobState;
  /**
   * How state is carried across upgrades. The default with a checkpoint store is a savepoint upgrade:
   * on the images' Flink 2.2.1 only a restore from a savepoint honours `allowNonRestoredState`
   * (FLINK-39513 is not in 2.2.1), so removing a stateful ingress or egress from the module works only
   * that way; and on operator 1.11 a last-state upgrade with Kubernetes HA keeps running the old job
   * (FLINK-37571, fixed in operator 1.12.0), so `UpgradeMode.LAST_STATE` with Kubernetes HA is refused
   * there. On operator 1.11 with Kubernetes HA the savepoint mode's last-state fallback is turned off
   * (`kubernetes.operator.job.upgrade.last-state-fallback.enabled: false`) for the same reason.
   * @default - UpgradeMode.SAVEPOINT with a checkpoint store, UpgradeMode.STATELESS without
   */
  readonly upgradeMode?: UpgradeMode;
  /**
   * Savepoint (or retained checkpoint) URI to start from on first deploy (`spec.job.initialSavepointPath`).
   * Same as `initialSavepoint: SavepointSource.fromPath(path)`; setting both is refused.
   * @default - start without state
   */
  readonly initialSavepointPath?: string;
  /**
   * Savepoint to start from on first deploy, by path or by the `FlinkStateSnapshot` that imports it
   * (`SavepointSource.fromSnapshot`; a snapshot the operator takes has no path at synth and is refused).
   * The operator reads it on the first deploy only; later changes need `savepointRedeployNonce`.
   * @default - start without state
   */
  readonly initialSavepoint?: SavepointSource;
  /**
   * Change to a new value to redeploy the job from the initial savepoint, discarding its current state
   * (`spec.job.savepointRedeployNonce`). Needs `initialSavepoint` or `initialSavepointPath`
   * (the operator: "InitialSavepointPath must not be empty for savepoint redeployment").
   * @default - none
   */
  readonly savepointRedeployNonce?: number;
  /**
   * Skip state of components that no longer exist (an ingress or egress removed from the module) when
   * the job restores from a **savepoint**: `spec.job.allowNonRestoredState` plus
   * `execution.state-recovery.ignore-unclaimed-state`. Savepoint upgrades (the default upgrade mode),
   * `initialSavepointPath` and savepoint redeploys honour it. Restores from the latest checkpoint do
   * not: last-state upgrades, the savepoint mode's last-state fallback for an unhealthy job and
   * JobManager failover with Kubernetes HA restore with it hard-coded off on the images' Flink 2.2.1
   * (FLINK-39513, fixed only on Flink master). So removing a stateful ingress or egress needs a
   * savepoint upgrade of a running job; with `UpgradeMode.LAST_STATE` the job fails to restore.
   * @default true (what the StateFun reference deployments set)
   */
  readonly allowNonRestoredState?: boolean;
  /**
   * Change to a new value to force the operator to restart the job.
   * @default - none
   */
  readonly restartNonce?: number;
  /**
   * How the operator manages the job (`kubernetes.operator.*`: deployment recovery, periodic savepoints,
   * savepoint history, rollback, health check).
   * @default - the operator's defaults
   */
  readonly operator?: OperatorOptions;
  /**
   * Durable storage for checkpoints, savepoints, HA metadata and the changelog.
   * @default - none: stateless upgrades, no HA
   */
  readonly checkpointStore?: CheckpointStore;
  /**
   * Checkpointing.
   * @default - every 10s, exactly-once, incremental (see CheckpointingOptions)
   */
  readonly checkpointing?: CheckpointingOptions;
  /**
   * State backend.
   * @default StateBackend.ROCKSDB
   */
  readonly stateBackend?: StateBackend;
  /**
   * JobManager high availability.
   * @default - HighAvailability.kubernetes() with a checkpoint store, disabled without
   */
  readonly highAvailability?: HighAvailability;
  /**
   * Restart strategy.
   * @default RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(5) })
   */
  readonly restartStrategy?: RestartStrategy;
  /**
   * Extra JVM options for JobManager and TaskManagers, after the Java 21 module flags the image needs.
   * @default - none
   */
  readonly jvmOptions?: string[];
  /**
   * Logging of the Flink pods.
   * @default FlinkLogging.json()
   */
  readonly logging?: FlinkLogging;
  /**
   * Metrics reporter.
   * @default FlinkMetrics.prometheus() on port 9249
   */
  readonly metrics?: FlinkMetrics;
  /**
   * StateFun runtime settings.
   * @default - runtime defaults, job named after the app
   */
  readonly statefun?: StateFunRuntimeOptions;
  /**
   * Escape hatch: extra Flink keys. Linted like everything else; keys a typed prop owns are refused, and so
   * are keys Flink would ignore or overwrite: a likely typo of a known option ("did you mean"), an unknown key
   * under a prefix the library models (`execution.checkpointing.`, `state.`, `high-availability.`,
   * `metrics.reporter.`, …), `metrics.reporter.<name>.class`, ZooKeeper options with Kubernetes HA, options of
   * another state backend, and keys native Kubernetes overwrites (`jobmanager.rpc.address`, port ranges, …).
   * Other unknown keys (connector or plugin options) pass. Known options are those of the catalog generated
   * from Flink 2.2.1's, the operator's and StateFun's option tables.
   * @default - none
   */
  readonly flinkConfiguration?: { [key: string]: string };
  /**
   * Use an existing ServiceAccount for the Flink pods instead of creating one with its Role.
   * @default - a ServiceAccount, Role and RoleBinding are created
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Prometheus Operator objects: a PodMonitor for the Flink pods, ServiceMonitors for functions with a
   * `metricsPort`, and a PrometheusRule with the StateFun alerts (each can be turned off in the options).
   * Needs the metrics reporter (the default).
   * @default - none (the reporter and the named `metrics` ports are still there to scrape)
   */
  readonly prometheusOperator?: PrometheusOperatorOptions;
  /**
   * Write a Mermaid flowchart of the pipeline (`<name>.pipeline.md`) next to the manifests when the
   * cdk8s App synthesizes, so reviewers see the topology in a pull request. Never a `.yaml` file.
   * @default true
   */
  readonly writePipelineDiagram?: boolean;
}

/**
 * A StateFun application: the FlinkDeployment running the StateFun runtime, the module ConfigMap
 * it reads, and the identity its pods use. Module components (endpoints, ingresses, egresses)
 * register with it; it renders them into `module.yaml`.
 */
export class StateFunApp extends Construct {
  /** The FlinkDeployment name. */
  public readonly name: string;
  /** The namespace of the app's objects (the chart's), if any. */
  public readonly namespace?: string;
  /** The operator release targeted. */
  public readonly operatorVersion: OperatorVersion;
  /** The `flinkVersion` written. */
  public readonly flinkVersion: FlinkVersion;
  /** The runtime image. */
  public readonly image: StateFunImage;
  /** The checkpoint store, if any. */
  public readonly checkpointStore?: CheckpointStore;
  /** The upgrade mode in effect. */
  public readonly upgradeMode: UpgradeMode;
  /** The desired job state written (`spec.job.state`). */
  public readonly jobState: JobState;
  /** The high-availability setting in effect. */
  public readonly highAvailability: HighAvailability;
  /** The ConfigMap holding `module.yaml`. */
  public readonly moduleConfigMap: kplus.ConfigMap;
  /** The ServiceAccount of the Flink pods. */
  public readonly serviceAccount: kplus.IServiceAccount;
  /** The FlinkDeployment object (escape hatch for JSON patches; patched configuration is still linted). */
  public readonly flinkDeployment: ApiObject;
  /** The labels that select this app's Flink pods (JobManager and TaskManagers). */
  public readonly flinkPodLabels: { [key: string]: string };
  /** The Prometheus Operator options, when the app creates monitors and alerts. */
  public readonly prometheusOperator?: PrometheusOperatorOptions;

  private readonly props: StateFunAppProps;
  private readonly pods: FlinkPodControls;
  private readonly module = new StateFunModule();
  private readonly typedConfiguration: FlinkConfigurationBuilder;
  private readonly ownsServiceAccount: boolean;
  private readonly storeBinding?: StoreBinding;
  private readonly extraEnv = new Map<string, { value?: string; valueFrom?: any; owner: string }>();
  /** FlinkDeployment fields (manifest paths) this app's own validation reported in the current pass. */
  private reportedFields: ReadonlySet<string> = new Set();
  /** Role and RoleBinding created with the ServiceAccount (applied before the FlinkDeployment). */
  private readonly identityObjects: Construct[] = [];

  constructor(scope: Construct, id: string, props: StateFunAppProps = {}) {
    super(checkedScope(scope, id, 'StateFunAppProps', props), id);
    this.props = props;
    this.name = props.name ?? id;
    this.namespace = Chart.of(this).namespace;
    this.operatorVersion = props.operatorVersion ?? NEWEST_OPERATOR;
    this.image = props.image ?? StateFunImage.kzmlabs();
    this.flinkVersion = props.flinkVersion ?? defaultFlinkVersion(this.operatorVersion, this.image.flinkVersion);
    this.checkpointStore = props.checkpointStore;
    this.jobState = props.jobState ?? JobState.RUNNING;
    this.upgradeMode = props.upgradeMode ?? (props.checkpointStore ? UpgradeMode.SAVEPOINT : UpgradeMode.STATELESS);
    this.highAvailability = props.highAvailability ?? (props.checkpointStore ? HighAvailability.kubernetes() : HighAvailability.disabled());
    this.flinkPodLabels = { [APP_LABEL]: this.name };
    this.prometheusOperator = props.prometheusOperator;
    this.pods = new FlinkPodControls({
      options: props.flinkPods ?? {}, appPullSecrets: props.imagePullSecrets, podLabels: this.flinkPodLabels, mirror: (i) => this.mirror(i),
    });
    const savepoint = this.initialSavepointProblems();
    throwProblems(childPath(scope, id), [...this.propProblems(), ...savepoint.problems]);

    this.storeBinding = this.checkpointStore?._binding();
    const typedInput: FlinkConfigurationInput = {
      appName: this.name,
      directories: this.checkpointStore?.directoriesFor(this.name),
      storeConfiguration: this.storeBinding?.flinkConfiguration ?? {},
      highAvailability: this.highAvailability,
      settings: props,
      lastStateFallback: lastStateFallbackSafe(this.operatorVersion, this.upgradeMode, this.highAvailability.enabled) ? undefined : false,
    };
    throwProblems(childPath(scope, id), typedSettingProblems(typedInput));
    this.typedConfiguration = assembleFlinkConfiguration(typedInput);
    const localDir = this.pods.rocksDbLocalDir;
    if (localDir) this.typedConfiguration.set('state.backend.rocksdb.localdir', localDir, 'flinkPods.taskManager.rocksDbLocalDirectory');

    this.moduleConfigMap = new kplus.ConfigMap(this, 'Module', {
      metadata: { name: `${this.name}-module` },
    });
    // Lazy: components register after the app is created.
    this.moduleConfigMap.addData(MODULE_FILE, Lazy.any({ produce: () => this.module.render() }) as any);

    this.ownsServiceAccount = !props.serviceAccount;
    this.serviceAccount = props.serviceAccount ?? this.createIdentity();

    this.flinkDeployment = new FlinkDeploymentObject(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        image: this.mirror(this.image.reference),
        imagePullPolicy: props.imagePullPolicy ?? kplus.ImagePullPolicy.IF_NOT_PRESENT,
        flinkVersion: this.flinkVersion as unknown as FlinkDeploymentSpecFlinkVersion,
        serviceAccount: this.serviceAccount.name,
        flinkConfiguration: Lazy.any({ produce: () => this.finalConfiguration() }),
        logConfiguration: { 'logback-console.xml': (props.logging ?? FlinkLogging.json()).logbackXml },
        jobManager: {
          replicas: props.jobManager?.replicas ?? 1,
          ...renderProcessResources(props.jobManager?.resources ?? DEFAULT_JOB_MANAGER_RESOURCES) as any,
          podTemplate: Lazy.any({ produce: () => this.pods.roleTemplate('jobManager', this.podTemplate()) }),
        },
        taskManager: {
          replicas: props.taskManager?.replicas,
          ...renderProcessResources(props.taskManager?.resources ?? DEFAULT_TASK_MANAGER_RESOURCES) as any,
          podTemplate: Lazy.any({ produce: () => this.pods.roleTemplate('taskManager', this.podTemplate()) }),
        },
        podTemplate: Lazy.any({ produce: () => this.podTemplate() }),
        ingress: renderWebUi(props.webUi) as any,
        restartNonce: props.restartNonce,
        job: {
          jarUri: RUNNER_JAR_URI,
          // With fixed TaskManager replicas the operator derives the parallelism (replicas × slots).
          parallelism: props.taskManager?.replicas !== undefined ? undefined : props.parallelism ?? 1,
          state: this.jobState as unknown as FlinkDeploymentSpecJobState,
          upgradeMode: this.upgradeMode as unknown as FlinkDeploymentSpecJobUpgradeMode,
          initialSavepointPath: savepoint.path,
          savepointRedeployNonce: props.savepointRedeployNonce,
          allowNonRestoredState: props.allowNonRestoredState ?? true,
        },
      },
    });
    // Identity and module exist before the job that needs them (one `kubectl apply -f` succeeds).
    this.flinkDeployment.node.addDependency(this.moduleConfigMap);
    if (this.ownsServiceAccount) this.flinkDeployment.node.addDependency(this.serviceAccount as unknown as Construct, ...this.identityObjects);
    // A Secret the store renders (local emulator keys) exists before pods reference it.
    if (this.checkpointStore) this.flinkDeployment.node.addDependency(this.checkpointStore);

    for (const [name, value] of Object.entries(props.flinkPods?.env ?? {})) this.addFlinkEnvironment(name, value, this);
    if (props.networkPolicy?.enabled ?? true) {
      createFlinkNetworkPolicy(this, 'NetworkPolicy', {
        name: this.name,
        podLabels: this.flinkPodLabels,
        restPort: Number(props.flinkConfiguration?.['rest.port'] ?? 8081),
        metricsPort: (props.metrics ?? FlinkMetrics.prometheus()).port,
        prometheusNamespace: props.prometheusOperator?.prometheusNamespace,
        operatorNamespace: props.networkPolicy?.operatorNamespace,
        uiController: props.webUi ? (props.webUi.ingressController ?? 'any') : undefined,
      });
    }
    const monitoring = props.prometheusOperator;
    if (monitoring && monitoring.podMonitor !== false) new FlinkPodMonitor(this, 'PodMonitor', { app: this, options: monitoring });
    if (monitoring && monitoring.alerts !== false) new StateFunAlerts(this, 'Alerts', { app: this, options: monitoring });
    if (props.writePipelineDiagram ?? true) registerPipelineDiagram(this);
    claimName(this, NameClaimKind.APP, this.namespace, this.name);

    addProblemValidation(this, () => this.synthProblems());
    // The last gate (lib/rules/): the rendered objects, after every escape hatch, at every synth.
    registerGateTarget({
      flinkDeployment: this.flinkDeployment,
      operatorVersion: this.operatorVersion,
      renderedBy: () => ({
        unpatched: (this.flinkDeployment as FlinkDeploymentObject)._renderUnpatched(),
        typedConfiguration: Object.fromEntries(this.typedConfiguration.keys()
          .map((k) => [k, { value: this.typedConfiguration.get(k)!, owner: this.typedConfiguration.ownerOf(k)! }])),
        ownedPrefixes: this.typedConfiguration.ownedPrefixes(),
        fileSystemSchemes: this.fileSystemSchemes(),
        imageLabel: `the image ${this.image.reference}`,
      }),
      reportedByOwner: () => this.reportedFields,
    });
    // The store's chart too: a Secret it renders is checked against the pods that read it.
    if (this.checkpointStore) registerGateScope(this.checkpointStore);
  }

  /** The CRD the FlinkDeployment must validate against (`1.11.0`, `1.15.0` or `1.16-snapshot-6e9caeb4`, files in crds/). */
  public get crdRelease(): string {
    return crdReleaseFor(this.operatorVersion);
  }

  /** The rendered `module.yaml` (all components registered so far). */
  public renderModule(): string {
    return this.module.render();
  }

  /** SHA-256 of the rendered module, as written into the pod-template annotation. */
  public moduleSha256(): string {
    return this.module.sha256();
  }

  /** The final `flinkConfiguration`: typed settings plus user extras, keys sorted. */
  public flinkConfiguration(): { [key: string]: string } {
    return this.finalConfiguration();
  }

  /** The module components registered with this app, in module order. */
  public get components(): ModuleComponent[] {
    return this.module.sorted();
  }

  /** The checkpoint interval in effect (Kafka exactly-once transactions must outlast it). @internal */
  public get _checkpointInterval(): Duration {
    return this.props.checkpointing?.interval ?? CHECKPOINTING_DEFAULTS.interval;
  }

  /** The Flink job name (`statefun.flink-job-name`), the `job_name` label of the job's metrics. */
  public get jobName(): string {
    return this.finalConfiguration()['statefun.flink-job-name'] ?? this.name;
  }

  /**
   * The pipeline as a Mermaid flowchart: topics → ingresses → function types → endpoints → Services;
   * functions → egresses; the checkpoint store. Deterministic; also written at synth (`writePipelineDiagram`).
   */
  public pipelineDiagram(): string {
    return renderPipelineDiagram(this);
  }

  /** Rewrites an image onto the app's registry mirror (used for function images too). */
  public mirror(image: string): string {
    checkArgs('StateFunApp.mirror', image);
    return mirrorImage(image, this.props.imageRegistry);
  }

  /**
   * Adds an environment variable to the Flink main container of JobManager and TaskManagers
   * (e.g. credentials from a Secret for a Kinesis client). Setting one name twice is refused at synth.
   */
  public addFlinkEnvironment(name: string, value: kplus.EnvValue, owner?: IConstruct): void {
    checkArgs('StateFunApp.addFlinkEnvironment', name, value, owner);
    const by = owner ? owner.node.path : 'addFlinkEnvironment';
    const path = owner ? owner.node.path : this.node.path;
    const wanted = envSource(value.value, value.valueFrom?.secretKeyRef?.name, value.valueFrom?.secretKeyRef?.key);
    const fromStore = this.storeBinding?.env.find((e) => e.name === name);
    if (fromStore) {
      // The same value from the same source (e.g. keys from the one Secret the store also uses) is one variable.
      if (envSource(fromStore.value, fromStore.secretName, fromStore.secretKey) === wanted) return;
      throwProblems(path, [{ field: `env ${name}`, value: wanted, why: `the checkpoint store ${this.checkpointStore!.node.path} already sets it to ${envSource(fromStore.value, fromStore.secretName, fromStore.secretKey)}; two values for one variable would silently override each other`, fix: 'take both from the same source (the same Secret and key, or the same value)' }]);
    }
    const previous = this.extraEnv.get(name);
    if (previous) {
      if (envSource(previous.value, previous.valueFrom?.secretKeyRef?.name, previous.valueFrom?.secretKeyRef?.key) === wanted) return;
      throwProblems(path, [{ field: `env ${name}`, value: wanted, why: `already set by ${previous.owner} from another source; two values for one variable would silently override each other`, fix: 'take both from the same source (the same Secret and key, or the same value)' }]);
    }
    this.extraEnv.set(name, { value: value.value, valueFrom: value.valueFrom, owner: by });
  }

  /** The app's image pull secrets (also used by its functions). */
  public get imagePullSecrets(): kplus.ISecret[] {
    return [...(this.props.imagePullSecrets ?? [])];
  }

  /** @internal */
  public _registerComponent(component: ModuleComponent): void {
    this.module.add(component);
    registerGateScope(component);
    addProblemValidation(component, () => podFileProblems(component, this.pods, this.flinkEnvironmentNames()));
  }

  /** Targets of an ingress that no endpoint serves. @internal */
  public _routingProblems(ingress: Ingress): Problem[] {
    // Indexed lookup: a scan over all endpoints per ingress made synth quadratic in the app size.
    const unrouted = ingress._routes().filter((r) => !this.module.serves(r.target));
    if (unrouted.length === 0) return [];
    const served = (this.module.byRole(ComponentRole.ENDPOINT) as Endpoint[]).map((e) => e.functions);
    return unrouted
      .map((r) => ({
        field: r.field,
        value: r.target,
        why: `no endpoint of app '${this.name}' serves this function type, so the job would fail on the first message (served: ${served.length ? served.map((s) => `'${s}'`).join(', ') : 'none'})`,
        fix: 'route to a function type a RemoteFunction or HttpEndpoint of this app serves (remoteFunction.functionType(...)), or add an endpoint for it',
      }));
  }

  /** An ingress or egress id used twice. @internal */
  public _duplicateIdProblems(component: Ingress | Egress): Problem[] {
    const role = component._role;
    const id = component._sortKey;
    const same = this.module.sameKey(component);
    if (same.length < 2 || same[0] === component) return [];
    const what = role === ComponentRole.INGRESS ? 'ingress' : 'egress';
    return [{ field: `${what}Id`, value: id, why: `the ${what} id is already used by ${same[0].node.path}; StateFun fails at startup ("A binding for the key ... was previously defined")`, fix: `give every ${what} of the app a unique id` }];
  }

  /** Endpoint patterns that serve the same function type as an earlier endpoint. @internal */
  public _endpointOverlapProblems(endpoint: Endpoint): Problem[] {
    const earlier = this.module.earlierOverlap(endpoint);
    if (!earlier) return [];
    const same = earlier.functions === endpoint.functions;
    return [{
      field: 'functions',
      value: endpoint.functions,
      why: same
        ? `already served by ${earlier.node.path}; StateFun fails at startup on a duplicate binding`
        : `overlaps '${earlier.functions}' of ${earlier.node.path}: one function type would have two endpoints and which one is called is not obvious`,
      fix: 'serve each function type from exactly one endpoint (use distinct namespaces, or one <namespace>/* endpoint)',
    }];
  }

  private initialSavepointProblems(): { path?: string; problems: Problem[] } {
    const { initialSavepoint, initialSavepointPath, savepointRedeployNonce } = this.props;
    const problems: Problem[] = [];
    let path = initialSavepointPath;
    if (initialSavepoint !== undefined) {
      if (!(initialSavepoint instanceof SavepointSource)) {
        problems.push({ field: 'initialSavepoint', value: initialSavepoint, why: 'not a SavepointSource', fix: 'use SavepointSource.fromPath(uri) or SavepointSource.fromSnapshot(snapshot)' });
      } else if (initialSavepointPath !== undefined) {
        problems.push({ field: 'initialSavepoint', value: 'and initialSavepointPath', why: 'two sources for one initialSavepointPath', fix: 'set only initialSavepoint (SavepointSource.fromPath(uri) is the same as initialSavepointPath)' });
      } else {
        const resolved = initialSavepoint._resolve('initialSavepoint');
        problems.push(...resolved.problems);
        path = resolved.path;
      }
    }
    if (savepointRedeployNonce !== undefined && savepointRedeployNonce !== null) {
      if (!Number.isSafeInteger(savepointRedeployNonce)) {
        problems.push({ field: 'savepointRedeployNonce', value: savepointRedeployNonce, why: 'the nonce is a 64-bit integer', fix: 'use a whole number, e.g. the current epoch seconds' });
      } else if (initialSavepoint === undefined && initialSavepointPath === undefined) {
        problems.push({ field: 'savepointRedeployNonce', value: savepointRedeployNonce, why: 'a savepoint redeploy restarts the job from initialSavepointPath, and there is none (the operator: "InitialSavepointPath must not be empty for savepoint redeployment")', fix: 'set initialSavepoint to the savepoint to redeploy from, or drop the nonce' });
      }
    }
    return { path, problems };
  }

  private propProblems(): Problem[] {
    const problems: Problem[] = [];
    const imageFlink = this.image instanceof StateFunImage ? this.image.flinkVersion : undefined;
    problems.push(...versionProblems(this.operatorVersion, this.flinkVersion, imageFlink));
    problems.push(...processResourceProblems('jobManager', this.props.jobManager?.resources, this.operatorVersion));
    problems.push(...processResourceProblems('taskManager', this.props.taskManager?.resources, this.operatorVersion));
    problems.push(...this.image._problems('image'));
    problems.push(...deploymentNameProblems(this.name));
    problems.push(...namespaceProblems(Chart.of(this).node.path, this.namespace));
    if (this.props.serviceAccount) problems.push(...kubernetesNameProblems('serviceAccount', 'DNS-1123 subdomain', this.props.serviceAccount.name, suggestKubernetesName(this.props.serviceAccount.name, 253)));
    problems.push(...flinkConfigurationCredentialProblems('flinkConfiguration', this.props.flinkConfiguration));
    problems.push(...jvmOptionsCredentialProblems('jvmOptions', this.props.jvmOptions));
    problems.push(...urlCredentialProblems('initialSavepointPath', this.props.initialSavepointPath));
    if (this.props.imageRegistry !== undefined && !isValidRegistryPrefix(this.props.imageRegistry)) {
      problems.push({ field: 'imageRegistry', value: this.props.imageRegistry, why: 'a registry mirror is host[:port][/path] without scheme or tag', fix: "write e.g. 'harbor.example.com/proxy'" });
    }
    if (this.props.serviceAccount && this.props.checkpointStore) {
      const annotations = this.props.checkpointStore._binding().serviceAccountAnnotations;
      const keys = Object.keys(annotations);
      if (keys.length > 0) {
        problems.push({
          field: 'serviceAccount',
          value: this.props.serviceAccount.name,
          why: `the checkpoint store's workload identity needs the annotation ${keys.map((k) => `${k}=${annotations[k]}`).join(', ')} on the ServiceAccount, and an existing ServiceAccount cannot be annotated by the app`,
          fix: 'let the app create the ServiceAccount (omit serviceAccount), or annotate yours and configure the store without the identity',
        });
      }
    }
    problems.push(...(this.props.checkpointStore?._imageProblems(this.image, 'checkpointStore') ?? []));
    problems.push(...prometheusOperatorProblems('prometheusOperator', this.props.prometheusOperator));
    problems.push(...pullSecretProblems('imagePullSecrets', this.props.imagePullSecrets));
    problems.push(...webUiProblems('webUi', this.props.webUi, this.name, this.namespace));
    problems.push(...flinkNetworkPolicyProblems('networkPolicy', this.props.networkPolicy));
    problems.push(...this.pods.problems('flinkPods', (this.props.stateBackend ?? StateBackend.ROCKSDB) === StateBackend.ROCKSDB));
    if (this.props.prometheusOperator && this.props.metrics && this.props.metrics.port === undefined) {
      problems.push({ field: 'prometheusOperator', value: 'metrics: FlinkMetrics.disabled()', why: 'the PodMonitor and the alerts need the Prometheus reporter of the Flink pods', fix: 'keep the default metrics (FlinkMetrics.prometheus()), or remove prometheusOperator' });
    }
    if (this.props.highAvailability?.enabled && !this.props.checkpointStore) {
      problems.push({ field: 'highAvailability', value: 'kubernetes', why: 'Kubernetes HA keeps job metadata in high-availability.storageDir, which is derived from the checkpoint store', fix: 'set checkpointStore, or use HighAvailability.disabled()' });
    }
    return problems;
  }

  private synthProblems(): Problem[] {
    const problems: Problem[] = [];
    // JSON patches on the objects the pods depend on: the module ConfigMap the pod template mounts by
    // name, and the NetworkPolicy's selector of the Flink pods.
    const module: any = renderedOrUndefined(ApiObject.of(this.moduleConfigMap));
    if (module !== undefined && (module?.metadata?.name !== `${this.name}-module` || module?.metadata?.namespace !== this.namespace || typeof module?.data?.[MODULE_FILE] !== 'string')) {
      problems.push({ field: 'moduleConfigMap', value: { name: module?.metadata?.name, namespace: module?.metadata?.namespace, keys: Object.keys(module?.data ?? {}).sort() }, why: `a JSON patch renamed, moved or emptied the module ConfigMap, while the Flink pods mount ConfigMap ${this.name}-module key ${MODULE_FILE} in namespace ${this.namespace ?? '(default)'}: the pods would not start (ConfigMap not found) or find no module`, fix: 'drop the patch; the module is written from the components registered with the app' });
    }
    problems.push(...this.rbacPatchProblems());
    const policy = this.node.tryFindChild('NetworkPolicy');
    if (policy instanceof ApiObject) {
      const rendered: any = renderedOrUndefined(policy);
      const selector = rendered?.spec?.podSelector;
      const expected = { matchLabels: this.flinkPodLabels };
      if (rendered !== undefined && JSON.stringify(selector) !== JSON.stringify(expected)) {
        problems.push({ field: 'NetworkPolicy spec.podSelector', value: selector, why: `a JSON patch changed the selector of the Flink pods' NetworkPolicy from ${JSON.stringify(expected)}: it would apply to other pods of namespace ${this.namespace ?? '(default)'} (an empty selector isolates every pod there) or no longer protect the Flink pods`, fix: 'drop the patch; to manage the policy yourself, set networkPolicy: { enabled: false } and render your own' });
      }
    }
    const endpoints = this.module.byRole(ComponentRole.ENDPOINT);
    const ingresses = this.module.byRole(ComponentRole.INGRESS);
    if (ingresses.length === 0) {
      problems.push({ field: 'module', value: `${endpoints.length} endpoint(s), 0 ingress(es)`, why: 'StateFun refuses to start without an ingress ("There are no ingress defined.")', fix: `add an ingress with { app: ${this.node.id} }, e.g. new KafkaIngress(...)` });
    }
    if (endpoints.length === 0) {
      problems.push({ field: 'module', value: `0 endpoint(s), ${ingresses.length} ingress(es)`, why: 'StateFun refuses to start without a function endpoint ("There are no function providers defined.")', fix: `add a RemoteFunction or HttpEndpoint with { app: ${this.node.id} }` });
    }
    // The configuration linter and the operator rules on what the props render, reported by prop name;
    // the last gate (lib/rules/operator-validator.ts) checks the FlinkDeployment with its JSON patches.
    problems.push(...deploymentProblems({
      deployment: (this.flinkDeployment as FlinkDeploymentObject)._renderUnpatched(),
      typed: this.typedConfiguration,
      extras: this.props.flinkConfiguration ?? {},
      operatorVersion: this.operatorVersion,
      fileSystemSchemes: this.fileSystemSchemes(),
      imageLabel: `the image ${this.image.reference}`,
    }));
    this.reportedFields = new Set(problems.map((p) => manifestField(p.field)));
    return problems;
  }

  /** The schemes the image's plugins and the checkpoint store's serve (filesystem-schemes.ts). */
  private fileSystemSchemes(): string[] {
    return [...new Set([...this.image.fileSystemSchemes, ...(this.storeBinding?.fileSystemSchemes ?? [])])].sort();
  }

  /** Names of the Flink main container's variables; undefined when an `envFrom` source makes them unknowable. */
  private flinkEnvironmentNames(): string[] | undefined {
    if ((this.props.flinkPods?.envFrom ?? []).length > 0) return undefined;
    return [...(this.storeBinding?.env ?? []).map((e) => e.name), ...this.extraEnv.keys()];
  }

  private finalConfiguration(): Record<string, string> {
    const merged: Record<string, string> = { ...this.typedConfiguration.toRecord(), ...(this.props.flinkConfiguration ?? {}) };
    const out: Record<string, string> = {};
    for (const key of Object.keys(merged).sort()) out[key] = merged[key];
    return out;
  }

  private createIdentity(): kplus.ServiceAccount {
    const sa = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name: `${this.name}-flink` },
      // The Flink pods opt in through the pod template; nothing else using this account gets a token.
      automountToken: false,
    });
    const annotations = this.storeBinding?.serviceAccountAnnotations ?? this.props.checkpointStore?._binding().serviceAccountAnnotations ?? {};
    for (const [k, v] of Object.entries(annotations)) {
      sa.metadata.addAnnotation(k, v);
    }
    // What the operator documents for jobs in other namespaces: pods and ConfigMaps (JobManager creates
    // TaskManagers; Kubernetes HA uses ConfigMaps), Deployments for the JobManager's own deployment.
    const role = new kplus.k8s.KubeRole(this, 'Role', {
      metadata: { name: `${this.name}-flink` },
      rules: [
        { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
        { apiGroups: ['apps'], resources: ['deployments', 'deployments/finalizers'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
      ],
    });
    const binding = new kplus.k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: `${this.name}-flink` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
      subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: this.namespace }],
    });
    binding.node.addDependency(role);
    binding.node.addDependency(sa);
    this.identityObjects.push(role, binding);
    return sa;
  }

  /**
   * The Role and RoleBinding the app creates must still grant its ServiceAccount what the JobManager needs
   * after JSON patches (the operator's documented job RBAC: pods, configmaps, deployments).
   */
  private rbacPatchProblems(): Problem[] {
    const role = this.node.tryFindChild('Role');
    const binding = this.node.tryFindChild('RoleBinding');
    if (!this.ownsServiceAccount || !(role instanceof ApiObject) || !(binding instanceof ApiObject)) return [];
    const r: any = renderedOrUndefined(role);
    const b: any = renderedOrUndefined(binding);
    if (r === undefined || b === undefined) return []; // a patch that cannot be applied: the last gate reports it
    const rules: any[] = Array.isArray(r.rules) ? r.rules : [];
    const has = (s: unknown, v: string) => Array.isArray(s) && (s.includes(v) || s.includes('*'));
    const missing: string[] = [];
    for (const [group, resources] of [['', ['configmaps', 'pods']], ['apps', ['deployments']]] as Array<[string, string[]]>) {
      for (const resource of resources) {
        for (const verb of ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']) {
          if (!rules.some((rule) => has(rule?.apiGroups, group) && has(rule?.resources, resource) && has(rule?.verbs, verb))) missing.push(`${group ? `${group}/` : ''}${resource} ${verb}`);
        }
      }
    }
    const problems: Problem[] = [];
    if (missing.length > 0) {
      problems.push({ field: 'Role rules', value: missing.length > 4 ? `${missing.slice(0, 4).join(', ')}, … (${missing.length} missing)` : missing.join(', '), why: 'a JSON patch took permissions from the Role of the Flink pods that the JobManager needs (it creates the TaskManager pods, and Kubernetes HA keeps its leader ConfigMaps): the cluster does not start or cannot fail over', fix: 'drop the patch; to grant other permissions, bind another Role to the ServiceAccount' });
    }
    const bound = b?.roleRef?.kind === 'Role' && b?.roleRef?.name === role.name
      && Array.isArray(b?.subjects) && b.subjects.some((x: any) => x?.kind === 'ServiceAccount' && x?.name === this.serviceAccount.name && x?.namespace === this.namespace);
    if (!bound) {
      problems.push({ field: 'RoleBinding', value: { roleRef: b?.roleRef, subjects: b?.subjects }, why: `a JSON patch no longer binds Role ${role.name} to ServiceAccount ${this.serviceAccount.name} in namespace ${this.namespace ?? '(default)'}: the Flink pods lose their permissions`, fix: 'drop the patch; to grant other permissions, bind another Role to the ServiceAccount' });
    }
    return problems;
  }

  private podTemplate(): FlinkDeploymentSpecPodTemplate {
    const binding = this.storeBinding;
    const env: Array<{ name: string; value?: string; valueFrom?: any }> = (binding?.env ?? []).map((e) => e.secretName
      ? { name: e.name, valueFrom: { secretKeyRef: { name: e.secretName, key: e.secretKey! } } }
      : { name: e.name, value: e.value });
    for (const name of [...this.extraEnv.keys()].sort()) {
      const e = this.extraEnv.get(name)!;
      env.push({ name, value: e.value, valueFrom: e.valueFrom });
    }
    const metricsPort = (this.props.metrics ?? FlinkMetrics.prometheus()).port;
    const template: any = {
      metadata: {
        labels: { ...this.flinkPodLabels, ...(binding?.podLabels ?? {}) },
        annotations: { [MODULE_HASH_ANNOTATION]: this.module.sha256() },
      },
      spec: {
        automountServiceAccountToken: true,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: FLINK_UID,
          runAsGroup: FLINK_UID,
          fsGroup: FLINK_UID,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [{
          name: FLINK_MAIN_CONTAINER,
          env: env.length > 0 ? env : undefined,
          ports: metricsPort !== undefined ? [{ name: 'metrics', containerPort: metricsPort, protocol: 'TCP' }] : undefined,
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          volumeMounts: [{ name: MODULE_VOLUME, mountPath: MODULE_MOUNT_DIR, readOnly: true }],
        }],
        volumes: [{ name: MODULE_VOLUME, configMap: { name: this.moduleConfigMap.name } }],
      },
    };
    this.pods.decorateShared(template, podFileUses(this.components).map((u) => u.file));
    return template;
  }
}

const DEFAULT_JOB_MANAGER_RESOURCES: FlinkProcessResources = { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(1024) };
const DEFAULT_TASK_MANAGER_RESOURCES: FlinkProcessResources = { cpu: kplus.Cpu.units(1), memory: Size.mebibytes(2048) };

/** A comparable description of where an environment variable's value comes from. */
function envSource(value: string | undefined, secretName: string | undefined, secretKey: string | undefined): string {
  return secretName ? `Secret ${secretName} key ${secretKey}` : `value ${JSON.stringify(value ?? '')}`;
}
