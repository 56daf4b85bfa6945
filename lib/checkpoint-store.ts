import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { childPath, Problem, throwProblems } from './errors';
import { checkArgs, checkProps } from './guard-schemas';
import { isLocalEndpoint } from './local-endpoint';
import { StateFunImage } from './statefun-image';
import { AzureCredentials, GcsPlugin, S3Credentials } from './store-credentials';
import { s3BucketNameProblem } from './value-rules';
import { watchSecret } from './workload-names';

/** GCS's S3-compatible XML API. @internal */
export const GCS_XML_API = 'https://storage.googleapis.com';

/** The token file the Azure Workload Identity webhook projects into labelled pods. @internal */
export const AZURE_FEDERATED_TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';

/** The four durable directories an app needs, derived from one store location. */
export interface StoreDirectories {
  /** `execution.checkpointing.dir`. */
  readonly checkpoints: string;
  /** `execution.checkpointing.savepoint-dir`. */
  readonly savepoints: string;
  /** `high-availability.storageDir`. */
  readonly highAvailability: string;
  /** `dstl.dfs.base-path` (changelog). */
  readonly changelog: string;
}

/** An environment variable a store puts on the Flink main container. @internal */
export interface StoreEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly secretName?: string;
  readonly secretKey?: string;
}

/** What a store contributes to the app's objects. @internal */
export interface StoreBinding {
  /** Flink keys (filesystem endpoint, path style, …), never credentials. */
  readonly flinkConfiguration: Record<string, string>;
  /** Env vars on JobManager and TaskManager. */
  readonly env: StoreEnvVar[];
  /** Annotations on the Flink ServiceAccount (cloud workload identity). */
  readonly serviceAccountAnnotations: Record<string, string>;
  /** Pod labels some workload-identity systems need (e.g. Azure). */
  readonly podLabels: Record<string, string>;
  /** Filesystem schemes the store itself makes available (a plugin it enables at start, e.g. `gs`). */
  readonly fileSystemSchemes?: string[];
}

/**
 * Durable storage for checkpoints, savepoints, HA metadata and the changelog. One location
 * (bucket + prefix) gives every directory, under a per-app sub-path, so several apps can share a store.
 *
 * Credentials are never written into Flink configuration: stores use workload identity or
 * environment variables from a Kubernetes Secret.
 */
export abstract class CheckpointStore extends Construct {
  /**
   * Amazon S3 on EKS through IRSA: the Flink ServiceAccount is annotated with the IAM role, the pods
   * get `AWS_REGION`, and no static keys exist anywhere. Uses the presto S3 plugin of the Kzmlabs image.
   */
  public static s3(scope: Construct, id: string, props: S3CheckpointStoreProps): CheckpointStore {
    return new S3CheckpointStore(scope, id, checkProps(scope, id, 'S3CheckpointStoreProps', props));
  }

  /**
   * An S3-compatible store (MinIO, Ceph RGW, LocalStack): endpoint and path-style access as Flink keys,
   * the key pair from a Secret as environment variables of the Flink pods.
   */
  public static s3Compatible(scope: Construct, id: string, props: S3CompatibleCheckpointStoreProps): CheckpointStore {
    return new S3CompatibleCheckpointStore(scope, id, checkProps(scope, id, 'S3CompatibleCheckpointStoreProps', props));
  }

  /**
   * Google Cloud Storage through its S3-compatible XML API with HMAC keys from a Secret. Works with the
   * Kzmlabs image as is (presto S3 plugin, `s3://` paths); GKE Workload Identity cannot be used this way.
   */
  public static gcsViaS3Interop(scope: Construct, id: string, props: GcsInteropCheckpointStoreProps): CheckpointStore {
    checkProps(scope, id, 'GcsInteropCheckpointStoreProps', props);
    return new S3CompatibleCheckpointStore(scope, id, {
      bucket: props.bucket,
      prefix: props.prefix,
      endpoint: GCS_XML_API,
      credentials: props.hmacCredentials,
    }, 'gcs-interop');
  }

  /**
   * Native Google Cloud Storage (`gs://`) with GKE Workload Identity. The Kzmlabs image has no GCS plugin,
   * so this needs your own image (`StateFunImage.fromImage`) and says how the plugin is enabled.
   */
  public static gcs(scope: Construct, id: string, props: GcsCheckpointStoreProps): CheckpointStore {
    return new GcsCheckpointStore(scope, id, checkProps(scope, id, 'GcsCheckpointStoreProps', props));
  }

