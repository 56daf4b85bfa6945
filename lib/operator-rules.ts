import { Problem } from './errors';
import { deploymentSchemeProblems } from './filesystem-schemes';
import { configField, flatten, lintFlinkConfiguration } from './flink-config-linter';
import { FlinkConfigurationBuilder, MODULE_URI, STATEFUN_PARENT_FIRST_PATTERNS } from './flink-configuration';
import { deploymentMemoryProblems, hasResourceRequirements, parseFlinkMemory, parseQuantity, specMemoryPath } from './flink-memory-model';
import { gateProblems, OperatorGate, operatorHas } from './operator-feature-gates';
import { upgradePathProblems } from './rules/upgrade-paths';
import { OperatorVersion, versionProblems, FlinkVersion } from './versions';

export { parseFlinkMemory, parseQuantity };

/** What the operator's validator looks at: the FlinkDeployment as written (JSON patches applied). @internal */
export interface OperatorRuleInput {
  /** The FlinkDeployment manifest (`metadata`, `spec`), after JSON patches. */
  readonly deployment: any;
  readonly operatorVersion: OperatorVersion;
}

/** Everything synth checks on the FlinkDeployment as written. @internal */
export interface DeploymentCheckInput extends OperatorRuleInput {
  /** The typed settings with their owning props. */
  readonly typed: FlinkConfigurationBuilder;
  /** The user's `flinkConfiguration` extras as given. */
  readonly extras: Record<string, unknown>;
  /** The filesystem schemes the image (and the checkpoint store's plugins) serve; unset: not checked. */
  readonly fileSystemSchemes?: readonly string[];
  /** How findings name the image, e.g. `the image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5`. */
  readonly imageLabel?: string;
}

/**
 * The configuration linter and the operator rules over the FlinkDeployment as written (typed settings,
 * extras and JSON patches), one finding per field: a key the linter already reports (e.g. a patched
 * StateFun invariant) is not reported again by the rules.
 * @internal
 */
export function deploymentProblems(input: DeploymentCheckInput): Problem[] {
  const lint = lintFlinkConfiguration({
    typed: input.typed,
    extras: input.extras,
    final: input.deployment?.spec?.flinkConfiguration ?? {},
    operatorVersion: input.operatorVersion,
  });
  const fields = new Set(lint.map((p) => p.field));
  const spec = input.deployment?.spec ?? {};
  const schemes = input.fileSystemSchemes
    ? deploymentSchemeProblems(spec, flatConfiguration(spec.flinkConfiguration), input.fileSystemSchemes, input.imageLabel ?? 'the image', configField)
    : [];
  // Flink's memory model and upgrade paths on the target operator, by prop name (the last gate's
  // flink-memory and upgrade-path families report only what JSON patches change).
  const conf = flatConfiguration(spec.flinkConfiguration);
  const memory = deploymentMemoryProblems(spec, conf, (component) => `${component}.resources.memory`, configField);
  const upgrades: Problem[] = upgradePathProblems(spec, input.operatorVersion)
    .map((p) => ({ field: p.field, value: p.value, why: p.why, fix: p.fix }));
  return [...lint, ...[...operatorRuleProblems(input), ...schemes, ...memory, ...upgrades].filter((p) => !fields.has(p.field))];
}

const NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;
const LOG_CONFIG_KEYS = ['log4j-console.properties', 'logback-console.xml'];

/** Keys under which the operator and Flink 1.20 classes find the checkpoint / savepoint directories (new key first). */
const CHECKPOINT_DIR_KEYS = ['execution.checkpointing.dir', 'state.checkpoints.dir', 'state.backend.fs.checkpointdir'];
const SAVEPOINT_DIR_KEYS = ['execution.checkpointing.savepoint-dir', 'state.savepoints.dir', 'savepoints.state.backend.fs.dir'];
const HA_TYPE_KEYS = ['high-availability.type', 'high-availability', 'recovery.mode'];

