/* eslint-disable no-console */
/**
 * Build step (projen task `crd-validators`, run before jsii compile): compiles the FlinkDeployment
 * schema of every operator release in lib/rules/crd-releases.ts into standalone ajv validation code,
 * lib/rules/crd/flinkdeployment-<release>.js (plain CommonJS; the compile task copies it into build/), so the package never compiles a schema at synth and
 * ships no ajv. The schema is made to behave like the API server with strict field validation:
 * unknown fields are refused unless the schema preserves them, int-or-string accepts both, and the
 * top level is FlinkDeployment's apiVersion/kind/metadata/spec/status.
 *
 * Usage: tsx projenrc/crd-validators.ts [--check]  (--check fails when a generated file is stale)
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { parseAllDocuments } from 'yaml';
import { CRD_RELEASES, validatorFileOf } from '../lib/rules/crd-releases';

const ROOT = path.resolve(__dirname, '..');
const AJV_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'ajv', 'package.json'), 'utf-8')).version;
const OUT_DIR = path.join(ROOT, 'lib', 'rules', 'crd');

/** Kubernetes schema extensions ajv should accept without meaning (their effect is applied below). */
const K8S_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
];

type Json = Record<string, any>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rewrites a structural schema so ajv validates as the API server with strict field validation does. */
function strict(node: unknown): void {
  if (!isObject(node)) return;
  if (node['x-kubernetes-int-or-string'] === true) {
    delete node.type;
    node.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  for (const k of K8S_KEYWORDS) delete node[k === 'x-kubernetes-preserve-unknown-fields' ? '' : k];
  if (isObject(node.properties)) {
    if (node.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) node.additionalProperties = false;
    for (const child of Object.values(node.properties)) strict(child);
  }
  // Descriptions are most of the CRD's bytes and mean nothing to validation.
  delete node.description;
  if (node.items !== undefined) strict(node.items);
  if (isObject(node.additionalProperties)) strict(node.additionalProperties);
}

function schemaOf(crdFile: string): Json {
  const file = path.join(ROOT, 'crds', crdFile);
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS() as unknown);
  const crd = docs.find((d) => isObject(d) && d.kind === 'CustomResourceDefinition') as Json | undefined;
  const version = (crd?.spec?.versions ?? []).find((v: Json) => v.storage === true);
  const schema = version?.schema?.openAPIV3Schema;
  if (!isObject(schema)) throw new Error(`${file}: no storage version with schema.openAPIV3Schema`);
  strict(schema);
  schema.properties = {
    ...schema.properties,
    apiVersion: { const: `${crd!.spec.group}/${version.name}` },
    kind: { const: crd!.spec.names.kind },
    metadata: { type: 'object' },
  };
  schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind', 'metadata'])];
  schema.additionalProperties = false;
  return schema;
}

/**
 * Shares repeated subschemas: the CRD spells the whole Pod spec out three times (spec, jobManager and
 * taskManager podTemplate) and probes, handlers and volume sources many times within each. Every
 * object subschema that occurs more than once (by canonical JSON) moves to `$defs` and is referenced,
 * so ajv generates one function for it instead of inlining a copy per occurrence.
 */
function shareRepeated(schema: Json): Json {
  const sorted = (x: unknown) => (isObject(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x);
  const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => sorted(x));
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(count);
    if (!isObject(node)) return;
    for (const v of Object.values(node)) count(v);
    if (node.properties || node.items || node.additionalProperties) {
      const key = canon(node);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  count(schema);
  const defs: Json = {};
  const names = new Map<string, string>();
  const replace = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => replace(n, false));
    if (!isObject(node)) return node;
    const key = (node.properties || node.items || node.additionalProperties) ? canon(node) : undefined;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === 'properties' || k === 'patternProperties'
        ? Object.fromEntries(Object.entries(v as Json).map(([pk, pv]) => [pk, replace(pv, false)]))
        : replace(v, false);
    }
    if (!top && key && (counts.get(key) ?? 0) > 1) {
      let name = names.get(key);
      if (!name) {
        name = `s${names.size}`;
        names.set(key, name);
        defs[name] = out;
      }
      return { $ref: `#/$defs/${name}` };
    }
    return out;
  };
  const shared = replace(schema, true) as Json;
  return { ...shared, $defs: defs };
}

function generate(crdFile: string, release: string): string {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    messages: false,
    validateFormats: false,
    inlineRefs: false,
    code: { source: true, lines: false, optimize: true },
  });
  for (const k of K8S_KEYWORDS) ajv.addKeyword(k);
  const validate = ajv.compile(shareRepeated(schemaOf(crdFile)));
  const code = standaloneCode(ajv, validate);
  if (/require\(/.test(code)) throw new Error(`the generated validator for ${release} needs ajv runtime helpers; extend the generator`);
  return [
    '/* eslint-disable */',
    `// Generated by projenrc/crd-validators.ts from crds/${crdFile} (ajv ${AJV_VERSION} standalone). Do not edit.`,
    code,
    '',
  ].join('\n');
}

function main(): void {
  const check = process.argv.includes('--check');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  let stale = 0;
  for (const r of CRD_RELEASES) {
    const out = path.join(OUT_DIR, validatorFileOf(r));
    const code = generate(r.crdFile, r.release);
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf-8') : undefined;
    if (current === code) continue;
    if (check) {
      console.error(`${path.relative(ROOT, out)} is stale: run npx projen crd-validators`);
      stale++;
    } else {
      fs.writeFileSync(out, code);
      console.error(`wrote ${path.relative(ROOT, out)} (${(code.length / 1024).toFixed(0)} KiB)`);
    }
  }
  if (stale > 0) process.exit(1);
}

main();
