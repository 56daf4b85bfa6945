import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AwsRegion } from './aws-region';
import { Problem, throwProblems } from './errors';
import { checkArgs } from './guard-schemas';
import { isAwsIssuedKeyId, isLocalEndpoint } from './local-endpoint';
import { SpecReader } from './module-spec-reader';
import type { StateFunApp } from './statefun-app';
import { secretNameProblems, watchSecret } from './workload-names';

/** The environment variables the AWS SDK's default credential chain reads. */
const ACCESS_KEY_ENV = 'AWS_ACCESS_KEY_ID';
const SECRET_KEY_ENV = 'AWS_SECRET_ACCESS_KEY';
const SESSION_TOKEN_ENV = 'AWS_SESSION_TOKEN';

/** Which keys of a Kubernetes Secret hold the AWS credentials. */
export interface AwsSecretCredentialsOptions {
  /**
   * The Secret key holding the access key id.
   * @default 'AWS_ACCESS_KEY_ID'
   */
  readonly accessKeyIdKey?: string;
  /**
   * The Secret key holding the secret access key.
   * @default 'AWS_SECRET_ACCESS_KEY'
   */
  readonly secretAccessKeyKey?: string;
  /**
   * The Secret key holding a session token (temporary credentials).
   * @default - no session token
   */
  readonly sessionTokenKey?: string;
}

/** An environment variable a credentials object puts on the Flink pods. @internal */
interface SecretEnv {
  readonly name: string;
  readonly key: string;
}

/** Per app: which Secret key each AWS variable comes from, so two components cannot disagree. */
const APP_ENV = new WeakMap<StateFunApp, Map<string, { secretName: string; key: string; path: string }>>();

/**
 * How a Kinesis ingress or egress authenticates (`awsCredentials`). Keys never enter the module
 * ConfigMap: use the provider chain (IRSA, EKS Pod Identity) or a Kubernetes Secret; plaintext keys
 * exist only for local emulators, under a name that says so.
 */
export class AwsCredentials {
  /**
   * The AWS SDK's default provider chain in the Flink pods: IRSA (the Flink ServiceAccount's
   * `eks.amazonaws.com/role-arn`, e.g. from the checkpoint store's `irsaRoleArn`), EKS Pod Identity,
   * environment variables, instance profile.
   */
  public static defaultProviderChain(): AwsCredentials {
    return new AwsCredentials('default');
  }

  /**
   * Keys from a Kubernetes Secret you manage, injected into the Flink pods as `AWS_ACCESS_KEY_ID` /
   * `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`) environment variables; the module says
   * `type: default`, and the default chain reads them. Every AWS client in the Flink pods sees these
   * variables, so all Kinesis components of an app must use the same Secret keys.
   */
  public static fromSecret(secret: kplus.ISecret, options: AwsSecretCredentialsOptions = {}): AwsCredentials {
    checkArgs('AwsCredentials.fromSecret', secret, options);
    const env: SecretEnv[] = [
      { name: ACCESS_KEY_ENV, key: options.accessKeyIdKey ?? ACCESS_KEY_ENV },
      { name: SECRET_KEY_ENV, key: options.secretAccessKeyKey ?? SECRET_KEY_ENV },
    ];
    if (options.sessionTokenKey !== undefined) env.push({ name: SESSION_TOKEN_ENV, key: options.sessionTokenKey });
    return new AwsCredentials('default', { secret, env });
  }

  /**
   * A named profile from an AWS credentials file mounted into the Flink pods.
   * @param profileName the profile
   * @param profilePath absolute path of the credentials file in the pods (default: the SDK's `~/.aws/credentials`)
   */
  public static profile(profileName: string, profilePath?: string): AwsCredentials {
    checkArgs('AwsCredentials.profile', profileName, profilePath);
    return new AwsCredentials('profile', undefined, { profileName, profilePath });
  }

  /**
   * Plaintext keys written into the module ConfigMap, for local emulators (LocalStack) only: refused
   * unless the region is an `AwsRegion.customEndpoint(...)`. For real AWS use `fromSecret` or
   * `defaultProviderChain`.
   */
  public static basicForLocalEmulatorOnly(accessKeyId: string, secretAccessKey: string): AwsCredentials {
    checkArgs('AwsCredentials.basicForLocalEmulatorOnly', accessKeyId, secretAccessKey);
    return new AwsCredentials('basic', undefined, undefined, { accessKeyId, secretAccessKey });
  }

  private constructor(
    /** `default`, `profile` or `basic`, as written in the module. */
    public readonly type: string,
    private readonly fromSecretRef?: { secret: kplus.ISecret; env: SecretEnv[] },
    private readonly profileRef?: { profileName: string; profilePath?: string },
    private readonly basic?: { accessKeyId: string; secretAccessKey: string },
  ) {}

