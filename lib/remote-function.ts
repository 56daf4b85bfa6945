import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { envCredentialProblems } from './credential-props';
import { EndpointTransport } from './endpoint-transport';
import { addProblemValidation, childPath, Problem, throwProblems } from './errors';
import type { ExtraContainer } from './flink-pods';
import { applyFunctionPodControls, functionPodProblems } from './function-pods';
import { FunctionProbe } from './function-probe';
import { FunctionScaling } from './function-scaling';
import { FunctionServiceMonitor } from './function-service-monitor';
import { checkArgs, checkedScope } from './guard-schemas';
import { HttpEndpoint } from './http-endpoint';
import { isValidImageReference } from './image-reference';
import { trustPatches } from './last-gate';
import type { PodPlacement } from './pod-scheduling';
import type { StateFunApp } from './statefun-app';
import { FunctionType, functionPatternProblems, patternServes } from './type-name';
import { claimName, functionCollision, NameClaimKind, namespaceProblems } from './workload-names';

/** Props of a `RemoteFunction`. */
export interface RemoteFunctionProps {
  /** The StateFun application that calls these functions. */
  readonly app: StateFunApp;
  /** The function server's image (an SDK HTTP server), pinned by tag or digest. */
  readonly image: string;
  /**
   * Function types served: `<namespace>/*` or `<namespace>/<name>`; one endpoint is registered per entry.
   */
  readonly functions: string[];
  /**
   * Name of the Deployment and Service (and the host in the endpoint URL).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Port the function server listens on.
   * @default 8080
   */
  readonly port?: number;
  /**
   * HTTP path StateFun posts to; may contain `{function.name}`.
   * @default '/statefun'
   */
  readonly path?: string;
  /**
   * Replica count or autoscaling.
   * @default FunctionScaling.autoscale() (3 to 30 replicas at 70% CPU)
   */
  readonly scaling?: FunctionScaling;
  /**
   * Container resources; the CPU request is what the HPA's utilization is measured against.
   * @default - requests cpu 250m / memory 256Mi, limits cpu 500m / memory 512Mi
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Readiness probe, e.g. `FunctionProbe.httpGet('/health')` (the port defaults to the function's).
   * @default - a TCP check on the port every 5s (the SDKs have no health route of their own)
   */
  readonly readiness?: FunctionProbe;
  /**
   * Liveness probe (Kubernetes requires `successThreshold` 1).
   * @default - a TCP check on the port, after 10s, every 10s
   */
  readonly liveness?: FunctionProbe;
  /**
   * Environment variables of the function container.
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };
  /**
   * UID the container runs as; must be non-root.
   * @default - the image's user (must not be root, runAsNonRoot is enforced)
   */
  readonly runAsUser?: number;
  /**
   * HTTP client StateFun uses to call these functions.
   * @default EndpointTransport.async()
   */
  readonly transport?: EndpointTransport;
  /**
   * Records buffered per address before backpressure.
   * @default - runtime default (1000)
   */
  readonly maxNumBatchRequests?: number;
  /**
   * A NetworkPolicy that admits only the app's Flink pods on the function port (and scrapers on the
   * metrics port, if any). Turn off only where another policy already isolates the function.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * Port on which the function server exposes Prometheus metrics (container and Service port `metrics`).
   * When the app sets `prometheusOperator`, a ServiceMonitor scrapes it.
   * @default - no metrics port
   */
  readonly metricsPort?: number;
  /**
   * HTTP path of the metrics endpoint.
   * @default '/metrics'
   */
  readonly metricsPath?: string;
  /**
   * Placement of the function's pods. Affinity terms and spread constraints without `podLabels` select this
   * function's replicas. Setting `topologySpread` replaces the default spread.
   * @default - replicas spread across nodes (`kubernetes.io/hostname`, maxSkew 1, ScheduleAnyway), no other constraint
   */
  readonly placement?: PodPlacement;
  /**
   * Pull secrets of this function, after the app's `imagePullSecrets`.
   * @default - the app's only
   */
  readonly imagePullSecrets?: kplus.ISecret[];
  /**
   * Sidecars next to the function container (hardened like it).
   * @default - none
   */
  readonly sidecars?: ExtraContainer[];
  /**
   * Init containers.
   * @default - none
   */
  readonly initContainers?: ExtraContainer[];
}

/**
 * A remote function server: Deployment, Service, HorizontalPodAutoscaler (or fixed replicas),
 * PodDisruptionBudget and NetworkPolicy, plus one `io.statefun.endpoints.v2/http` endpoint per served
 * pattern in the app's module, its URL derived from this Service's name, namespace and port.
 */
