import { IConstruct } from 'constructs';
import { Problem } from './errors';
import { FlinkPodControls } from './flink-pods';
import { envPlaceholderProblems } from './kafka-security';
import { PodFile, unprovidedPathProblems } from './pod-files';

/** A file a module component makes the Flink pods read, with the prop path that names it. @internal */
export interface PodFileUse {
  readonly field: string;
  readonly file: PodFile;
}

/** A component whose module document names files in the Flink pods (an endpoint's TLS files, Kafka credentials). @internal */
interface PodFileUser extends IConstruct {
  _podFiles(): PodFileUse[];
  /** Client properties whose `${env:…}` placeholders must name variables of the Flink pods. */
  _envPlaceholderProperties?(): { [key: string]: string } | undefined;
}

function isPodFileUser(c: unknown): c is PodFileUser {
  return typeof (c as any)?._podFiles === 'function';
}

/** Every file the app's module components need in the Flink pods, in component order. @internal */
export function podFileUses(components: IConstruct[]): PodFileUse[] {
  return components.filter(isPodFileUser).flatMap((c) => c._podFiles());
}

/**
 * Problems with the files one component names: a `PodFile.atPath` no volume provides, a library mount
 * that collides with a user mount, and `${env:…}` placeholders naming no variable of the Flink pods.
 * @internal
 */
export function podFileProblems(component: IConstruct, pods: FlinkPodControls, envNames: string[] | undefined): Problem[] {
  if (!isPodFileUser(component)) return [];
  const mounts = pods.userMountPaths();
  return [
    ...component._podFiles().flatMap((u) => [...unprovidedPathProblems(u.field, u.file, mounts), ...pods.fileProblems(u.field, u.file)]),
    ...envPlaceholderProblems('properties', component._envPlaceholderProperties?.(), envNames),
  ];
}
