import { Construct } from 'constructs';
import { childPath, Problem, throwProblems } from './errors';

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
   * get `AWS_REGION`, and no static keys exist anywhere.
   */
  public static s3(scope: Construct, id: string, props: S3CheckpointStoreProps): CheckpointStore {
    return new S3CheckpointStore(scope, id, props);
  }

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The store's base URI, e.g. `s3://my-bucket/statefun`. */
  public abstract get baseUri(): string;

  /** The directories of one app (the app name is a sub-path, so apps can share a store). */
  public directoriesFor(appName: string): StoreDirectories {
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
  if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    return [{ field, value: bucket, why: 'S3 bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit (no scheme, no path)', fix: "give the bare bucket name, e.g. 'my-bucket', and any path as prefix" }];
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
      flinkConfiguration: {},
      env: [{ name: 'AWS_REGION', value: this.props.region }],
      serviceAccountAnnotations: this.props.irsaRoleArn ? { 'eks.amazonaws.com/role-arn': this.props.irsaRoleArn } : {},
      podLabels: {},
    };
  }
}