  /**
   * Azure Blob Storage / ADLS Gen2 (`abfss://`, or legacy `wasbs://`) through the Azure plugin of the
   * Kzmlabs image; the account key comes from a Secret, or Azure Workload Identity is used.
   */
  public static azure(scope: Construct, id: string, props: AzureCheckpointStoreProps): CheckpointStore {
    return new AzureCheckpointStore(scope, id, checkProps(scope, id, 'AzureCheckpointStoreProps', props));
  }

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The store's base URI, e.g. `s3://my-bucket/statefun`. */
  public abstract get baseUri(): string;

  /** The directories of one app (the app name is a sub-path, so apps can share a store). */
  public directoriesFor(appName: string): StoreDirectories {
    checkArgs('CheckpointStore.directoriesFor', appName);
    const base = `${this.baseUri.replace(/\/+$/, '')}/${appName}`;
    return {
      checkpoints: `${base}/checkpoints`,
      savepoints: `${base}/savepoints`,
      highAvailability: `${base}/ha`,
      changelog: `${base}/changelog`,
    };
  }

  /** @internal */
  public abstract _binding(): StoreBinding;

  /** Short description for diagrams, e.g. `S3 my-bucket (IRSA)`. @internal */
  public abstract get _label(): string;

  /**
   * Problems of this store with the app's runtime image (a filesystem plugin the image lacks).
   * @internal
   */
  public _imageProblems(_image: StateFunImage, _field: string): Problem[] {
    return [];
  }
}

/** Props of an S3 store on EKS with IRSA. */
export interface S3CheckpointStoreProps {
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Key prefix inside the bucket.
   * @default - the bucket root
   */
  readonly prefix?: string;
  /** AWS region of the bucket, e.g. `us-east-1` (set as `AWS_REGION` on the Flink pods). */
  readonly region: string;
  /**
   * IAM role assumed through IRSA; the Flink ServiceAccount gets `eks.amazonaws.com/role-arn`.
   * @default - no annotation: credentials come from the default AWS chain (e.g. EKS Pod Identity)
   */
  readonly irsaRoleArn?: string;
}

/** @internal */
export function s3BucketProblems(field: string, bucket: string): Problem[] {
  const why = s3BucketNameProblem(bucket);
  if (why) {
    return [{ field, value: bucket, why, fix: "give the bare bucket name, e.g. 'my-bucket', and any path as prefix" }];
  }
  return [];
}

/** @internal */
export function prefixProblems(field: string, prefix: string | undefined): Problem[] {
  if (prefix === undefined) return [];
  if (typeof prefix !== 'string' || prefix.startsWith('/') || prefix.endsWith('/') || prefix.includes('//') || /\s|:/.test(prefix) || prefix === '') {
    return [{ field, value: prefix, why: 'a prefix is a relative key path without leading/trailing slashes, spaces or colons', fix: "write e.g. 'statefun/prod'" }];
  }
  return [];
}

/** @internal */
export function awsRegionProblems(field: string, region: string): Problem[] {
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    return [{ field, value: region, why: 'not an AWS region code', fix: "use a region code such as 'us-east-1' or 'eu-central-1'" }];
  }
  return [];
}

/** @internal */
export function iamRoleArnProblems(field: string, arn: string | undefined): Problem[] {
  if (arn === undefined) return [];
  if (typeof arn !== 'string' || !/^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/.test(arn)) {
    return [{ field, value: arn, why: 'not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)', fix: "copy the role ARN from IAM, e.g. 'arn:aws:iam::123456789012:role/statefun'" }];
  }
  return [];
}

class S3CheckpointStore extends CheckpointStore {
  private readonly props: S3CheckpointStoreProps;

  constructor(scope: Construct, id: string, props: S3CheckpointStoreProps) {
    throwProblems(childPath(scope, id), [
      ...s3BucketProblems('bucket', props.bucket),
      ...prefixProblems('prefix', props.prefix),
      ...awsRegionProblems('region', props.region),
      ...iamRoleArnProblems('irsaRoleArn', props.irsaRoleArn),
    ]);
    super(scope, id);
    this.props = props;
  }

  public get baseUri(): string {
    return `s3://${this.props.bucket}${this.props.prefix ? `/${this.props.prefix}` : ''}`;
  }

