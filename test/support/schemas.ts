/**
 * Test support: validates synthesized manifests against real schemas.
 *
 * - FlinkDeployment: the vendored Flink Kubernetes Operator CRDs (crds/), compiled with ajv at
 *   build time into the library's gate (lib/rules/crd/) so that it behaves like the API server with
 *   strict field validation (unknown fields are rejected unless the schema preserves them,
 *   int-or-string is honoured).
 * - Core Kubernetes kinds: kubernetes-models (Kubernetes v1.33 OpenAPI schemas) plus a few
 *   hand-written checks for what the API server validates beyond the OpenAPI schema
 *   (unknown top-level fields, names, numeric bounds, cross-field rules).
 * - Prometheus Operator kinds: small hand-written JSON schemas (no schema available offline).
 *
 * Anything else is reported as "no schema for <apiVersion>/<kind>" so nothing passes unvalidated.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, SchemaObject, ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parseAllDocuments } from 'yaml';
import { CompiledValidator, CRD_RELEASES } from '../../lib/rules/crd-releases';

export type OperatorTarget = '1.11' | '1.12' | '1.13' | '1.14' | '1.15' | '1.16';
export type CrdVersion = '1.11.0' | '1.15.0' | '1.16-snapshot-6e9caeb4';

const SNAPSHOT_KIND = 'FlinkStateSnapshot';

type JsonObject = Record<string, unknown>;

const FLINK_API_VERSION = 'flink.apache.org/v1beta1';
const FLINK_KIND = 'FlinkDeployment';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const ALLOWED_TOP_LEVEL_KEYS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'data',
  'binaryData',
  'immutable',
  'rules',
  'roleRef',
  'subjects',
  'automountServiceAccountToken',
  'secrets',
  'imagePullSecrets',
  'stringData',
  'type',
]);

/**
 * CRD file used for a target: 1.11 and 1.12 -> the 1.11.0 CRD; 1.13, 1.14, 1.15 -> the 1.15.0 CRD
 * (flinkConfiguration typing changed in 1.13); 1.16 -> the 1.16 line CRD (v2_3/v2_4, `resources`).
 */
export function crdFor(target: OperatorTarget): CrdVersion {
  switch (target) {
    case '1.11':
    case '1.12':
      return '1.11.0';
    case '1.13':
    case '1.14':
    case '1.15':
      return '1.15.0';
    case '1.16':
      return '1.16-snapshot-6e9caeb4';
    default:
      throw new Error(`unknown operator target: ${String(target)}`);
  }
}

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function describe(obj: unknown): string {
  const o = asObject(obj);
  const kind = typeof o?.kind === 'string' ? o.kind : '<no kind>';
  const name = typeof asObject(o?.metadata)?.name === 'string' ? String(asObject(o?.metadata)?.name) : '<no name>';
  return `${kind}/${name}`;
}

const AJV_MESSAGES: Record<string, (params: Record<string, unknown>) => string> = {
  additionalProperties: () => 'must NOT have additional properties',
  enum: () => 'must be equal to one of the allowed values',
  const: () => 'must be equal to constant',
  type: (p) => `must be ${String(p.type)}`,
  anyOf: () => 'must match a schema in anyOf',
};

function formatAjvError(err: ErrorObject): string {
  const where = err.instancePath === '' ? '/' : err.instancePath;
  // The library's precompiled CRD validators carry no messages: use ajv's wording.
  let message = err.message ?? AJV_MESSAGES[err.keyword]?.(err.params as Record<string, unknown>) ?? err.keyword;
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'required' && params.missingProperty !== undefined) {
    // kubernetes-models and ajv quote differently; normalise to ajv's wording.
    message = `must have required property '${String(params.missingProperty)}'`;
  } else if (err.keyword === 'additionalProperties' && params.additionalProperty !== undefined) {
    message += ` (${String(params.additionalProperty)})`;
  } else if (err.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message += ` (${params.allowedValues.map(v => JSON.stringify(v)).join(', ')})`;
  } else if (err.keyword === 'const' && params.allowedValue !== undefined) {
    message += ` (${JSON.stringify(params.allowedValue)})`;
  }
  return `${where} ${message}`;
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function checkPort(errors: string[], value: unknown, where: string): void {
  if (value === undefined) {
    return;
  }
  if (!isInt(value) || value < 1 || value > 65535) {
    errors.push(`${where} must be an integer port number in 1..65535 (got ${JSON.stringify(value)})`);
  }
}

