import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { checkArgs } from './guard-schemas';
import { isAwsIssuedKeyId } from './local-endpoint';
import { secretNameProblems } from './workload-names';

/** Names of the keys inside a Kubernetes Secret that hold an S3 access key pair. */
export interface S3SecretKeys {
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
}

/**
 * Static S3 credentials for S3-compatible stores (MinIO, Ceph, LocalStack, GCS interop).
 *
 * The keys reach the Flink pods only as `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` environment
 * variables read from a Secret; the S3 plugin finds them through the AWS default credential chain.
 * They are never written into `flinkConfiguration`.
 */
export class S3Credentials {
  /**
   * Keys from an existing Kubernetes Secret in the app's namespace (created by you, an operator such as
   * External Secrets, or a sealed secret). The manifests reference it by name only.
   */
  public static fromSecret(secret: kplus.ISecret, keys: S3SecretKeys = {}): S3Credentials {
    checkArgs('S3Credentials.fromSecret', secret, keys);
    return new S3Credentials(secret, keys.accessKeyIdKey ?? 'AWS_ACCESS_KEY_ID', keys.secretAccessKeyKey ?? 'AWS_SECRET_ACCESS_KEY');
  }

  /**
   * Literal keys of a local emulator (MinIO, LocalStack in kind or minikube). The store renders them into
   * a Secret it owns and references that, so even these never appear in the FlinkDeployment; but they
   * are in your source and your manifests, so only in-cluster or localhost endpoints are accepted and
   * AWS-issued key ids (`AKIA…`, `ASIA…`) are refused.
   */
  public static plaintextForLocalEmulator(accessKeyId: string, secretAccessKey: string): S3Credentials {
    checkArgs('S3Credentials.plaintextForLocalEmulator', accessKeyId, secretAccessKey);
    return new S3Credentials(undefined, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', { accessKeyId, secretAccessKey });
  }

  /** @internal */
  public readonly _secret?: kplus.ISecret;
  /** @internal */
  public readonly _accessKeyIdKey: string;
  /** @internal */
  public readonly _secretAccessKeyKey: string;
  /** @internal */
  public readonly _plaintext?: { accessKeyId: string; secretAccessKey: string };

  private constructor(
    secret: kplus.ISecret | undefined, accessKeyIdKey: string, secretAccessKeyKey: string,
    plaintext?: { accessKeyId: string; secretAccessKey: string },
  ) {
    this._secret = secret;
    this._accessKeyIdKey = accessKeyIdKey;
    this._secretAccessKeyKey = secretAccessKeyKey;
    this._plaintext = plaintext;
  }

  /** Whether these are literal emulator keys. */
  public get isPlaintext(): boolean {
    return this._plaintext !== undefined;
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    if (this._plaintext) {
      const { accessKeyId, secretAccessKey } = this._plaintext;
      if (typeof accessKeyId !== 'string' || accessKeyId === '' || typeof secretAccessKey !== 'string' || secretAccessKey === '') {
        problems.push({ field, value: '(plaintext keys)', why: 'both the access key id and the secret key must be non-empty strings', fix: "pass the emulator's keys, e.g. S3Credentials.plaintextForLocalEmulator('minio', 'minio123')" });
      } else if (isAwsIssuedKeyId(accessKeyId)) {
        problems.push({ field, value: `${accessKeyId.slice(0, 4)}…`, why: 'this is an AWS-issued access key id: real credentials must not be written into source or manifests', fix: 'put the keys in a Secret and use S3Credentials.fromSecret(secret), or IRSA with CheckpointStore.s3(...)' });
      }
      return problems;
    }
    problems.push(...secretNameProblems(field, this._secret));
    for (const [name, key] of [['accessKeyIdKey', this._accessKeyIdKey], ['secretAccessKeyKey', this._secretAccessKeyKey]]) {
      if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(key)) {
        problems.push({ field: `${field}.${name}`, value: key, why: "Secret keys consist of alphanumerics, '-', '_' and '.'", fix: "name the key as it appears in the Secret's data, e.g. 'AWS_ACCESS_KEY_ID'" });
      }
    }
    return problems;
  }
}

/** How the Flink pods authenticate to an Azure storage account. */
export class AzureCredentials {
  /**
   * The storage account key from a Kubernetes Secret, passed as `AZURE_STORAGE_KEY` and read by Flink's
   * `EnvironmentVariableKeyProvider`. Works with the plugin in the Kzmlabs image.
   * @param secret the Secret in the app's namespace
   * @param key the Secret key holding the account key
   */
  public static accountKeyFromSecret(secret: kplus.ISecret, key: string = 'AZURE_STORAGE_KEY'): AzureCredentials {
    checkArgs('AzureCredentials.accountKeyFromSecret', secret, key);
    return new AzureCredentials(secret, key);
  }