  /** @internal */
  public get _label(): string {
    return `S3 ${this.props.bucket}${this.props.irsaRoleArn ? ' (IRSA)' : ''}`;
  }

  /** @internal */
  public _binding(): StoreBinding {
    return {
      flinkConfiguration: { ...PRESTO_DEFAULT_CHAIN },
      env: [{ name: 'AWS_REGION', value: this.props.region }],
      serviceAccountAnnotations: this.props.irsaRoleArn ? { 'eks.amazonaws.com/role-arn': this.props.irsaRoleArn } : {},
      podLabels: {},
    };
  }
}

/**
 * The presto S3 plugin (presto-hive 0.272 in Flink 2.x) uses, without static keys, either the EC2
 * instance profile only (`use-instance-credentials: true`) or the AWS default chain (environment
 * variables, web identity for IRSA, container credentials for EKS Pod Identity, instance profile last).
 * Presto's default flipped to false in 0.244; stating it pins the default chain whatever the bundled version.
 */
const PRESTO_DEFAULT_CHAIN: Record<string, string> = { 's3.use-instance-credentials': 'false' };

/** Props of an S3-compatible store (MinIO, Ceph RGW, LocalStack). */
export interface S3CompatibleCheckpointStoreProps {
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Key prefix inside the bucket.
   * @default - the bucket root
   */
  readonly prefix?: string;
  /** The S3 API endpoint, `http(s)://host[:port]`, e.g. `http://minio.storage.svc:9000`. */
  readonly endpoint: string;
  /** The key pair (from a Secret; literal keys only for local emulators). */
  readonly credentials: S3Credentials;
  /**
   * Path-style requests (`endpoint/bucket/key`), which most self-hosted stores need.
   * @default true
   */
  readonly pathStyleAccess?: boolean;
  /**
   * Region the store expects in request signatures (set as `AWS_REGION`).
   * @default - none
   */
  readonly region?: string;
}

/** Props of a GCS store through the S3-compatible XML API. */
export interface GcsInteropCheckpointStoreProps {
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Object prefix inside the bucket.
   * @default - the bucket root
   */
  readonly prefix?: string;
  /** HMAC key pair of a service account, from a Secret (Cloud Storage → Settings → Interoperability). */
  readonly hmacCredentials: S3Credentials;
}

/** Props of a native GCS store. */
export interface GcsCheckpointStoreProps {
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Object prefix inside the bucket.
   * @default - the bucket root
   */
  readonly prefix?: string;
  /**
   * The Google service account the Flink ServiceAccount impersonates through GKE Workload Identity
   * (annotation `iam.gke.io/gcp-service-account`), e.g. `statefun@my-project.iam.gserviceaccount.com`.
   * @default - no annotation: Application Default Credentials of the node (or a direct IAM binding of the Kubernetes ServiceAccount)
   */
  readonly workloadIdentityServiceAccount?: string;
  /** How the `flink-gs-fs-hadoop` plugin gets into your image's `plugins/`. */
  readonly plugin: GcsPlugin;
}

/** The Azure storage endpoint and URI scheme. */
export enum AzureStorageProtocol {
  /** ADLS Gen2 endpoint `abfss://<container>@<account>.dfs.core.windows.net` (recommended; also for flat Blob accounts). */
  ABFSS = 'abfss',
  /** Legacy Blob endpoint `wasbs://<container>@<account>.blob.core.windows.net` (account key only). */
  WASBS = 'wasbs',
}

/** Props of an Azure Blob / ADLS Gen2 store. */
export interface AzureCheckpointStoreProps {
  /** Storage account name (3-24 lower-case letters and digits). */
  readonly account: string;
  /** Blob container (file system) name. */
  readonly container: string;
  /**
   * Path prefix inside the container.
   * @default - the container root
   */
  readonly prefix?: string;
  /** Account key from a Secret, or Azure Workload Identity. */
  readonly credentials: AzureCredentials;
  /**
   * Endpoint and scheme.
   * @default AzureStorageProtocol.ABFSS
   */
  readonly protocol?: AzureStorageProtocol;
}

/** @internal */
export function endpointProblems(field: string, endpoint: string): Problem[] {
  if (typeof endpoint !== 'string' || !/^https?:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?\/?$/.test(endpoint)) {
    return [{ field, value: endpoint, why: 'an S3 endpoint is http(s)://host[:port] without path, query or credentials', fix: "write e.g. 'http://minio.storage.svc:9000'" }];
  }
  return [];
}