/** Metadata rules the API server enforces for every object (including custom resources). */
function checkMetadata(obj: JsonObject): string[] {
  const errors: string[] = [];
  const metadata = obj.metadata;
  if (!isObject(metadata)) {
    errors.push('/metadata is required and must be an object');
    return errors;
  }
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    errors.push('/metadata/name is required');
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    errors.push(`/metadata/name ${JSON.stringify(name)} is not a valid DNS-1123 subdomain`);
  }
  if (metadata.namespace !== undefined) {
    const ns = metadata.namespace;
    if (typeof ns !== 'string' || ns.length > 63 || !DNS1123_LABEL.test(ns)) {
      errors.push(`/metadata/namespace ${JSON.stringify(ns)} is not a valid DNS-1123 label`);
    }
  }
  for (const field of ['labels', 'annotations']) {
    const map = metadata[field];
    if (map === undefined) {
      continue;
    }
    if (!isObject(map)) {
      errors.push(`/metadata/${field} must be an object`);
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') {
        errors.push(`/metadata/${field}/${key} must be string`);
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------
// FlinkDeployment (CRD)
// ---------------------------------------------------------------------------

/**
 * The API server model for FlinkDeployments is the library's own: the CRD schemas compiled at build time
 * (lib/rules/crd/, see projenrc/crd-validators.ts: strict field validation, int-or-string honoured).
 * test/rules-crd-schema.test.ts checks it against an independent ajv compile of the raw CRDs.
 */
function crdValidator(crd: string, kind: string = FLINK_KIND): CompiledValidator {
  const release = CRD_RELEASES.find(r => r.release === crd && (r.kind ?? FLINK_KIND) === kind);
  if (!release) {
    throw new Error(`no compiled ${kind} validator for CRD release ${crd} (lib/rules/crd-releases.ts)`);
  }
  return release.load();
}

/** Returns a list of human-readable errors (empty when valid): "<kind>/<name>: <instancePath> <message>". */
export function validateFlinkDeployment(obj: any, crd: CrdVersion): string[] {
  return validateWith(obj, crdValidator(crd));
}

/**
 * Validates a FlinkStateSnapshot against its CRD (flinkstatesnapshots release-1.15.0, identical to 1.11.0;
 * the kind exists from operator 1.10, so the same schema holds on every target).
 */
export function validateFlinkStateSnapshot(obj: any): string[] {
  return validateWith(obj, crdValidator('1.15.0', SNAPSHOT_KIND));
}

function validateWith(obj: any, validate: CompiledValidator): string[] {
  const prefix = describe(obj);
  if (!isObject(obj)) {
    return [`${prefix}: / must be an object`];
  }
  const errors: string[] = [];
  if (!validate(obj)) {
    for (const err of validate.errors ?? []) {
      errors.push(formatAjvError(err as ErrorObject));
    }
  }
  // The CRD only types metadata as "object": apply the API server's metadata rules by hand.
  errors.push(...checkMetadata(obj));
  return [...new Set(errors)].map(e => `${prefix}: ${e}`);
}

// ---------------------------------------------------------------------------
// Prometheus Operator kinds (hand-written schemas)
// ---------------------------------------------------------------------------

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

const labelSelector = {
  type: 'object',
  properties: {
    matchLabels: stringMap,
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: { type: 'array', items: { type: 'string' } },
        },
        required: ['key', 'operator'],
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const namespaceSelector = {
  type: 'object',
  properties: {
    any: { type: 'boolean' },
    matchNames: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};

const relabeling = {
  type: 'object',
  properties: {
    action: { type: 'string' },
    modulus: { type: 'integer' },
    regex: { type: 'string' },
    replacement: { type: 'string' },
    separator: { type: 'string' },
    sourceLabels: { type: 'array', items: { type: 'string' } },
    targetLabel: { type: 'string' },
  },
  additionalProperties: false,
};

const duration = { type: 'string', pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$' };

const scrapeEndpointProperties = {
  port: { type: 'string' },
  path: { type: 'string' },
  interval: duration,
  scrapeTimeout: duration,
  scheme: { enum: ['http', 'https'] },
  honorLabels: { type: 'boolean' },
  honorTimestamps: { type: 'boolean' },
  params: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  relabelings: { type: 'array', items: relabeling },
  metricRelabelings: { type: 'array', items: relabeling },
};

function monitoringSchema(kind: string, spec: JsonObject): SchemaObject {
  return {
    type: 'object',
    properties: {
      apiVersion: { const: 'monitoring.coreos.com/v1' },
      kind: { const: kind },
      metadata: { type: 'object' },
      spec,
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
  };
}

const PROMETHEUS_SCHEMAS: Record<string, SchemaObject> = {
  PodMonitor: monitoringSchema('PodMonitor', {
    type: 'object',
    properties: {
      selector: labelSelector,
      namespaceSelector,
      jobLabel: { type: 'string' },
      podTargetLabels: { type: 'array', items: { type: 'string' } },
      podMetricsEndpoints: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...scrapeEndpointProperties, targetPort: { anyOf: [{ type: 'integer' }, { type: 'string' }] } },
          additionalProperties: false,
        },
      },
    },
    required: ['selector'],
    additionalProperties: false,
  }),
  ServiceMonitor: monitoringSchema('ServiceMonitor', {
    type: 'object',
    properties: {
      selector: labelSelector,
      namespaceSelector,
      jobLabel: { type: 'string' },
      targetLabels: { type: 'array', items: { type: 'string' } },
      podTargetLabels: { type: 'array', items: { type: 'string' } },
      endpoints: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...scrapeEndpointProperties, targetPort: { anyOf: [{ type: 'integer' }, { type: 'string' }] } },
          additionalProperties: false,
        },
      },
    },
    required: ['selector'],
    additionalProperties: false,
  }),
  PrometheusRule: monitoringSchema('PrometheusRule', {
    type: 'object',
    properties: {
      groups: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            interval: duration,
            rules: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  alert: { type: 'string', minLength: 1 },
                  record: { type: 'string', minLength: 1 },
                  expr: { type: 'string', minLength: 1 },
                  for: duration,
                  labels: stringMap,
                  annotations: stringMap,
                },
                required: ['expr'],
                additionalProperties: false,
              },
            },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  }),
};

