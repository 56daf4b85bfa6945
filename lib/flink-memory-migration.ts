import { Size } from 'cdk8s';
import { deriveMemory, FlinkProcess, humanSize, MEMORY_KEYS, minimumProcessMiB } from './flink-memory-model';
import { bytes } from './units';

/** What the memory check needs from a migration (the migrator's report). @internal */
export interface MemoryMigrationReport {
  invalid(key: string, why: string, replacement?: string): void;
  valueOf(key: string): string;
}

/** The app's default process sizes (StateFunApp: JobManager 1 GiB, TaskManager 2 GiB). */
const DEFAULT_MIB: Record<FlinkProcess, number> = { JobManager: 1024, TaskManager: 2048 };

/**
 * Flink's memory model over what a `FlinkConfigMigration` carries over: the process sizes it maps to
 * `*.resources.memory` (or the app's defaults) against the memory keys it keeps in `flinkConfiguration`.
 * A migrated size the pools do not fit into, or a memory key Flink refuses on its own, is reported as
 * invalid and not carried over, so the migrated app never deploys a configuration Flink rejects
 * (flink-memory-model.ts for the derivation and its sources).
 * @internal
 */
export function checkMigratedMemory(
  report: MemoryMigrationReport,
  sizes: Array<[{ memory?: Size }, string]>,
  extras: Record<string, string>,
): void {
  for (const [resources, processKey] of sizes) {
    const process: FlinkProcess = processKey.startsWith('jobmanager.') ? 'JobManager' : 'TaskManager';
    const prop = process === 'JobManager' ? 'jobManager.resources.memory' : 'taskManager.resources.memory';
    // A key wrong on its own first (it would fail at any size); then the size.
    for (let guard = 0; guard < MEMORY_KEYS[process].length; guard++) {
      const processBytes = resources.memory ? bytes(resources.memory) : DEFAULT_MIB[process] * 1024 * 1024;
      const d = deriveMemory(process, processBytes, extras);
      if (!d.failure) break;
      if (d.badKey && extras[d.badKey] !== undefined) {
        delete extras[d.badKey];
        report.invalid(d.badKey, `Flink refuses it ("${d.failure}")`, d.badKey);
        continue;
      }
      const own = MEMORY_KEYS[process].filter((k) => extras[k] !== undefined);
      const min = minimumProcessMiB(process, extras);
      const floor = min !== undefined ? `; with ${own.length ? own.join(', ') : "Flink's default pools"} the minimum is ${min} MiB` : '';
      if (resources.memory) {
        delete resources.memory;
        report.invalid(processKey, `Flink cannot fit the ${process}'s memory pools into ${humanSize(processBytes)} ("${d.failure}")${floor}: set ${prop} to at least ${min ?? '?'} MiB`, prop);
        continue;
      }
      // The app's default size with the carried-over keys does not fit: the keys are not carried over.
      for (const k of own) {
        delete extras[k];
        report.invalid(k, `with the app's default ${process} size (${DEFAULT_MIB[process]} MiB) Flink cannot fit the memory pools ("${d.failure}")${floor}: set ${prop} to at least ${min ?? '?'} MiB and add ${k} = ${report.valueOf(k)} to flinkConfiguration`, prop);
      }
      break;
    }
  }
}