/** @internal */
export function gcsBucketProblems(field: string, bucket: string): Problem[] {
  const ok = typeof bucket === 'string' && /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)
    && (bucket.includes('.') ? bucket.split('.').every((p) => p.length > 0 && p.length <= 63) : bucket.length <= 63)
    && !bucket.startsWith('goog') && !bucket.includes('google');
  if (!ok) {
    return [{ field, value: bucket, why: 'GCS bucket names are 3-63 characters (222 with dots) of lower-case letters, digits, -, _ and ., starting and ending with a letter or digit, without "goog" prefix or "google"', fix: "give the bare bucket name, e.g. 'my-bucket', and any path as prefix" }];
  }
  return [];
}

function storeEnvFromCredentials(credentials: S3Credentials, secretName: string): StoreEnvVar[] {
  return [
    { name: 'AWS_ACCESS_KEY_ID', secretName, secretKey: credentials._accessKeyIdKey },
    { name: 'AWS_SECRET_ACCESS_KEY', secretName, secretKey: credentials._secretAccessKeyKey },
  ];
}

class S3CompatibleCheckpointStore extends CheckpointStore {
  private readonly props: S3CompatibleCheckpointStoreProps;
  private readonly secretName: string;
  private readonly flavour: 's3-compatible' | 'gcs-interop';

  constructor(scope: Construct, id: string, props: S3CompatibleCheckpointStoreProps, flavour: 's3-compatible' | 'gcs-interop' = 's3-compatible') {
    const path = childPath(scope, id);
    const credentialsField = flavour === 'gcs-interop' ? 'hmacCredentials' : 'credentials';
    const problems: Problem[] = [
      ...(flavour === 'gcs-interop' ? gcsBucketProblems('bucket', props.bucket) : s3BucketProblems('bucket', props.bucket)),
      ...prefixProblems('prefix', props.prefix),
      ...endpointProblems('endpoint', props.endpoint),
    ];
    if (props.region !== undefined && (typeof props.region !== 'string' || !/^[a-z0-9-]+$/.test(props.region))) {
      problems.push({ field: 'region', value: props.region, why: 'a signing region is lower-case letters, digits and hyphens', fix: "use e.g. 'us-east-1' (MinIO's default)" });
    }
    if (!(props.credentials instanceof S3Credentials)) {
      problems.push({ field: credentialsField, value: props.credentials === undefined ? undefined : String(props.credentials), why: 'the store needs a key pair, and keys are never written into the Flink configuration', fix: 'use S3Credentials.fromSecret(kplus.Secret.fromSecretName(scope, \'keys\', \'my-keys\'))' });
    } else {
      const credentialProblems = props.credentials._problems(credentialsField);
      problems.push(...credentialProblems);
      const endpointOk = endpointProblems('endpoint', props.endpoint).length === 0;
      if (props.credentials.isPlaintext && credentialProblems.length === 0 && endpointOk && !isLocalEndpoint(props.endpoint, chartNamespace(scope))) {
        problems.push({ field: credentialsField, value: 'S3Credentials.plaintextForLocalEmulator(...)', why: `literal keys are for local emulators only, and ${props.endpoint} is not an in-cluster or localhost address`, fix: 'keep the keys in a Secret and use S3Credentials.fromSecret(secret)' });
      }
    }
    throwProblems(path, problems);
    super(scope, id);
    this.props = props;
    this.flavour = flavour;
    if (props.credentials._plaintext) {
      // Even emulator keys live in a Secret, so the FlinkDeployment and ConfigMaps stay free of them.
      const secret = new kplus.Secret(this, 'Credentials', {
        stringData: {
          [props.credentials._accessKeyIdKey]: props.credentials._plaintext.accessKeyId,
          [props.credentials._secretAccessKeyKey]: props.credentials._plaintext.secretAccessKey,
        },
      });
      this.secretName = secret.name;
    } else {
      this.secretName = props.credentials._secret!.name;
      watchSecret(props.credentials._secret);
    }
  }

  public get baseUri(): string {
    return `s3://${this.props.bucket}${this.props.prefix ? `/${this.props.prefix}` : ''}`;
  }

  /** @internal */
  public get _label(): string {
    return this.flavour === 'gcs-interop'
      ? `GCS ${this.props.bucket} (S3 interop, HMAC keys from Secret ${this.secretName})`
      : `S3-compatible ${this.props.bucket} at ${this.props.endpoint} (keys from Secret ${this.secretName})`;
  }