  /** The Secret the keys come from, for `fromSecret`. */
  public get secret(): kplus.ISecret | undefined {
    return this.fromSecretRef?.secret;
  }

  /** @internal */
  public _render(): Record<string, unknown> {
    if (this.profileRef) {
      const out: Record<string, unknown> = { type: 'profile', profileName: this.profileRef.profileName };
      if (this.profileRef.profilePath !== undefined) out.profilePath = this.profileRef.profilePath;
      return out;
    }
    if (this.basic) return { type: 'basic', accessKeyId: this.basic.accessKeyId, secretAccessKey: this.basic.secretAccessKey };
    return { type: 'default' };
  }

  /** Problems that need no app; `region` is the component's region (basic keys need an emulator endpoint). @internal */
  public _problems(field: string, region: AwsRegion | undefined, namespace?: string): Problem[] {
    const problems: Problem[] = [];
    if (this.profileRef) {
      const { profileName, profilePath } = this.profileRef;
      if (typeof profileName !== 'string' || profileName.trim() === '' || /\s/.test(profileName)) {
        problems.push({ field: `${field}.profileName`, value: profileName, why: 'a profile name is required (the runtime fails with a NullPointerException without one)', fix: "name the profile, e.g. AwsCredentials.profile('statefun')" });
      }
      if (profilePath !== undefined && (typeof profilePath !== 'string' || !profilePath.startsWith('/'))) {
        problems.push({ field: `${field}.profilePath`, value: profilePath, why: 'the credentials file is read inside the Flink pods, so its path must be absolute', fix: "mount the file and give its absolute path, e.g. '/opt/flink/.aws/credentials'" });
      }
    }
    if (this.basic) {
      for (const [name, v] of [['accessKeyId', this.basic.accessKeyId], ['secretAccessKey', this.basic.secretAccessKey]]) {
        if (typeof v !== 'string' || v === '') problems.push({ field: `${field}.${name}`, value: v, why: 'required', fix: "for LocalStack any value works, e.g. 'test'" });
      }
      if (typeof this.basic.accessKeyId === 'string' && isAwsIssuedKeyId(this.basic.accessKeyId)) {
        problems.push({ field: `${field}.accessKeyId`, value: `${this.basic.accessKeyId.slice(0, 4)}…`, why: 'this is an AWS-issued access key id; real keys must never be written into the module ConfigMap', fix: 'put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret(secret)' });
      } else if (region && region.type === 'custom-endpoint' && region.endpoint && !isLocalEndpoint(region.endpoint, namespace)) {
        problems.push({ field, value: 'basicForLocalEmulatorOnly', why: `plaintext keys are for local emulators only, and ${region.endpoint} is not an in-cluster or localhost address; the keys would be written into the module ConfigMap`, fix: 'put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret(secret)' });
      }
      if (!region || region.type !== 'custom-endpoint') {
        problems.push({
          field,
          value: 'basicForLocalEmulatorOnly',
          why: `plaintext keys would be written into the module ConfigMap, readable by anyone who can read ConfigMaps; they are accepted only with a local emulator endpoint (the region here is ${region ? region.type : 'not set'})`,
          fix: 'put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret(secret), or AwsCredentials.defaultProviderChain() with IRSA; for LocalStack set region: AwsRegion.customEndpoint(url, regionId)',
        });
      }
    }
    if (this.fromSecretRef) {
      problems.push(...secretNameProblems(field, this.fromSecretRef.secret));
      this.fromSecretRef.env.forEach((e) => {
        if (typeof e.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(e.key)) {
          problems.push({ field: `${field} (${e.name} key)`, value: e.key, why: "a Secret key consists of alphanumerics, '-', '_' and '.'", fix: 'use the key under which the Secret stores the value' });
        }
      });
    }
    return problems;
  }

  /**
   * Puts the Secret's keys on the Flink pods (once per app). Refuses a second component that takes
   * the same variable from another Secret or key: there is one environment for every AWS client.
   * @internal
   */
  public _bind(app: StateFunApp, component: IConstruct): void {
    const ref = this.fromSecretRef;
    if (!ref) return;
    let env = APP_ENV.get(app);
    if (!env) {
      env = new Map();
      APP_ENV.set(app, env);
    }
    for (const e of ref.env) {
      const previous = env.get(e.name);
      if (previous && (previous.secretName !== ref.secret.name || previous.key !== e.key)) {
        throwProblems(component.node.path, [{
          field: `credentials (${e.name})`,
          value: `${ref.secret.name}/${e.key}`,
          why: `${previous.path} already sets ${e.name} from ${previous.secretName}/${previous.key}; the Flink pods have one environment, so every AWS client sees one value`,
          fix: 'use the same Secret and keys for every Kinesis component of the app, or AwsCredentials.profile(...) for the one that needs other keys',
        }]);
      }
      if (previous) continue;
      env.set(e.name, { secretName: ref.secret.name, key: e.key, path: component.node.path });
      app.addFlinkEnvironment(e.name, kplus.EnvValue.fromSecretValue({ secret: ref.secret, key: e.key }), ref.secret);
      watchSecret(ref.secret);
    }
  }