export class RemoteFunction extends Construct {
  /** Deployment and Service name. */
  public readonly name: string;
  /** The namespace (the chart's), if any. */
  public readonly namespace?: string;
  /** The port served. */
  public readonly port: number;
  /** The metrics port, if any. */
  public readonly metricsPort?: number;
  /** The ServiceMonitor, when the function has a metrics port and the app uses the Prometheus Operator. */
  public readonly serviceMonitor?: FunctionServiceMonitor;
  /** The endpoint URL template registered in the module. */
  public readonly url: string;
  /** The patterns served. */
  public readonly functions: string[];
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The Service. */
  public readonly service: kplus.Service;
  /** The HPA, when autoscaled. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The endpoints registered in the app's module (one per pattern). */
  public readonly endpoints: HttpEndpoint[];
  /** The app. */
  public readonly app: StateFunApp;

  constructor(scope: Construct, id: string, props: RemoteFunctionProps) {
    super(checkedScope(scope, id, 'RemoteFunctionProps', props), id);
    const path = childPath(scope, id);
    this.app = props.app;
    this.name = props.name ?? id;
    this.namespace = Chart.of(this).namespace;
    this.port = props.port ?? 8080;
    this.metricsPort = props.metricsPort;
    this.functions = props.functions ?? [];
    const scaling = props.scaling ?? FunctionScaling.autoscale();
    const urlPath = props.path ?? '/statefun';
    throwProblems(path, this.propProblems(props, scaling, urlPath));

    const host = this.namespace ? `${this.name}.${this.namespace}.svc` : this.name;
    this.url = `http://${host}:${this.port}${urlPath}`;

    const labels = {
      'app.kubernetes.io/name': this.name,
      'app.kubernetes.io/component': 'statefun-function',
      'app.kubernetes.io/part-of': this.app.name,
    };
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: this.name, labels },
      podMetadata: { labels },
      replicas: scaling.autoscaled ? undefined : scaling.replicas,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: props.runAsUser, group: props.runAsUser },
      containers: [{
        name: 'function',
        image: this.app.mirror(props.image),
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        ports: [
          { name: 'http', number: this.port },
          ...(this.metricsPort !== undefined ? [{ name: 'metrics', number: this.metricsPort }] : []),
        ],
        envVariables: props.env,
        resources: props.resources ?? {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
        readiness: (props.readiness ?? FunctionProbe.tcpSocket({ period: Duration.seconds(5) }))._toPlus(this.port),
        liveness: (props.liveness ?? FunctionProbe.tcpSocket({ initialDelay: Duration.seconds(10), period: Duration.seconds(10) }))
          ._toPlus(this.port),
        securityContext: {
          ensureNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          user: props.runAsUser,
          group: props.runAsUser,
        },
      }],
      // A read-only root filesystem still needs a writable /tmp for most HTTP servers.
      volumes: [],
    });
    const tmp = kplus.Volume.fromEmptyDir(this, 'Tmp', 'tmp');
    this.deployment.containers[0].mount('/tmp', tmp);

    const podSpec = ApiObject.of(this.deployment);
    // cdk8s-plus has no seccomp profile, no `ALL` capability and no topology spread constraints.
    podSpec.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
    podSpec.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }));
    applyFunctionPodControls(this.deployment, props, this.app.imagePullSecrets, (i) => this.app.mirror(i));
    // The library's own patches: the gate checks only patches added after these (trustPatches).
    trustPatches(podSpec);

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: this.name, labels },
      selector: this.deployment,
      ports: [
        { name: 'http', port: this.port, targetPort: this.port },
        ...(this.metricsPort !== undefined ? [{ name: 'metrics', port: this.metricsPort, targetPort: this.metricsPort }] : []),
      ],
    });

    const monitoring = this.app.prometheusOperator;
    if (this.metricsPort !== undefined && monitoring && monitoring.serviceMonitors !== false) {
      this.serviceMonitor = new FunctionServiceMonitor(this, 'ServiceMonitor', {
        name: this.name,
        serviceLabels: labels,
        path: props.metricsPath,
        options: monitoring,
      });
    }

    if (scaling.autoscaled) {
      this.autoscaler = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
        metadata: { name: this.name, labels },
        target: this.deployment,
        minReplicas: scaling.minReplicas,
        maxReplicas: scaling.maxReplicas!,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(scaling.targetCpuUtilization!))],
      });
    }

    new kplus.k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: this.name, labels },
      spec: {
        // Voluntary evictions (node drains) take one replica at a time.
        maxUnavailable: kplus.k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: this.deployment.matchLabels },
      },
    });

    if (props.networkPolicy ?? true) this.createNetworkPolicy(labels);

    this.endpoints = this.functions.map((pattern, i) => new HttpEndpoint(this, this.functions.length === 1 ? 'Endpoint' : `Endpoint${i}`, {
      app: this.app,
      functions: pattern,
      url: this.url,
      transport: props.transport,
      maxNumBatchRequests: props.maxNumBatchRequests,
    }));
    for (const e of this.endpoints) e._servedByFunction = true;

    addProblemValidation(this, () => this.synthProblems());
    claimName(this, NameClaimKind.FUNCTION, this.namespace, this.name);
  }

  /**
   * A function type this server serves, for ingress targets: `functionType('greeter')` in the single
   * namespace served, or `functionType('ns/greeter')`.
   */
  public functionType(name: string): FunctionType {
    checkArgs('RemoteFunction.functionType', name);
    const namespaces = [...new Set(this.functions.map((f) => f.split('/')[0]))];
    let typeName = name;
    if (!name.includes('/')) {
      if (namespaces.length !== 1) {
        throwProblems(this.node.path, [{ field: `functionType(${JSON.stringify(name)})`, value: name, why: `this function serves several namespaces (${namespaces.join(', ')}), so a bare name is ambiguous`, fix: `pass '<namespace>/${name}'` }]);
      }
      typeName = `${namespaces[0]}/${name}`;
    }
    if (!this.functions.some((p) => patternServes(p, typeName))) {
      throwProblems(this.node.path, [{ field: `functionType(${JSON.stringify(name)})`, value: typeName, why: `not served by this function (it serves ${this.functions.map((f) => `'${f}'`).join(', ')})`, fix: 'use a type matching one of its functions patterns, or add the pattern to functions' }]);
    }
    return FunctionType.of(typeName);
  }

  private propProblems(props: RemoteFunctionProps, scaling: FunctionScaling, urlPath: string): Problem[] {
    const problems: Problem[] = [];
    if (!props.app || typeof (props.app as any)._registerComponent !== 'function') {
      problems.push({ field: 'app', value: String(props.app), why: 'a remote function belongs to a StateFunApp', fix: 'pass the StateFunApp object: { app: myStateFunApp, ... }' });
    }
    if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(this.name)) {
      problems.push({ field: 'name', value: this.name, why: 'the name becomes a Service name: a DNS label of lower-case alphanumerics and \'-\', starting with a letter, at most 63 characters', fix: "choose a name such as 'order-handler'" });
    }
    const collision = props.app && (props.app.namespace ?? '') === (this.namespace ?? '') ? functionCollision(this.name, props.app.name) : undefined;
    if (collision) problems.push(collision.problem(props.app.node.path));
    problems.push(...namespaceProblems(Chart.of(this).node.path, this.namespace));
    problems.push(...envCredentialProblems('env', props.env));
    if (typeof props.image !== 'string' || !isValidImageReference(props.image)) {
      problems.push({ field: 'image', value: props.image, why: 'not an image reference (registry/repository:tag or @sha256 digest)', fix: "write e.g. 'my-org/my-function:1.0.0'" });
    } else if (!/[:@]/.test(props.image.slice(props.image.lastIndexOf('/') + 1)) || props.image.endsWith(':latest')) {
      problems.push({ field: 'image', value: props.image, why: 'an unpinned or `latest` image changes under a running job on every pod restart', fix: "pin a version tag or digest, e.g. 'my-org/my-function:1.0.0'" });
    }
    if (this.functions.length === 0) {
      problems.push({ field: 'functions', value: [], why: 'a function server that serves no function type is never called', fix: "list what it serves, e.g. functions: ['example/*']" });
    }
    this.functions.forEach((f, i) => problems.push(...functionPatternProblems(`functions[${i}]`, f)));
    for (const [field, probe] of [['readiness', props.readiness], ['liveness', props.liveness]] as const) {
      // Anything but a FunctionProbe (a cdk8s-plus Probe, a path, a port) is refused at entry by the props guard.
      if (!(probe instanceof FunctionProbe)) continue;
      problems.push(...probe._problems(field, field === 'liveness'));
    }
    if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) {
      problems.push({ field: 'port', value: this.port, why: 'ports are 1-65535', fix: 'use e.g. 8080' });
    }
    if (!/^\/[^\s?#]*$/.test(urlPath) || /[{}]/.test(urlPath.split('{function.name}').join(''))) {
      problems.push({ field: 'path', value: urlPath, why: "a URL path starting with '/', no query, and no placeholder other than {function.name}", fix: "write e.g. '/statefun' or '/functions/{function.name}'" });
    }
    if (scaling.autoscaled) {
      const min = scaling.minReplicas!;
      const max = scaling.maxReplicas!;
      const target = scaling.targetCpuUtilization!;
      if (!Number.isInteger(min) || min < 1) problems.push({ field: 'scaling.minReplicas', value: min, why: 'the HPA needs at least one replica', fix: 'use a whole number ≥ 1 (3 for availability)' });
      if (!Number.isInteger(max) || max < min) problems.push({ field: 'scaling.maxReplicas', value: max, why: `must be a whole number ≥ minReplicas (${min})`, fix: `use at least ${min}` });
      if (!Number.isInteger(target) || target < 1 || target > 100) problems.push({ field: 'scaling.targetCpuUtilization', value: target, why: 'a utilization target is a percentage of the CPU request, 1-100', fix: 'use e.g. 70' });
      const cpuRequest = props.resources ? props.resources.cpu?.request : kplus.Cpu.millis(250);
      if (!cpuRequest) problems.push({ field: 'resources.cpu.request', value: undefined, why: 'CPU utilization is measured against the CPU request; without one the HPA never scales', fix: 'set resources.cpu.request, e.g. Cpu.millis(250)' });
    } else if (!Number.isInteger(scaling.replicas) || scaling.replicas! < 1) {
      problems.push({ field: 'scaling', value: scaling.replicas, why: 'a function with no replicas makes every invocation fail and the job restart', fix: 'use FunctionScaling.fixed(n) with n ≥ 1, or FunctionScaling.autoscale()' });
    }
    const metricsPort = props.metricsPort;
    if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 1 || metricsPort > 65535 || metricsPort === this.port)) {
      problems.push({ field: 'metricsPort', value: props.metricsPort, why: props.metricsPort === this.port ? 'the metrics port must differ from the function port, or the NetworkPolicy would open the function port to scrapers' : 'ports are 1-65535', fix: 'use a separate port, e.g. 9090' });
    }
    if (props.metricsPath !== undefined && (props.metricsPort === undefined || typeof props.metricsPath !== 'string' || !/^\/[^\s?#]*$/.test(props.metricsPath))) {
      problems.push({ field: 'metricsPath', value: props.metricsPath, why: props.metricsPort === undefined ? 'a metrics path without metricsPort is never scraped' : "a URL path starting with '/'", fix: props.metricsPort === undefined ? 'set metricsPort too, or remove metricsPath' : "write e.g. '/metrics'" });
    }
    if (props.runAsUser !== undefined && (!Number.isInteger(props.runAsUser) || props.runAsUser < 1)) {
      problems.push({ field: 'runAsUser', value: props.runAsUser, why: 'functions run as a non-root user', fix: 'use a UID ≥ 1, e.g. 10001' });
    }
    problems.push(...(props.transport?._problems('transport') ?? []));
    problems.push(...functionPodProblems(props));
    return problems;
  }

  private synthProblems(): Problem[] {
    if (this.app.namespace && !this.namespace) {
      return [{ field: 'namespace', value: undefined, why: `the app runs in namespace '${this.app.namespace}' but this function's chart sets none, so its Service address cannot be derived`, fix: "set a namespace on the function's Chart (new Chart(app, id, { namespace: '...' }))" }];
    }
    return [];
  }

  private createNetworkPolicy(labels: Record<string, string>): void {
    const from: any = { podSelector: { matchLabels: this.app.flinkPodLabels } };
    if (this.app.namespace && this.app.namespace !== this.namespace) {
      from.namespaceSelector = { matchLabels: { 'kubernetes.io/metadata.name': this.app.namespace } };
    }
    const ingress: any[] = [{ from: [from], ports: [{ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(this.port) }] }];
    if (this.metricsPort !== undefined) {
      // Scrapers reach the metrics port only; which namespace they run in is the app's prometheusNamespace, if given.
      const scraperNamespace = this.app.prometheusOperator?.prometheusNamespace;
      ingress.push({
        from: [{ namespaceSelector: scraperNamespace ? { matchLabels: { 'kubernetes.io/metadata.name': scraperNamespace } } : {} }],
        ports: [{ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(this.metricsPort) }],
      });
    }
    new kplus.k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name: this.name, labels },
      spec: {
        podSelector: { matchLabels: this.deployment.matchLabels },
        policyTypes: ['Ingress'],
        ingress,
      },
    });
  }
}
