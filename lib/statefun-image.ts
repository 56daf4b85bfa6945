import { Problem } from './errors';
import { KZMLABS_FILESYSTEM_SCHEMES, schemeListProblems } from './filesystem-schemes';
import { checkArgs } from './guard-schemas';
import { FlinkVersion } from './versions';

/** A Kzmlabs StateFun release parsed from an image tag such as `3.4.0-KZM-3.5`. @internal */
export interface KzmRelease {
  readonly major: number;
  readonly minor: number;
  readonly tag: string;
}

/** What an image of your own (built `FROM` a Kzmlabs image) changes or adds. */
export interface StateFunImageOptions {
  /**
   * The Flink minor the image runs, only when you rebuilt the runtime on another Flink: the app's
   * default `flinkVersion`, and the newest it accepts.
   * @default - the Flink of the base release (2.2 for every Kzmlabs release)
   */
  readonly flinkVersion?: FlinkVersion;
  /**
   * The URI schemes (without `://`) the image's filesystem plugins serve, the complete list: e.g.
   * `['s3', 's3p', 'oss', 'abfs', 'abfss', 'wasb', 'wasbs', 'gs']` when you add `flink-gs-fs-hadoop`
   * under `plugins/`. Checkpoint, savepoint, HA and changelog URIs with any other scheme are refused at synth.
   * @default - the Kzmlabs image's plugins: presto S3 (`s3`, `s3p`), OSS (`oss`), Azure (`abfs`, `abfss`, `wasb`, `wasbs`)
   */
  readonly fileSystemSchemes?: string[];
}

/** A runtime feature that exists only from a given Kzmlabs release on. */
export enum StateFunFeature {
  /** The Flink 2.x runtime (Flink 2.2, Java 21) every manifest of this library assumes, KZM-2.0+. */
  FLINK_2_RUNTIME = 'the Flink 2.x runtime',
  /** Kinesis ingress (`io.statefun.kinesis.v1/ingress`), KZM-3.0+. */
  KINESIS_INGRESS = 'io.statefun.kinesis.v1/ingress',
  /** Kinesis egress (`io.statefun.kinesis.v1/egress`), KZM-3.0+. */
  KINESIS_EGRESS = 'io.statefun.kinesis.v1/egress',
  /** Kafka record headers forwarded to functions (`forwardHeaders`), KZM-3.4+. */
  KAFKA_FORWARD_HEADERS = 'forwardHeaders',
  /** Kafka `invalidRecordHandling` (skip or fail null keys/values), KZM-3.5+. */
  KAFKA_INVALID_RECORD_HANDLING = 'invalidRecordHandling',
}

/** When a feature first shipped, what an older image does with it, and where that is recorded. @internal */
export interface FeatureGate {
  readonly since: [number, number];
  /** What an older runtime does, completing "the app's image … is older, and …". */
  readonly older: string;
  readonly source: string;
}

/** Kinesis ingress and egress came back together in KZM-3.0 (one runtime binding for both). */
const KINESIS_GATE = {
  since: [3, 0] as [number, number],
  older: 'its runtime has no binding for Kinesis (the SDK jar shipped without one), so the module does not load',
};

/**
 * The feature gates, one table for every component and field that depends on the image release.
 * Kafka ingress/egress and remote functions (HTTP endpoints) exist in every Flink 2.x release, so they
 * are gated by the baseline alone.
 * @internal
 */