let prometheusValidators: Map<string, ValidateFunction> | undefined;

function prometheusValidator(kind: string): ValidateFunction | undefined {
  if (!prometheusValidators) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    prometheusValidators = new Map(Object.entries(PROMETHEUS_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));
  }
  return prometheusValidators.get(kind);
}

// ---------------------------------------------------------------------------
// Core Kubernetes kinds (kubernetes-models + API-server rules)
// ---------------------------------------------------------------------------

interface Validatable {
  validate(): void;
}

type ModelFactory = (data: any) => Validatable;

const KUBERNETES_MODELS: Record<string, ModelFactory> = {
  'v1/ConfigMap': data => new ConfigMap(data),
  'v1/Secret': data => new Secret(data),
  'v1/Service': data => new Service(data),
  'v1/ServiceAccount': data => new ServiceAccount(data),
  'apps/v1/Deployment': data => new Deployment(data),
  'autoscaling/v2/HorizontalPodAutoscaler': data => new HorizontalPodAutoscaler(data),
  'policy/v1/PodDisruptionBudget': data => new PodDisruptionBudget(data),
  'networking.k8s.io/v1/NetworkPolicy': data => new NetworkPolicy(data),
  'rbac.authorization.k8s.io/v1/Role': data => new Role(data),
  'rbac.authorization.k8s.io/v1/RoleBinding': data => new RoleBinding(data),
};

function modelErrors(factory: ModelFactory, obj: JsonObject): string[] {
  try {
    // kubernetes-models assigns the data onto the model; hand it a copy so the input stays untouched.
    factory(structuredClone(obj)).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return (errors as ErrorObject[]).map(formatAjvError);
    }
    return [`/ ${(e as Error).message}`];
  }
}

function checkDeployment(obj: JsonObject): string[] {
  const errors: string[] = [];
  const spec = asObject(obj.spec);
  if (!spec) {
    return errors;
  }
  const replicas = spec.replicas;
  if (replicas !== undefined && (!isInt(replicas) || replicas < 0)) {
    errors.push(`/spec/replicas must be >= 0 (got ${JSON.stringify(replicas)})`);
  }
  const template = asObject(spec.template);
  // API server: "selector does not match template labels".
  const matchLabels = asObject(asObject(spec.selector)?.matchLabels);
  const templateLabels = asObject(asObject(template?.metadata)?.labels) ?? {};
  for (const [key, value] of Object.entries(matchLabels ?? {})) {
    if (templateLabels[key] !== value) {
      errors.push(`/spec/selector/matchLabels/${key} does not match /spec/template/metadata/labels`);
    }
  }
  const podSpec = asObject(template?.spec);
  const seen = new Set<string>();
  for (const field of ['initContainers', 'containers']) {
    asArray(podSpec?.[field]).forEach((container, i) => {
      const c = asObject(container);
      const where = `/spec/template/spec/${field}/${i}`;
      const name = c?.name;
      if (typeof name === 'string') {
        if (seen.has(name)) {
          errors.push(`${where}/name duplicate container name ${JSON.stringify(name)}`);
        }
        seen.add(name);
      }
      asArray(c?.ports).forEach((port, j) => {
        checkPort(errors, asObject(port)?.containerPort, `${where}/ports/${j}/containerPort`);
      });
    });
  }
  return errors;
}

function checkHorizontalPodAutoscaler(obj: JsonObject): string[] {
  const errors: string[] = [];
  const spec = asObject(obj.spec);
  if (!spec) {
    return errors;
  }
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas;
  if (!isInt(min) || min < 1) {
    errors.push(`/spec/minReplicas must be >= 1 (got ${JSON.stringify(min)})`);
  }
  if (isInt(min) && isInt(max) && min > max) {
    errors.push(`/spec/minReplicas (${min}) must be <= /spec/maxReplicas (${max})`);
  }
  return errors;
}