  /**
   * Azure Workload Identity: the ServiceAccount is annotated with the managed identity's client id, the
   * pods are labelled for the webhook, and ABFS authenticates with the federated token.
   *
   * Needs hadoop-azure 3.4.1 or newer (`WorkloadIdentityTokenProvider`); the Flink 2.x Azure plugin bundles
   * an older Hadoop, so this requires your own image (`StateFunImage.fromImage`) with a newer plugin.
   */
  public static workloadIdentity(options: AzureWorkloadIdentityOptions): AzureCredentials {
    checkArgs('AzureCredentials.workloadIdentity', options);
    return new AzureCredentials(undefined, undefined, options);
  }

  /** @internal */
  public readonly _secret?: kplus.ISecret;
  /** @internal */
  public readonly _secretKey?: string;
  /** @internal */
  public readonly _workloadIdentity?: AzureWorkloadIdentityOptions;

  private constructor(secret?: kplus.ISecret, secretKey?: string, workloadIdentity?: AzureWorkloadIdentityOptions) {
    this._secret = secret;
    this._secretKey = secretKey;
    this._workloadIdentity = workloadIdentity;
  }

  /** Whether this is Azure Workload Identity (no key anywhere). */
  public get isWorkloadIdentity(): boolean {
    return this._workloadIdentity !== undefined;
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const wi = this._workloadIdentity;
    const problems: Problem[] = [];
    if (wi) {
      const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      if (typeof wi.clientId !== 'string' || !guid.test(wi.clientId)) {
        problems.push({ field: `${field}.clientId`, value: wi.clientId, why: 'the client id of a managed identity or app registration is a GUID', fix: "copy it from the identity's overview, e.g. '00000000-0000-0000-0000-000000000000'" });
      }
      if (typeof wi.tenantId !== 'string' || !guid.test(wi.tenantId)) {
        problems.push({ field: `${field}.tenantId`, value: wi.tenantId, why: 'the Entra ID tenant id is a GUID', fix: "copy it from the tenant's overview, e.g. '00000000-0000-0000-0000-000000000000'" });
      }
    } else if (secretNameProblems(field, this._secret).length > 0) {
      problems.push(...secretNameProblems(field, this._secret));
    } else if (typeof this._secretKey !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(this._secretKey)) {
      problems.push({ field: `${field}.key`, value: this._secretKey, why: "Secret keys consist of alphanumerics, '-', '_' and '.'", fix: "name the key as it appears in the Secret's data, e.g. 'AZURE_STORAGE_KEY'" });
    }
    return problems;
  }
}

/** Azure Workload Identity settings. */
export interface AzureWorkloadIdentityOptions {
  /** Client id of the user-assigned managed identity (or app registration) federated with the Flink ServiceAccount. */
  readonly clientId: string;
  /** Entra ID tenant id. */
  readonly tenantId: string;
}

/**
 * How the GCS filesystem plugin (`flink-gs-fs-hadoop`) gets into the Flink pods. The Kzmlabs image ships
 * none, so native `gs://` always needs your own image.
 */
export class GcsPlugin {
  /**
   * Your image keeps the official `opt/flink-gs-fs-hadoop-<version>.jar`; the entrypoint links it into
   * `plugins/` through `ENABLE_BUILT_IN_PLUGINS`. The version must be the exact Flink patch release of
   * the image (e.g. `2.2.1`): the entrypoint exits when the named jar does not exist.
   */
  public static builtIn(flinkPatchVersion: string): GcsPlugin {
    checkArgs('GcsPlugin.builtIn', flinkPatchVersion);
    return new GcsPlugin(flinkPatchVersion);
  }

  /** Your image already has the plugin under `plugins/` (nothing to enable at start). */
  public static bakedIntoImage(): GcsPlugin {
    return new GcsPlugin(undefined);
  }

  /** The Flink patch version whose `opt/` jar is enabled, when built in. */
  public readonly flinkPatchVersion?: string;

  private constructor(flinkPatchVersion?: string) {
    this.flinkPatchVersion = flinkPatchVersion;
  }

  /** The jar file name `ENABLE_BUILT_IN_PLUGINS` names, if any. @internal */
  public get _jar(): string | undefined {
    return this.flinkPatchVersion === undefined ? undefined : `flink-gs-fs-hadoop-${this.flinkPatchVersion}.jar`;
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    if (this.flinkPatchVersion !== undefined && (typeof this.flinkPatchVersion !== 'string' || !/^2\.\d+\.\d+$/.test(this.flinkPatchVersion))) {
      return [{ field, value: this.flinkPatchVersion, why: 'the plugin jar is named after the exact Flink 2.x patch release of the image (the entrypoint exits 1 when the named jar is missing)', fix: "give the image's Flink version, e.g. GcsPlugin.builtIn('2.2.1') (see FLINK_VERSION in the image), or GcsPlugin.bakedIntoImage()" }];
    }
    return [];
  }
}