/**
 * The Flink Kubernetes Operator's validator rules (DefaultValidator, flink-operator.md §5.1) and
 * StateFun's runtime invariants (StatefulFunctionsConfigValidator, which the Kzmlabs runner never
 * calls), checked at synth on the FlinkDeployment as it will be applied, so a bad FlinkDeployment never
 * reaches the cluster. The forbidden-key rule (§5.1 rule 5) lives in the configuration linter.
 * @internal
 */
export function operatorRuleProblems(input: OperatorRuleInput): Problem[] {
  const problems: Problem[] = [];
  const d = input.deployment ?? {};
  const spec = d.spec ?? {};
  const job = spec.job;
  const conf = flatConfiguration(spec.flinkConfiguration);
  const get = (keys: string[]) => keys.map((k) => conf[k]).find((v) => v !== undefined);
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  const add = (field: string, value: unknown, why: string, fix: string) => problems.push({ field, value, why, fix });

  // Rule 1: name.
  problems.push(...deploymentNameProblems(d.metadata?.name));

  // Rules 2/3 (and the CRD enum): flinkVersion.
  problems.push(...versionProblems(input.operatorVersion, spec.flinkVersion as FlinkVersion | undefined));

  // Rule 28: service account.
  if (blank(spec.serviceAccount)) {
    add('serviceAccount', spec.serviceAccount, 'the operator requires it ("spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount.")', 'let the app create its ServiceAccount, or pass serviceAccount');
  }

  // Rules 6 and 21: features that need high availability.
  const haType = get(HA_TYPE_KEYS);
  const haActive = haType !== undefined && haType.trim().toUpperCase() !== 'NONE';
  if ((conf['kubernetes.operator.deployment.rollback.enabled'] ?? '').toLowerCase() === 'true' && !haActive) {
    add(configField('kubernetes.operator.deployment.rollback.enabled'), 'true', 'the operator refuses rollbacks without high availability ("HA must be enabled for rollback support.")', 'enable HighAvailability.kubernetes() (needs a checkpointStore) or drop operator.deploymentRollback');
  }
  // Rule 7: health check needs deployment recovery.
  if ((conf['kubernetes.operator.cluster.health-check.enabled'] ?? '').toLowerCase() === 'true'
    && (conf['kubernetes.operator.jm-deployment-recovery.enabled'] ?? '').toLowerCase() === 'false') {
    add(configField('kubernetes.operator.cluster.health-check.enabled'), 'true', 'the operator refuses it ("Deployment recovery (kubernetes.operator.jm-deployment-recovery.enabled) must be enabled for job health check (kubernetes.operator.cluster.health-check.enabled) support.")', 'drop operator.jobManagerDeploymentRecovery: false, or operator.clusterHealthCheck');
  }

  // Rule 10: log configuration keys (and StateFun: the image logs through Logback only).
  for (const key of Object.keys(spec.logConfiguration ?? {}).sort()) {
    if (!LOG_CONFIG_KEYS.includes(key)) {
      add(`logConfiguration['${key}']`, key, `the operator accepts only ${LOG_CONFIG_KEYS.join(' and ')} ("Invalid log config key: ${key}.")`, 'configure logging with the logging prop (FlinkLogging.json() or FlinkLogging.logback(xml))');
    } else if (key === 'log4j-console.properties') {
      add(`logConfiguration['${key}']`, key, 'the StateFun image logs through Logback (its Log4j binding is removed), so a Log4j configuration has no effect', 'configure logging with the logging prop (logback-console.xml)');
    }
  }

  if (job) {
    const mode = job.upgradeMode ?? 'stateless';
    const savepointDirMissing = blank(get(SAVEPOINT_DIR_KEYS));
    // Rule 11, else rule 12 (the operator stops at the first failed rule; without any directory rule 11 says it all).
    if (mode !== 'stateless' && blank(get(CHECKPOINT_DIR_KEYS))) {
      add('upgradeMode', mode, 'the operator refuses last-state and savepoint upgrades without a checkpoint directory ("Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes")', 'set checkpointStore, or use UpgradeMode.STATELESS');
    } else if (mode === 'savepoint' && savepointDirMissing) {
      add('upgradeMode', mode, 'the operator refuses savepoint upgrades without a savepoint directory ("Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set")', 'set checkpointStore, or use UpgradeMode.LAST_STATE');
    }
    // Rule 13.
    if (job.savepointTriggerNonce !== undefined && job.savepointTriggerNonce !== null && savepointDirMissing) {
      add('job.savepointTriggerNonce', job.savepointTriggerNonce, 'the operator refuses a manual savepoint without a savepoint directory ("Savepoint could not be manually triggered for the running job while config key[execution.checkpointing.savepoint-dir] is not set")', 'set checkpointStore, or drop the nonce');
    }
    // Rule 14: the key's presence counts, even 0ms.
    const periodic = conf['kubernetes.operator.periodic.savepoint.interval'];
    if (periodic !== undefined && savepointDirMissing) {
      add(configField('kubernetes.operator.periodic.savepoint.interval'), periodic, 'the operator refuses periodic savepoints (the key\'s presence counts, even 0ms) without a savepoint directory ("Periodic savepoints cannot be enabled when config key[execution.checkpointing.savepoint-dir] is not set")', 'set checkpointStore, or drop operator.periodicSavepointInterval');
    }
    // Rule 15.
    const age = conf['kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age'];
    if (age !== undefined && savepointDirMissing) {
      add(configField('kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age'), age, 'the operator refuses it without a savepoint directory ("In order to use max-checkpoint age functionality config key[execution.checkpointing.savepoint-dir] must be set to allow triggering savepoint upgrades.")', 'set checkpointStore, or remove the key');
    }
    // Rules 16 and 17.
    const tmReplicas = spec.taskManager?.replicas;
    if (tmReplicas !== undefined && tmReplicas !== null) {
      if (!(Number.isInteger(tmReplicas) && tmReplicas >= 1)) {
        add('taskManager.replicas', tmReplicas, 'the operator refuses it ("TaskManager replicas must be larger than 0")', 'use a whole number ≥ 1, or leave it unset and set parallelism');
      }
    } else if (!(Number.isInteger(job.parallelism) && job.parallelism >= 1)) {
      add('parallelism', job.parallelism, 'the operator refuses it ("Job parallelism must be larger than 0")', 'use a whole number ≥ 1');
    }
    // Not an operator rule: a savepoint path must be a URI the filesystem plugins understand.
    const path = job.initialSavepointPath;
    if (path !== undefined && path !== null && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(path)) {
      add('initialSavepointPath', path, 'a savepoint path is a filesystem URI', "write the full URI, e.g. 's3://my-bucket/statefun/orders/savepoints/savepoint-abc123'");
    }
  }

  // Rules 18–24: JobManager and TaskManager resources and replicas.
  for (const [component, prop, key] of [['JobManager', 'jobManager', 'jobManager'], ['TaskManager', 'taskManager', 'taskManager']]) {
    const c = spec[key] ?? {};
    const r = c.resource ?? {};
    const requirements = c.resources;
    const hasRequirements = hasResourceRequirements(requirements);
    if (requirements !== undefined && requirements !== null) {
      problems.push(...gateProblems(input.operatorVersion, key === 'jobManager' ? OperatorGate.JOB_MANAGER_RESOURCES : OperatorGate.TASK_MANAGER_RESOURCES, `spec.${key}.resources`, requirements));
      problems.push(...resourceRequirementProblems(component, key, requirements));
    }
    const memory = specProcessMemory(spec, key as 'jobManager' | 'taskManager');
    if (memory === undefined || memory === null) {
      const also = operatorHas(input.operatorVersion, OperatorGate.JOB_MANAGER_RESOURCES) ? ` or \`spec.${key}.resources.requests.memory\`` : '';
      add(`${prop}.resources.memory`, undefined, `the operator refuses it ("${component} resource memory must be defined using \`spec.${key}.resource.memory\`${also}")`, `set ${prop}.resources`);
    } else if (!hasRequirements && parseFlinkMemory(String(memory)) === undefined) {
      add(`${prop}.resources.memory`, memory, `the operator refuses it ("${component} resource memory parse error")`, `use a Size, e.g. Size.mebibytes(${component === 'JobManager' ? 1024 : 2048}) (written as '${component === 'JobManager' ? 1024 : 2048}m')`);
    }
    if (hasRequirements && c.resource !== undefined && c.resource !== null) {
      add(`${prop}.resources`, 'resource and resources', `the operator ignores spec.${key}.resource when spec.${key}.resources has a request or limit (FlinkConfigBuilder.applyResourceConfig logs a warning), so one of them would be silently dropped`, `remove spec.${key}.resource (the library writes only one of them)`);
    }
    if (hasRequirements) {
      for (const resource of ['cpu', 'memory']) {
        const factorKey = `kubernetes.${key.toLowerCase()}.${resource}.limit-factor`;
        if (requirements.requests?.[resource] !== undefined && requirements.limits?.[resource] !== undefined && conf[factorKey] !== undefined) {
          add(configField(factorKey), conf[factorKey], `the operator sets it to limit ÷ request from spec.${key}.resources, overriding the configuration`, `remove it: set ${prop}.resources.limits.${resource} instead`);
        }
      }
    }
    // Sizes the memory pools do not fit into: the last gate's rules/flink-memory.ts.
    if (r.ephemeralStorage !== undefined && r.ephemeralStorage !== null && parseQuantity(String(r.ephemeralStorage)) === undefined) {
      add(`${prop}.resources.ephemeralStorage`, r.ephemeralStorage, `the operator refuses it ("${component} resource ephemeral storage parse error")`, 'use a Size, e.g. Size.gibibytes(10) (written as 10Gi)');
    }
    if (r.cpu !== undefined && r.cpu !== null && !(typeof r.cpu === 'number' && r.cpu > 0)) {
      add(`${prop}.resources.cpu`, r.cpu, 'CPU must be a positive number of cores (the CRD types it as a number)', 'use Cpu.units(1) or Cpu.millis(500)');
    }
    // TaskManager replicas of a job are rule 16 above; rule 24's wording applies to session clusters only.
    const replicas = c.replicas;
    if ((component === 'JobManager' || !job) && replicas !== undefined && replicas !== null && !(Number.isInteger(replicas) && replicas >= 1)) {
      add(`${prop}.replicas`, replicas, `the operator refuses it ("${component} replicas should not be configured less than one.")`, component === 'JobManager' ? 'use 1, or 2+ with high availability' : 'use a whole number ≥ 1');
    }
  }
  const jmReplicas = spec.jobManager?.replicas;
  if (Number.isInteger(jmReplicas) && jmReplicas > 1 && !haActive) {
    add('jobManager.replicas', jmReplicas, 'the operator refuses standby JobManagers without high availability ("High availability should be enabled when starting standby JobManagers.")', 'enable HighAvailability.kubernetes() (needs a checkpointStore) or use 1 replica');
  }
  const slots = conf['taskmanager.numberOfTaskSlots'];
  if (slots !== undefined && !/^[1-9]\d*$/.test(slots.trim())) {
    add('taskManager.taskSlots', slots, 'a TaskManager needs a whole number of slots ≥ 1', 'use a whole number ≥ 1');
  }
  const nonce = spec.restartNonce;
  if (nonce !== undefined && nonce !== null && !Number.isSafeInteger(nonce)) {
    add('restartNonce', nonce, 'the nonce is a 64-bit integer', 'use a whole number, e.g. the current epoch seconds');
  }

  problems.push(...statefunInvariantProblems(conf));
  return problems;
}