  /** Conflicts with the app's identity, found at synth (same-variable conflicts are refused by addFlinkEnvironment). @internal */
  public _appProblems(field: string, app: StateFunApp): Problem[] {
    if (!this.fromSecretRef) return [];
    const binding = app.checkpointStore?._binding();
    const problems: Problem[] = [];
    const role = binding?.serviceAccountAnnotations['eks.amazonaws.com/role-arn'];
    if (role) {
      problems.push({
        field,
        value: this.fromSecretRef.secret.name,
        why: `the checkpoint store authenticates through IRSA (${role}), but AWS_ACCESS_KEY_ID on the Flink pods comes first in the default credential chain, so S3 checkpoints would silently use the Kinesis keys instead`,
        fix: 'grant the IRSA role access to the stream and use AwsCredentials.defaultProviderChain()',
      });
    }
    return problems;
  }
}

/** Reads `awsCredentials` ({type: default | basic | profile}), naming the guides' wrong spellings. @internal */
export function readAwsCredentials(r: SpecReader | undefined): AwsCredentials | undefined {
  if (!r) return undefined;
  const type = r.string('type', { fix: 'write type: default (the provider chain: IRSA, env vars), or profile with profileName' });
  let credentials: AwsCredentials | undefined;
  const mistakes = {
    profile: { why: 'the parser reads profileName; profile is ignored and the runtime fails with a NullPointerException', fix: 'rename it to profileName' },
    className: { why: 'custom credential providers are not supported; className is ignored', fix: 'use type: default (IRSA or keys from a Secret) or type: profile' },
    region: { why: 'the region belongs under awsRegion, not awsCredentials; it is ignored here', fix: 'write awsRegion: { type: specific, id: <region> }' },
    id: { why: 'the region belongs under awsRegion, not awsCredentials; it is ignored here', fix: 'write awsRegion: { type: specific, id: <region> }' },
    endpoint: { why: 'a custom endpoint belongs under awsRegion (type: custom-endpoint), not awsCredentials; it is ignored here', fix: 'write awsRegion: { type: custom-endpoint, endpoint: <url>, id: <region> }' },
    accessKeyId: { why: 'read only with type: basic; here it is ignored', fix: 'remove it' },
    secretAccessKey: { why: 'read only with type: basic; here it is ignored', fix: 'remove it' },
    profileName: { why: 'read only with type: profile; here it is ignored', fix: 'remove it, or use type: profile' },
    profilePath: { why: 'read only with type: profile; here it is ignored', fix: 'remove it, or use type: profile' },
  };
  switch (type) {
    case undefined:
      break;
    case 'default':
      credentials = AwsCredentials.defaultProviderChain();
      break;
    case 'basic': {
      if (r.has('profileName') && !r.has('accessKeyId')) {
        r.problem('type', type, 'profile credentials are type: profile; with type: basic the parser reads accessKeyId/secretAccessKey and ignores profileName', 'write type: profile with profileName');
        r.raw('profileName');
        break;
      }
      // Missing keys are already reader problems; no half-built credentials on top of them.
      const accessKeyId = r.string('accessKeyId', { fix: 'keys belong in a Kubernetes Secret (AwsCredentials.fromSecret); for LocalStack write accessKeyId: test' });
      const secretAccessKey = r.string('secretAccessKey', { fix: 'keys belong in a Kubernetes Secret (AwsCredentials.fromSecret); for LocalStack write secretAccessKey: test' });
      if (accessKeyId !== undefined && secretAccessKey !== undefined) {
        credentials = AwsCredentials.basicForLocalEmulatorOnly(accessKeyId, secretAccessKey);
      }
      break;
    }
    case 'profile': {
      // The guide's `profile:` is reported by finish(); its value keeps the model complete meanwhile.
      const guideName = r.node.profile;
      const profileName = r.string('profileName') ?? (typeof guideName === 'string' ? guideName : undefined);
      if (profileName === undefined && !r.has('profile')) r.problem('profileName', undefined, 'required (the runtime fails with a NullPointerException without it)', 'write profileName: <profile>');
      const profilePath = r.string('profilePath');
      if (profileName !== undefined) credentials = AwsCredentials.profile(profileName, profilePath);
      break;
    }
    default:
      r.problem('type', type, type === 'custom'
        ? 'custom credential providers are not supported; the runtime accepts default, basic and profile'
        : 'the runtime accepts default, basic and profile', 'write type: default (IRSA, or keys from a Secret as environment variables) or type: profile');
      r.raw('className');
  }
  r.finish(mistakes);
  return credentials;
}
