import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Problem } from './errors';
import { IngressControllerPeer } from './flink-ui-ingress';

/** The NetworkPolicy of the Flink pods. */
export interface FlinkNetworkPolicyOptions {
  /**
   * Render the policy. Turn off only where another policy already isolates the Flink pods.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The namespace of the Flink Kubernetes Operator, which calls the JobManager's REST port (job status,
   * savepoints, upgrades).
   * @default - any namespace may reach the REST port (the operator's namespace is not known)
   */
  readonly operatorNamespace?: string;
}

/** What the Flink pods' policy needs from the app. @internal */
export interface FlinkNetworkPolicyInput {
  readonly name: string;
  readonly podLabels: Record<string, string>;
  readonly restPort: number;
  readonly metricsPort?: number;
  readonly prometheusNamespace?: string;
  readonly operatorNamespace?: string;
  /** Set when the web UI Ingress is configured. */
  readonly uiController?: IngressControllerPeer | 'any';
}

/** @internal */
export function flinkNetworkPolicyProblems(field: string, o: FlinkNetworkPolicyOptions | undefined): Problem[] {
  if (o === undefined) return [];
  if (typeof o !== 'object' || o === null) return [{ field, value: o, why: 'networkPolicy is an object { enabled, operatorNamespace }', fix: "write e.g. { operatorNamespace: 'flink-operator' }" }];
  if (o.operatorNamespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(o.operatorNamespace)) {
    return [{ field: `${field}.operatorNamespace`, value: o.operatorNamespace, why: 'a namespace name is a DNS label', fix: "write e.g. 'flink-operator'" }];
  }
  return [];
}

function namespacePeer(namespace: string | undefined): Record<string, unknown> {
  return { namespaceSelector: namespace ? { matchLabels: { 'kubernetes.io/metadata.name': namespace } } : {} };
}

const tcp = (port: number) => ({ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(port) });

/**
 * Ingress rules of the Flink pods (JobManager and TaskManagers): every port between the app's own Flink pods
 * (RPC, blob server, data exchange on ports Flink may pick at random), the REST port from the operator and,
 * with the web UI, from the ingress controller, and the metrics port from Prometheus. Egress is not restricted
 * (Kafka, Kinesis, S3, the functions and the API server are reached from the pods).
 * @internal
 */
export function createFlinkNetworkPolicy(scope: Construct, id: string, input: FlinkNetworkPolicyInput): kplus.k8s.KubeNetworkPolicy {
  const ingress: any[] = [
    { from: [{ podSelector: { matchLabels: input.podLabels } }] },
    { from: [namespacePeer(input.operatorNamespace)], ports: [tcp(input.restPort)] },
  ];
  if (input.uiController) {
    const c = input.uiController;
    const peer: any = namespacePeer(c === 'any' ? undefined : c.namespace);
    if (c !== 'any' && c.podLabels && Object.keys(c.podLabels).length > 0) peer.podSelector = { matchLabels: c.podLabels };
    ingress.push({ from: [peer], ports: [tcp(input.restPort)] });
  }
  if (input.metricsPort !== undefined) ingress.push({ from: [namespacePeer(input.prometheusNamespace)], ports: [tcp(input.metricsPort)] });
  return new kplus.k8s.KubeNetworkPolicy(scope, id, {
    metadata: { name: `${input.name}-flink` },
    spec: {
      podSelector: { matchLabels: input.podLabels },
      policyTypes: ['Ingress'],
      ingress,
    },
  });
}