export const FEATURE_GATES: Record<StateFunFeature, FeatureGate> = {
  [StateFunFeature.FLINK_2_RUNTIME]: {
    since: [2, 0],
    older: 'it is not a Flink 2.2 / Java 21 runtime: the FlinkDeployment this library writes (Flink 2.x keys, flinkVersion) does not describe it',
    source: 'kzmlabs/flink-statefun CHANGELOG.md, [3.4.0-KZM-2.0] "Flink 2.2.0 + Java 21 baseline"',
  },
  [StateFunFeature.KINESIS_INGRESS]: {
    since: KINESIS_GATE.since,
    older: KINESIS_GATE.older,
    source: 'kzmlabs/flink-statefun CHANGELOG.md, [3.4.0-KZM-3.0-RC1] "Restores full Kinesis I/O for Flink 2.x ... Closes the 3.4.0-KZM-2.0 regression where the SDK jar published to Maven Central without a runtime binding"',
  },
  [StateFunFeature.KINESIS_EGRESS]: {
    since: KINESIS_GATE.since,
    older: KINESIS_GATE.older,
    source: 'kzmlabs/flink-statefun CHANGELOG.md, [3.4.0-KZM-3.0-RC1] (KinesisFlinkIoModule, KinesisSinkProvider)',
  },
  [StateFunFeature.KAFKA_FORWARD_HEADERS]: {
    since: [3, 4],
    older: 'its runtime ignores the field silently',
    source: 'kzmlabs/flink-statefun docs/index.md@a7af158 and docs/upstream-vs-kzm.md (3.4.0-KZM-3.4: Kafka record headers, ADR-0005); statefun-runtime.md §2',
  },
  [StateFunFeature.KAFKA_INVALID_RECORD_HANDLING]: {
    since: [3, 5],
    older: 'its runtime ignores the field silently',
    source: 'kzmlabs/flink-statefun docs/upstream-vs-kzm.md and docs/articles/invalid-record-handling.md (3.4.0-KZM-3.5, ADR-0008); statefun-runtime.md §2',
  },
};

const KZM_TAG = /^\d+\.\d+\.\d+-KZM-(\d+)\.(\d+)(-RC\d+)?(-[A-Za-z0-9.]+)?$/;

/**
 * The StateFun runtime image the FlinkDeployment runs (JobManager and TaskManagers).
 *
 * The image decides which module features exist: a feature used with an image older than its
 * release is refused at synth.
 */
export class StateFunImage {
  /** The newest stable Kzmlabs release known to this library. */
  public static readonly LATEST_KNOWN_TAG = '3.4.0-KZM-3.5';

  /** The Kzmlabs image repository. */
  public static readonly KZMLABS_REPOSITORY = 'ghcr.io/kzmlabs/flink-statefun';

  /**
   * The official Kzmlabs image `ghcr.io/kzmlabs/flink-statefun:<tag>`.
   * @param tag a pinned release tag such as `3.4.0-KZM-3.5` (mutable tags like `latest` are refused)
   * @default StateFunImage.LATEST_KNOWN_TAG
   */
  public static kzmlabs(tag: string = StateFunImage.LATEST_KNOWN_TAG): StateFunImage {
    checkArgs('StateFunImage.kzmlabs', tag);
    return new StateFunImage(StateFunImage.KZMLABS_REPOSITORY, tag, tag);
  }

  /**
   * An image of your own built `FROM` a Kzmlabs image (extra plugins, certificates, …).
   * @param image the full reference, `registry/repository:tag`
   * @param basedOnTag the Kzmlabs release tag the image is built from; it gates features
   * @param options what the image changes or adds: the Flink it runs, the filesystem schemes its plugins serve
   */
  public static fromImage(image: string, basedOnTag: string, options: StateFunImageOptions = {}): StateFunImage {
    checkArgs('StateFunImage.fromImage', image, basedOnTag, options);
    const colon = image.lastIndexOf(':');
    const hasTag = colon > image.lastIndexOf('/');
    return new StateFunImage(hasTag ? image.slice(0, colon) : image, hasTag ? image.slice(colon + 1) : '', basedOnTag, options.flinkVersion, options.fileSystemSchemes);
  }

  /** The release a feature first shipped in, as `KZM-3.4`. @internal */
  public static _featureSince(feature: StateFunFeature): string {
    const [major, minor] = FEATURE_GATES[feature].since;
    return `KZM-${major}.${minor}`;
  }

  /**
   * The URI schemes the image's filesystem plugins serve (without `://`), sorted: every checkpoint,
   * savepoint, HA and changelog URI of the app must use one of them.
   */
  public readonly fileSystemSchemes: string[];

