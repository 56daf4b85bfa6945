import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { ExtraContainer, extraContainerProblems, renderExtraContainer } from './flink-pods';
import { pullSecretProblems, renderPullSecrets } from './image-pull';
import { placementProblems, PodPlacement, renderPlacement } from './pod-scheduling';

/** The pod controls of a RemoteFunction. @internal */
export interface FunctionPodOptions {
  readonly placement?: PodPlacement;
  readonly imagePullSecrets?: kplus.ISecret[];
  readonly sidecars?: ExtraContainer[];
  readonly initContainers?: ExtraContainer[];
}

/** The function server's own container name. @internal */
export const FUNCTION_CONTAINER = 'function';

/** Construction-time problems of a function's pod controls. @internal */
export function functionPodProblems(o: FunctionPodOptions): Problem[] {
  const names = [FUNCTION_CONTAINER];
  return [
    ...placementProblems('placement', o.placement),
    ...pullSecretProblems('imagePullSecrets', o.imagePullSecrets),
    ...extraContainerProblems('sidecars', o.sidecars, names),
    ...extraContainerProblems('initContainers', o.initContainers, names),
  ];
}

/**
 * Applies placement, pull secrets (the app's, then the function's) and extra containers to a function's
 * Deployment with JSON patches (cdk8s-plus-27 has no tolerations by shape, topology spread, priority class or
 * several pull secrets). Without `placement.topologySpread` the replicas spread across nodes (ScheduleAnyway).
 * @internal
 */
export function applyFunctionPodControls(
  deployment: kplus.Deployment, o: FunctionPodOptions, appPullSecrets: kplus.ISecret[], mirror: (image: string) => string,
): void {
  const obj = ApiObject.of(deployment);
  const self = deployment.matchLabels;
  const placement = renderPlacement(o.placement, self);
  const spread = placement.topologySpreadConstraints ?? [{
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: self },
  }];
  obj.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', spread));
  for (const key of ['nodeSelector', 'tolerations', 'affinity', 'priorityClassName'] as const) {
    if (placement[key] !== undefined) obj.addJsonPatch(JsonPatch.add(`/spec/template/spec/${key}`, placement[key]));
  }
  const pull = renderPullSecrets(appPullSecrets, o.imagePullSecrets);
  if (pull) obj.addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', pull));
  const volumes: Array<Record<string, unknown>> = [];
  const addVolume = (v: Record<string, unknown>) => {
    if (!volumes.some((x) => x.name === v.name)) volumes.push(v);
  };
  for (const c of o.sidecars ?? []) {
    const r = renderExtraContainer(c, mirror);
    obj.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/-', r.container));
    r.volumes.forEach(addVolume);
  }
  if ((o.initContainers ?? []).length > 0) {
    const rendered = o.initContainers!.map((c) => renderExtraContainer(c, mirror));
    obj.addJsonPatch(JsonPatch.add('/spec/template/spec/initContainers', rendered.map((r) => r.container)));
    rendered.forEach((r) => r.volumes.forEach(addVolume));
  }
  for (const v of volumes) obj.addJsonPatch(JsonPatch.add('/spec/template/spec/volumes/-', v));
}
