import { IConstruct } from 'constructs';
import { Problem } from './errors';
import { FlinkPodControls } from './flink-pods';
import { PodFile, unprovidedPathProblems } from './pod-files';

/** A file a module component makes the Flink pods read, with the prop path that names it. @internal */
export interface PodFileUse {
  readonly field: string;
  readonly file: PodFile;
}

/** A component whose module document names files in the Flink pods (an endpoint's TLS files, Kafka credentials). @internal */
interface PodFileUser extends IConstruct {
  _podFiles(): PodFileUse[];
}

function isPodFileUser(c: unknown): c is PodFileUser {
  return typeof (c as any)?._podFiles === 'function';
}

/** Every file the app's module components need in the Flink pods, in component order. @internal */
export function podFileUses(components: IConstruct[]): PodFileUse[] {
  return components.filter(isPodFileUser).flatMap((c) => c._podFiles());
}

/**
 * Problems with the files one component names: a `PodFile.atPath` no volume provides, and a library mount
 * that collides with a user mount.
 * @internal
 */
export function podFileProblems(component: IConstruct, pods: FlinkPodControls): Problem[] {
  if (!isPodFileUser(component)) return [];
  const mounts = pods.userMountPaths();
  return component._podFiles().flatMap((u) => [...unprovidedPathProblems(u.field, u.file, mounts), ...pods.fileProblems(u.field, u.file)]);
}