function checkPodDisruptionBudget(obj: JsonObject): string[] {
  const spec = asObject(obj.spec) ?? {};
  const set = ['minAvailable', 'maxUnavailable'].filter(k => spec[k] !== undefined);
  if (set.length !== 1) {
    return [`/spec must set exactly one of minAvailable / maxUnavailable (got ${set.length === 0 ? 'none' : 'both'})`];
  }
  return [];
}

function checkService(obj: JsonObject): string[] {
  const errors: string[] = [];
  asArray(asObject(obj.spec)?.ports).forEach((port, i) => {
    const p = asObject(port);
    checkPort(errors, p?.port, `/spec/ports/${i}/port`);
    if (typeof p?.targetPort === 'number') {
      checkPort(errors, p.targetPort, `/spec/ports/${i}/targetPort`);
    }
  });
  return errors;
}

const EXTRA_CHECKS: Record<string, (obj: JsonObject) => string[]> = {
  'apps/v1/Deployment': checkDeployment,
  'autoscaling/v2/HorizontalPodAutoscaler': checkHorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': checkPodDisruptionBudget,
  'v1/Service': checkService,
};

/**
 * Validates a non-FlinkDeployment object against the Kubernetes (kubernetes-models) or
 * Prometheus Operator schemas. Returns "<kind>/<name>: <instancePath> <message>" errors.
 */
export function validateKubernetesObject(obj: any): string[] {
  const prefix = describe(obj);
  if (!isObject(obj)) {
    return [`${prefix}: / must be an object`];
  }
  const apiVersion = String(obj.apiVersion);
  const kind = String(obj.kind);
  const gvk = `${apiVersion}/${kind}`;
  const factory = KUBERNETES_MODELS[gvk];
  const promValidator = apiVersion === 'monitoring.coreos.com/v1' ? prometheusValidator(kind) : undefined;

  const errors: string[] = [];
  if (factory) {
    for (const key of Object.keys(obj)) {
      if (!ALLOWED_TOP_LEVEL_KEYS.has(key)) {
        errors.push(`/ must NOT have additional properties (${key})`);
      }
    }
    errors.push(...modelErrors(factory, obj));
    errors.push(...(EXTRA_CHECKS[gvk]?.(obj) ?? []));
  } else if (promValidator) {
    if (!promValidator(obj)) {
      errors.push(...(promValidator.errors ?? []).map(formatAjvError));
    }
  } else if (apiVersion === FLINK_API_VERSION && kind === FLINK_KIND) {
    return [`${prefix}: FlinkDeployment must be validated with validateFlinkDeployment / validateManifests`];
  } else {
    return [`${prefix}: no schema for ${gvk}`];
  }
  errors.push(...checkMetadata(obj));
  return [...new Set(errors)].map(e => `${prefix}: ${e}`);
}

/**
 * Validates every manifest: FlinkDeployments against crdFor(target), FlinkStateSnapshots against their CRD,
 * everything else against the Kubernetes / Prometheus schemas.
 */
export function validateManifests(manifests: any[], target: OperatorTarget): string[] {
  const crd = crdFor(target);
  const errors: string[] = [];
  for (const manifest of manifests) {
    const o = asObject(manifest);
    if (o?.apiVersion === FLINK_API_VERSION && o.kind === FLINK_KIND) {
      errors.push(...validateFlinkDeployment(o, crd));
    } else if (o?.apiVersion === FLINK_API_VERSION && o.kind === SNAPSHOT_KIND) {
      errors.push(...validateFlinkStateSnapshot(o));
    } else {
      errors.push(...validateKubernetesObject(manifest));
    }
  }
  return errors;
}

/** Jest helper: throws an Error listing all problems when validateManifests returns any. */
export function expectValidManifests(manifests: any[], target: OperatorTarget): void {
  const errors = validateManifests(manifests, target);
  if (errors.length > 0) {
    throw new Error(
      `${errors.length} schema violation(s) for operator ${target} (CRD ${crdFor(target)}):\n` +
      errors.map(e => `  - ${e}`).join('\n'),
    );
  }
}

/**
 * Parses a directory of *.yaml files (as written by cdk8s synth) into manifest objects,
 * sorted by file name, documents in file order. Skips empty docs.
 */
export function loadManifestDir(dir: string): any[] {
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();
  const manifests: unknown[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    for (const doc of parseAllDocuments(fs.readFileSync(full, 'utf-8'))) {
      if (doc.errors.length > 0) {
        throw new Error(`${full}: ${doc.errors.map(e => e.message).join('; ')}`);
      }
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) {
        manifests.push(value);
      }
    }
  }
  return manifests;
}