/**
 * StateFun's own invariants over the final configuration (StatefulFunctionsConfigValidator and
 * statefun-runtime.md §9), which the typed settings always satisfy; a JSON patch may break them.
 * @internal
 */
export function statefunInvariantProblems(conf: Record<string, string>): Problem[] {
  const problems: Problem[] = [];
  const add = (key: string, value: unknown, why: string, fix: string) => problems.push({ field: configField(key), value, why, fix });
  const lower = (k: string) => conf[k]?.trim().toLowerCase();

  const embedded = lower('statefun.embedded') === 'true';
  if (embedded) {
    add('statefun.embedded', conf['statefun.embedded'], 'uber-jar mode: the runtime would expect the functions inside the job jar and skip its classloading checks; the Kzmlabs image runs remote functions', 'remove it');
  }
  const patterns = (conf['classloader.parent-first-patterns.additional'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const missing = STATEFUN_PARENT_FIRST_PATTERNS.filter((p) => !patterns.includes(p));
  if (!embedded && missing.length > 0) {
    add('classloader.parent-first-patterns.additional', conf['classloader.parent-first-patterns.additional'], `StateFun requires ${missing.join(', ')} to load parent-first (its config validator; the runner does not check it, the job fails on class-loading conflicts)`, 'set it to include org.apache.flink.statefun;org.apache.kafka;com.google.protobuf (StateFunApp writes them: do not patch them away; add your own with statefun.additionalParentFirstPatterns)');
  }
  if (lower('classloader.resolve-order') !== 'parent-first') {
    add('classloader.resolve-order', conf['classloader.resolve-order'], 'StateFun deployments load classes parent-first (every reference deployment sets it)', 'set it to parent-first (StateFunApp writes it: do not patch it)');
  }
  for (const key of ['execution.checkpointing.unaligned.enabled', 'execution.checkpointing.unaligned']) {
    if (lower(key) === 'true') add(key, conf[key], 'StateFun does not support unaligned checkpoints ("StateFun currently does not support unaligned checkpointing")', 'remove it: the library keeps unaligned checkpoints off');
  }
  // The validator reads the key with default "rocksdb" (StatefulFunctionsConfigValidator.TIMER_SERVICE_FACTORY):
  // only an explicit other value is a heap timer; with hashmap the library does not write the key.
  const timers = conf['state.backend.rocksdb.timer-service.factory'];
  if (timers !== undefined && timers.trim().toLowerCase() !== 'rocksdb') {
    add('state.backend.rocksdb.timer-service.factory', conf['state.backend.rocksdb.timer-service.factory'], 'StateFun requires RocksDB timers (heap timers are rejected by its config validator)', 'set it to ROCKSDB (StateFunApp writes it: do not patch it)');
  }
  if (conf['execution.checkpointing.max-concurrent-checkpoints']?.trim() !== '1') {
    add('execution.checkpointing.max-concurrent-checkpoints', conf['execution.checkpointing.max-concurrent-checkpoints'], 'StateFun supports exactly one concurrent checkpoint', 'set it to 1 (StateFunApp writes it: do not patch it)');
  }
  const interval = conf['execution.checkpointing.interval'];
  if (interval === undefined || /^0+\s*[a-z]*$/i.test(interval.trim())) {
    add('execution.checkpointing.interval', interval, 'without an interval checkpointing is off (StateFun never enables it), so a failure loses all state', 'set an interval, e.g. 10s (StateFunApp: checkpointing.interval; do not patch it away)');
  }
  if (conf['statefun.remote.module-name'] !== MODULE_URI) {
    add('statefun.remote.module-name', conf['statefun.remote.module-name'], `the module ConfigMap is mounted at ${MODULE_URI}; any other location has no module ("There are no ingress defined.")`, `set it to ${MODULE_URI} with the module ConfigMap mounted at /opt/statefun (StateFunApp does both: do not patch it)`);
  }
  return problems;
}

/** The flat string map the validator sees (nested maps flattened as operator 1.13+ does). @internal */
export function flatConfiguration(conf: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!conf || typeof conf !== 'object') return out;
  for (const key of Object.keys(conf)) for (const [k, v] of flatten(key, (conf as any)[key])) out[k] = v;
  return out;
}

/**
/**
 * The FlinkDeployment name as the operator's DefaultValidator checks it (rule 1): also the prefix of every
 * object the app and the operator derive from it, so it is checked when the prop is given.
 * @internal
 */
export function deploymentNameProblems(name: unknown): Problem[] {
  if (typeof name === 'string' && NAME.test(name)) return [];
  return [{
    field: 'name',
    value: name,
    why: `the operator requires lower-case alphanumerics or '-', starting with a letter, ending with an alphanumeric, at most 45 characters ("The FlinkDeployment name: ${name} is invalid")`,
    fix: `set props.name (or the construct id) to e.g. '${suggestName(String(name ?? ''))}'`,
  }];
}

/**
 * The memory string the operator turns into `*.memory.process.size` for a JobManager or TaskManager spec
 * (`specMemoryPath` says where it reads it). Flink's memory pools follow this value, never a limit above it.
 * @internal
 */
export function specProcessMemory(spec: any, key: 'jobManager' | 'taskManager'): string | undefined {
  const component = spec?.[key];
  const path = specMemoryPath(component);
  return path === undefined ? undefined : path.split('.').reduce((o, k) => o?.[k], component);
}

/**
 * The operator 1.16 rules for `spec.*.resources` (apache/flink-kubernetes-operator main at 6e9caeb4,
 * `validation/DefaultValidator.java` `validateResourceRequirements`, `validateQuantities`,
 * `validateRequestNotAboveLimit`): every quantity parses; memory and cpu are positive, others not
 * negative; a cpu or memory request does not exceed its limit (memory compared the way Flink parses it).
 * Fields are manifest paths (`spec.taskManager.resources.limits.memory`): the typed props cannot produce
 * these findings (they are refused at construction), only a JSON patch can.
 * @internal
 */
export function resourceRequirementProblems(component: string, key: string, resources: any): Problem[] {
  const problems: Problem[] = [];
  const amounts: Record<string, Record<string, number | undefined>> = { requests: {}, limits: {} };
  for (const section of ['requests', 'limits']) {
    const map = resources?.[section];
    if (map === undefined || map === null) continue;
    for (const name of Object.keys(map).sort()) {
      const text = String(map[name]);
      const field = `spec.${key}.resources.${section}.${name}`;
      const amount = name === 'memory' ? parseFlinkMemory(text) : parseQuantity(text);
      amounts[section][name] = amount;
      if (amount === undefined) {
        problems.push({ field, value: map[name], why: `not a Kubernetes quantity; the operator refuses it ("${component} resource requirements ${section} ${name} parse error")`, fix: 'use a Size or Cpu prop (the library renders them as quantities)' });
      } else if ((name === 'memory' || name === 'cpu') && amount <= 0) {
        problems.push({ field, value: map[name], why: `the operator refuses it ("${component} resource requirements ${section} ${name} must be positive: ${text}")`, fix: `use a positive ${name === 'cpu' ? 'Cpu' : 'Size'}` });
      } else if (amount < 0) {
        problems.push({ field, value: map[name], why: `the operator refuses it ("${component} resource requirements ${section} ${name} must not be negative: ${text}")`, fix: 'use a Size' });
      }
    }
  }
  for (const name of ['cpu', 'memory']) {
    const request = amounts.requests[name];
    const limit = amounts.limits[name];
    if (request !== undefined && limit !== undefined && request > limit) {
      problems.push({
        field: `spec.${key}.resources.limits.${name}`,
        value: resources.limits[name],
        why: `below the ${name} request; the operator refuses it ("${component} resource requirements ${name} request (${resources.requests[name]}) must not exceed its limit (${resources.limits[name]})")`,
        fix: `set the limit to at least ${resources.requests[name]}, or lower the request`,
      });
    }
  }
  return problems;
}

function suggestName(name: string): string {
  const s = name.toLowerCase().replace(/[^-a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 45).replace(/[^a-z0-9]+$/, '');
  return s || 'my-statefun';
}