  /** @internal */
  public _binding(): StoreBinding {
    const env = storeEnvFromCredentials(this.props.credentials, this.secretName);
    if (this.props.region) env.unshift({ name: 'AWS_REGION', value: this.props.region });
    return {
      flinkConfiguration: {
        ...PRESTO_DEFAULT_CHAIN,
        's3.endpoint': this.props.endpoint.replace(/\/+$/, ''),
        's3.path-style-access': String(this.props.pathStyleAccess ?? true),
      },
      env,
      serviceAccountAnnotations: {},
      podLabels: {},
    };
  }
}

class GcsCheckpointStore extends CheckpointStore {
  private readonly props: GcsCheckpointStoreProps;

  constructor(scope: Construct, id: string, props: GcsCheckpointStoreProps) {
    const problems: Problem[] = [...gcsBucketProblems('bucket', props.bucket), ...prefixProblems('prefix', props.prefix)];
    const gsa = props.workloadIdentityServiceAccount;
    if (gsa !== undefined && (typeof gsa !== 'string' || !/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/.test(gsa))) {
      problems.push({ field: 'workloadIdentityServiceAccount', value: gsa, why: 'not a Google service account email (<name>@<project>.iam.gserviceaccount.com)', fix: "write e.g. 'statefun@my-project.iam.gserviceaccount.com'" });
    }
    if (!(props.plugin instanceof GcsPlugin)) {
      problems.push({ field: 'plugin', value: props.plugin === undefined ? undefined : String(props.plugin), why: 'no Flink image the library knows has the GCS plugin enabled, so how it gets there must be stated', fix: "use GcsPlugin.builtIn('<flink patch version>') or GcsPlugin.bakedIntoImage()" });
    } else {
      problems.push(...props.plugin._problems('plugin'));
    }
    throwProblems(childPath(scope, id), problems);
    super(scope, id);
    this.props = props;
  }

  public get baseUri(): string {
    return `gs://${this.props.bucket}${this.props.prefix ? `/${this.props.prefix}` : ''}`;
  }

  /** @internal */
  public get _label(): string {
    return `GCS ${this.props.bucket}${this.props.workloadIdentityServiceAccount ? ` (Workload Identity ${this.props.workloadIdentityServiceAccount})` : ''}`;
  }

  /** @internal */
  public _imageProblems(image: StateFunImage, field: string): Problem[] {
    if (image.repository === StateFunImage.KZMLABS_REPOSITORY) {
      return [{
        field,
        value: this.baseUri,
        why: `the Kzmlabs image ${image.reference} enables no GCS filesystem plugin (only presto S3, OSS and Azure), so Flink would fail to find a filesystem for gs://`,
        fix: 'build an image FROM it with flink-gs-fs-hadoop available and pass StateFunImage.fromImage(image, basedOnTag), or use CheckpointStore.gcsViaS3Interop(...) with HMAC keys',
      }];
    }
    return [];
  }

  /** @internal */
  public _binding(): StoreBinding {
    const jar = this.props.plugin._jar;
    const gsa = this.props.workloadIdentityServiceAccount;
    return {
      flinkConfiguration: {},
      env: jar ? [{ name: 'ENABLE_BUILT_IN_PLUGINS', value: jar }] : [],
      serviceAccountAnnotations: gsa ? { 'iam.gke.io/gcp-service-account': gsa } : {},
      podLabels: {},
      // GcsPlugin.builtIn enables flink-gs-fs-hadoop at start; bakedIntoImage states the image has it.
      fileSystemSchemes: ['gs'],
    };
  }
}

class AzureCheckpointStore extends CheckpointStore {
  private readonly props: AzureCheckpointStoreProps;
  private readonly protocol: AzureStorageProtocol;