  private constructor(
    /** Repository without the tag. */
    public readonly repository: string,
    /** Image tag. */
    public readonly tag: string,
    /** The Kzmlabs release tag features are gated on. */
    public readonly releaseTag: string,
    private readonly flinkOverride?: FlinkVersion,
    private readonly declaredSchemes?: string[],
  ) {
    this.fileSystemSchemes = Array.isArray(declaredSchemes) ? [...declaredSchemes].sort() : [...KZMLABS_FILESYSTEM_SCHEMES];
  }

  /**
   * The Flink minor the image runs, the default `flinkVersion` of an app (capped by its operator).
   * Every Kzmlabs release from KZM-2.0 to KZM-3.5 runs Flink 2.2 (2.2.0, from KZM-3.4 2.2.1:
   * kzmlabs/flink-statefun CHANGELOG.md and docs/upstream-vs-kzm.md); a newer release tag is assumed
   * to do so too until this library knows otherwise.
   */
  public get flinkVersion(): FlinkVersion {
    return this.flinkOverride ?? FlinkVersion.V2_2;
  }

  /** `repository:tag`. */
  public get reference(): string {
    return `${this.repository}:${this.tag}`;
  }

  /** The parsed Kzmlabs release, or undefined when the tag is not a release tag. @internal */
  public _release(): KzmRelease | undefined {
    const m = KZM_TAG.exec(this.releaseTag);
    return m ? { major: Number(m[1]), minor: Number(m[2]), tag: this.releaseTag } : undefined;
  }

  /** Whether the image's release has the feature. */
  public supports(feature: StateFunFeature): boolean {
    checkArgs('StateFunImage.supports', feature);
    const release = this._release();
    if (!release) return false;
    const [major, minor] = FEATURE_GATES[feature].since;
    return release.major > major || (release.major === major && release.minor >= minor);
  }

  /** Problems with the image reference itself (checked by the app with its construct path). @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    if (!this.tag) {
      problems.push({ field, value: this.repository, why: 'the image has no tag, so every node may pull a different runtime', fix: `pin a release tag, e.g. StateFunImage.kzmlabs('${StateFunImage.LATEST_KNOWN_TAG}')` });
    } else if (this.tag === 'latest') {
      problems.push({ field, value: this.reference, why: '`latest` is a moving tag: restarts can silently change the runtime and feature checks cannot be made', fix: `pin a release tag, e.g. StateFunImage.kzmlabs('${StateFunImage.LATEST_KNOWN_TAG}')` });
    }
    if (this.flinkOverride !== undefined && !Object.values(FlinkVersion).includes(this.flinkOverride)) {
      problems.push({ field: `${field} (flinkVersion)`, value: this.flinkOverride, why: 'not a Flink 2.x version the library knows', fix: 'use a FlinkVersion, e.g. FlinkVersion.V2_2 (what every Kzmlabs release runs)' });
    }
    if (this.declaredSchemes !== undefined) problems.push(...schemeListProblems(`${field}.fileSystemSchemes`, this.declaredSchemes));
    const release = this._release();
    if (release && !this.supports(StateFunFeature.FLINK_2_RUNTIME)) {
      problems.push({ field: `${field} (release)`, value: this.releaseTag, why: `KZM-${release.major}.${release.minor} predates KZM-2.0, the first Kzmlabs release on Flink 2.x; ${FEATURE_GATES[StateFunFeature.FLINK_2_RUNTIME].older}`, fix: `use a Flink 2.x release, e.g. StateFunImage.kzmlabs('${StateFunImage.LATEST_KNOWN_TAG}')` });
    }
    if (!release) {
      problems.push({ field: `${field} (release)`, value: this.releaseTag, why: 'not a Kzmlabs release tag of the form <x.y.z>-KZM-<major>.<minor>[-RCn]', fix: `use a tag such as '${StateFunImage.LATEST_KNOWN_TAG}'; for your own image pass the Kzmlabs tag it is built from to StateFunImage.fromImage(image, basedOnTag)` });
    }
    return problems;
  }
}