  constructor(scope: Construct, id: string, props: AzureCheckpointStoreProps) {
    const protocol = props.protocol ?? AzureStorageProtocol.ABFSS;
    const problems: Problem[] = [...prefixProblems('prefix', props.prefix)];
    if (typeof props.account !== 'string' || !/^[a-z0-9]{3,24}$/.test(props.account)) {
      problems.push({ field: 'account', value: props.account, why: 'storage account names are 3-24 lower-case letters and digits', fix: "give the bare account name, e.g. 'statefunstore' (not the URL)" });
    }
    if (typeof props.container !== 'string' || !/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(props.container)) {
      problems.push({ field: 'container', value: props.container, why: 'container names are 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit', fix: "write e.g. 'checkpoints'" });
    }
    if (!Object.values(AzureStorageProtocol).includes(protocol)) {
      problems.push({ field: 'protocol', value: protocol, why: 'unknown protocol', fix: 'use AzureStorageProtocol.ABFSS or AzureStorageProtocol.WASBS' });
    }
    if (!(props.credentials instanceof AzureCredentials)) {
      problems.push({ field: 'credentials', value: props.credentials === undefined ? undefined : String(props.credentials), why: 'the store needs an identity, and keys are never written into the Flink configuration', fix: 'use AzureCredentials.accountKeyFromSecret(secret) or AzureCredentials.workloadIdentity({ clientId, tenantId })' });
    } else {
      problems.push(...props.credentials._problems('credentials'));
      if (props.credentials.isWorkloadIdentity && protocol === AzureStorageProtocol.WASBS) {
        problems.push({ field: 'protocol', value: protocol, why: 'the legacy WASB driver has no OAuth, so Workload Identity cannot be used with wasbs://', fix: 'use AzureStorageProtocol.ABFSS (works for ADLS Gen2 and Blob accounts), or an account key' });
      }
    }
    throwProblems(childPath(scope, id), problems);
    super(scope, id);
    this.props = props;
    this.protocol = protocol;
  }

  private get host(): string {
    return `${this.props.account}.${this.protocol === AzureStorageProtocol.WASBS ? 'blob' : 'dfs'}.core.windows.net`;
  }

  public get baseUri(): string {
    return `${this.protocol}://${this.props.container}@${this.host}${this.props.prefix ? `/${this.props.prefix}` : ''}`;
  }

  /** @internal */
  public get _label(): string {
    return `Azure ${this.props.account}/${this.props.container} (${this.props.credentials.isWorkloadIdentity ? 'Workload Identity' : 'account key from Secret'})`;
  }

  /** @internal */
  public _imageProblems(image: StateFunImage, field: string): Problem[] {
    if (this.props.credentials.isWorkloadIdentity && image.repository === StateFunImage.KZMLABS_REPOSITORY) {
      return [{
        field,
        value: `${this.baseUri} (Workload Identity)`,
        why: `the Azure plugin of ${image.reference} bundles a Hadoop older than 3.4.1, which has no WorkloadIdentityTokenProvider, so ABFS could not authenticate`,
        fix: 'use AzureCredentials.accountKeyFromSecret(secret), or an image with an Azure plugin built on hadoop-azure ≥ 3.4.1 passed as StateFunImage.fromImage(image, basedOnTag)',
      }];
    }
    return [];
  }

  /** @internal */
  public _binding(): StoreBinding {
    const creds = this.props.credentials;
    const host = this.host;
    const wi = creds._workloadIdentity;
    if (wi) {
      // Account-scoped keys only: an unscoped key next to its scoped form would be a prefix overlap.
      return {
        flinkConfiguration: {
          [`fs.azure.account.auth.type.${host}`]: 'OAuth',
          [`fs.azure.account.oauth.provider.type.${host}`]: 'org.apache.hadoop.fs.azurebfs.oauth2.WorkloadIdentityTokenProvider',
          [`fs.azure.account.oauth2.client.id.${host}`]: wi.clientId,
          [`fs.azure.account.oauth2.msi.tenant.${host}`]: wi.tenantId,
          [`fs.azure.account.oauth2.token.file.${host}`]: AZURE_FEDERATED_TOKEN_FILE,
        },
        env: [],
        serviceAccountAnnotations: { 'azure.workload.identity/client-id': wi.clientId, 'azure.workload.identity/tenant-id': wi.tenantId },
        podLabels: { 'azure.workload.identity/use': 'true' },
      };
    }
    watchSecret(creds._secret);
    return {
      flinkConfiguration: { [`fs.azure.account.keyprovider.${host}`]: 'org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider' },
      env: [{ name: 'AZURE_STORAGE_KEY', secretName: creds._secret!.name, secretKey: creds._secretKey! }],
      serviceAccountAnnotations: {},
      podLabels: {},
    };
  }
}

/** The namespace of the chart holding `scope`, if any. */
function chartNamespace(scope: Construct): string | undefined {
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}
