import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AzureCredentials, AzureStorageProtocol, CheckpointStore, GcsPlugin, OperatorVersion, S3Credentials, StateFunApp, StateFunAppProps, StateFunImage,
} from '../lib';
import { target } from './fixtures/flink/app';
import { expectValidManifests } from './support/schemas';
import { flinkMain, only, secureApp } from './support/secure-app';

const CUSTOM_IMAGE = StateFunImage.fromImage('registry.example.com/platform/statefun-gcs:3.4.0-KZM-3.5-gs', '3.4.0-KZM-3.5');

function synthWith(store: (chart: Chart) => CheckpointStore, app: Partial<StateFunAppProps> = {}) {
  const built = secureApp({ store, app });
  const manifests = Testing.synth(built.chart);
  expectValidManifests(manifests, target(built.app.operatorVersion));
  return { ...built, manifests, conf: only(manifests, 'FlinkDeployment').spec.flinkConfiguration, main: flinkMain(manifests) };
}

function secret(chart: Chart, name: string): kplus.ISecret {
  return kplus.Secret.fromSecretName(chart, `secret-${name}`, name);
}

/** Every key the stores may emit that would carry a credential value. */
const CREDENTIAL_KEY = /access[-.]key|secret[-.]key|account\.key\.|password|sas/i;

describe('CheckpointStore: every variant derives the four directories from one location', () => {
  test.each([
    ['s3', (c: Chart) => CheckpointStore.s3(c, 'store', { bucket: 'bk1', prefix: 'team/prod', region: 'us-east-1' }), 's3://bk1/team/prod/orders'],
    ['s3Compatible', (c: Chart) => CheckpointStore.s3Compatible(c, 'store', { bucket: 'bk1', prefix: 'p', endpoint: 'http://minio.storage.svc:9000', credentials: S3Credentials.fromSecret(secret(c, 'minio')) }), 's3://bk1/p/orders'],
    ['gcsViaS3Interop', (c: Chart) => CheckpointStore.gcsViaS3Interop(c, 'store', { bucket: 'bk1', hmacCredentials: S3Credentials.fromSecret(secret(c, 'hmac')) }), 's3://bk1/orders'],
    ['azure abfss', (c: Chart) => CheckpointStore.azure(c, 'store', { account: 'acct1', container: 'ckpt', prefix: 'p', credentials: AzureCredentials.accountKeyFromSecret(secret(c, 'az')) }), 'abfss://ckpt@acct1.dfs.core.windows.net/p/orders'],
    ['azure wasbs', (c: Chart) => CheckpointStore.azure(c, 'store', { account: 'acct1', container: 'ckpt', protocol: AzureStorageProtocol.WASBS, credentials: AzureCredentials.accountKeyFromSecret(secret(c, 'az')) }), 'wasbs://ckpt@acct1.blob.core.windows.net/orders'],
  ])('%s', (_name, store, base) => {
    const { conf } = synthWith(store);
    expect(conf['execution.checkpointing.dir']).toBe(`${base}/checkpoints`);
    expect(conf['execution.checkpointing.savepoint-dir']).toBe(`${base}/savepoints`);
    expect(conf['high-availability.storageDir']).toBe(`${base}/ha`);
    expect(Object.keys(conf).filter((k) => CREDENTIAL_KEY.test(k))).toEqual([]);
  });

  test('gcs (native gs://)', () => {
    const { conf } = synthWith((c) => CheckpointStore.gcs(c, 'store', { bucket: 'bk1', prefix: 'p', plugin: GcsPlugin.bakedIntoImage() }), { image: CUSTOM_IMAGE });
    expect(conf['execution.checkpointing.dir']).toBe('gs://bk1/p/orders/checkpoints');
    expect(conf['high-availability.storageDir']).toBe('gs://bk1/p/orders/ha');
  });

  test('the changelog directory sits under the same location', () => {
    const chart = new Chart(Testing.app(), 'c');
    const store = CheckpointStore.s3(chart, 's', { bucket: 'bk1', region: 'us-east-1' });
    expect(store.directoriesFor('app')).toEqual({
      checkpoints: 's3://bk1/app/checkpoints',
      savepoints: 's3://bk1/app/savepoints',
      highAvailability: 's3://bk1/app/ha',
      changelog: 's3://bk1/app/changelog',
    });
  });
});

describe('CheckpointStore.s3: EKS with IRSA', () => {
  test('role annotation, AWS_REGION, the AWS default chain pinned, no keys', () => {
    const { manifests, conf, main } = synthWith((c) => CheckpointStore.s3(c, 'store', { bucket: 'bk1', region: 'eu-west-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/flink' }));
    expect(only(manifests, 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/flink' });
    expect(main.env).toEqual([{ name: 'AWS_REGION', value: 'eu-west-1' }]);
    // presto falls back to the default chain (web identity) only when instance credentials are off.
    expect(conf['s3.use-instance-credentials']).toBe('false');
    expect(conf['s3.endpoint']).toBeUndefined();
    // Presto's plugin is already in plugins/ of the Kzmlabs image: nothing to enable.
    expect(main.env.map((e: any) => e.name)).not.toContain('ENABLE_BUILT_IN_PLUGINS');
  });

  test('bad bucket, region and role ARN are refused with path, field, value, why and fix', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => CheckpointStore.s3(chart, 'store', { bucket: 's3://bk1', region: 'us-east-1' }))
      .toThrow(/^\[c\/store\] bucket = "s3:\/\/bk1": S3 bucket names are 3-63 characters.*Fix: give the bare bucket name/);
    expect(() => CheckpointStore.s3(chart, 'store2', { bucket: 'bk1', region: 'US-East', irsaRoleArn: 'role/flink' }))
      .toThrow(/region = "US-East": not an AWS region code[\s\S]*irsaRoleArn = "role\/flink": not an IAM role ARN/);
  });
});

describe('CheckpointStore.s3Compatible: MinIO, Ceph, LocalStack', () => {
  test('endpoint and path-style access as Flink keys; the key pair as env vars from the Secret', () => {
    const { conf, main, manifests } = synthWith((c) => CheckpointStore.s3Compatible(c, 'store', {
      bucket: 'ckpt',
      endpoint: 'https://rgw.ceph.example.com:8443',
      region: 'default',
      credentials: S3Credentials.fromSecret(secret(c, 'ceph-keys'), { accessKeyIdKey: 'access', secretAccessKeyKey: 'secret' }),
    }));
    expect(conf['s3.endpoint']).toBe('https://rgw.ceph.example.com:8443');
    expect(conf['s3.path-style-access']).toBe('true');
    expect(conf['s3.use-instance-credentials']).toBe('false');
    expect(main.env).toEqual([
      { name: 'AWS_REGION', value: 'default' },
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'ceph-keys', key: 'access' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'ceph-keys', key: 'secret' } } },
    ]);
    // Referenced, not rendered: no Secret object and no annotation.
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    expect(only(manifests, 'ServiceAccount').metadata.annotations).toBeUndefined();
  });

  test('default Secret keys are AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; path-style can be turned off', () => {
    const { conf, main } = synthWith((c) => CheckpointStore.s3Compatible(c, 'store', {
      bucket: 'ckpt', endpoint: 'http://minio:9000', pathStyleAccess: false, credentials: S3Credentials.fromSecret(secret(c, 'minio')),
    }));
    expect(conf['s3.path-style-access']).toBe('false');
    expect(main.env.map((e: any) => e.valueFrom.secretKeyRef.key)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  });

  test('local-emulator keys go into a Secret the store owns; the FlinkDeployment only references it', () => {
    const { manifests, main, conf } = synthWith((c) => CheckpointStore.s3Compatible(c, 'store', {
      bucket: 'ckpt', endpoint: 'http://minio.storage.svc.cluster.local:9000', credentials: S3Credentials.plaintextForLocalEmulator('minioadmin', 'minioadmin-pw'),
    }));
    const s = only(manifests, 'Secret');
    expect(s.stringData).toEqual({ AWS_ACCESS_KEY_ID: 'minioadmin', AWS_SECRET_ACCESS_KEY: 'minioadmin-pw' });
    expect(s.metadata.namespace).toBe('streaming');
    expect(main.env.map((e: any) => e.valueFrom.secretKeyRef.name)).toEqual([s.metadata.name, s.metadata.name]);
    const fdJson = JSON.stringify(only(manifests, 'FlinkDeployment'));
    expect(fdJson).not.toContain('minioadmin-pw');
    expect(Object.keys(conf).filter((k) => CREDENTIAL_KEY.test(k))).toEqual([]);
  });

  test('literal keys are refused for a non-local endpoint and for AWS-issued key ids', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => CheckpointStore.s3Compatible(chart, 'store', { bucket: 'ckpt', endpoint: 'https://s3.eu-west-1.amazonaws.com', credentials: S3Credentials.plaintextForLocalEmulator('minio', 'minio123') }))
      .toThrow('[c/store] credentials = "S3Credentials.plaintextForLocalEmulator(...)": literal keys are for local emulators only, and https://s3.eu-west-1.amazonaws.com is not an in-cluster or localhost address. Fix: keep the keys in a Secret and use S3Credentials.fromSecret(secret)');
    expect(() => CheckpointStore.s3Compatible(chart, 'store2', { bucket: 'ckpt', endpoint: 'http://localhost:4566', credentials: S3Credentials.plaintextForLocalEmulator('AKIAIOSFODNN7EXAMPLE', 'x') }))
      .toThrow(/credentials = "AKIA…": this is an AWS-issued access key id/);
  });

  test('a malformed endpoint or missing credentials are refused', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => CheckpointStore.s3Compatible(chart, 'store', { bucket: 'ckpt', endpoint: 'minio:9000', credentials: S3Credentials.fromSecret(secret(chart, 'k')) }))
      .toThrow(/endpoint = "minio:9000": an S3 endpoint is http\(s\):\/\/host\[:port\]/);
    expect(() => CheckpointStore.s3Compatible(chart, 'store2', { bucket: 'ckpt', endpoint: 'http://minio:9000', credentials: undefined as any }))
      .toThrow(/credentials = \(not set\): the store needs a key pair, and keys are never written into the Flink configuration/);
  });
});

describe('GCS', () => {
  test('via S3 interop: storage.googleapis.com, path style, HMAC keys from a Secret; works with the Kzmlabs image', () => {
    const { conf, main } = synthWith((c) => CheckpointStore.gcsViaS3Interop(c, 'store', { bucket: 'gcs_bucket-1', hmacCredentials: S3Credentials.fromSecret(secret(c, 'hmac')) }));
    expect(conf['s3.endpoint']).toBe('https://storage.googleapis.com');
    expect(conf['s3.path-style-access']).toBe('true');
    expect(main.env).toEqual([
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'hmac', key: 'AWS_ACCESS_KEY_ID' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'hmac', key: 'AWS_SECRET_ACCESS_KEY' } } },
    ]);
  });

  test('native gs:// with Workload Identity: SA annotation and ENABLE_BUILT_IN_PLUGINS with the exact jar', () => {
    const { manifests, main, conf } = synthWith((c) => CheckpointStore.gcs(c, 'store', {
      bucket: 'bk1', workloadIdentityServiceAccount: 'statefun@my-project.iam.gserviceaccount.com', plugin: GcsPlugin.builtIn('2.2.1'),
    }), { image: CUSTOM_IMAGE });
    expect(only(manifests, 'ServiceAccount').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'statefun@my-project.iam.gserviceaccount.com' });
    expect(main.env).toEqual([{ name: 'ENABLE_BUILT_IN_PLUGINS', value: 'flink-gs-fs-hadoop-2.2.1.jar' }]);
    expect(only(manifests, 'FlinkDeployment').spec.image).toBe('registry.example.com/platform/statefun-gcs:3.4.0-KZM-3.5-gs');
    expect(Object.keys(conf).filter((k) => k.startsWith('gs.') || k.startsWith('s3.'))).toEqual([]);
  });

  test('a plugin baked into the image needs no env var', () => {
    const { main } = synthWith((c) => CheckpointStore.gcs(c, 'store', { bucket: 'bk1', plugin: GcsPlugin.bakedIntoImage() }), { image: CUSTOM_IMAGE });
    expect(main.env).toBeUndefined();
  });

  test('native gs:// with the Kzmlabs image is refused: it has no GCS plugin', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const store = CheckpointStore.gcs(chart, 'store', { bucket: 'bk1', plugin: GcsPlugin.builtIn('2.2.1') });
    expect(() => new StateFunApp(chart, 'app', { checkpointStore: store }))
      .toThrow('[c/app] checkpointStore = "gs://bk1": the Kzmlabs image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5 enables no GCS filesystem plugin (only presto S3, OSS and Azure), so Flink would fail to find a filesystem for gs://. Fix: build an image FROM it with flink-gs-fs-hadoop available and pass StateFunImage.fromImage(image, basedOnTag), or use CheckpointStore.gcsViaS3Interop(...) with HMAC keys');
  });

  test('an unknown plugin version, a bad bucket or service account are refused', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => CheckpointStore.gcs(chart, 'store', { bucket: 'bk1', plugin: GcsPlugin.builtIn('2.2') }))
      .toThrow(/plugin = "2.2": the plugin jar is named after the exact Flink 2.x patch release of the image \(the entrypoint exits 1 when the named jar is missing\)/);
    expect(() => CheckpointStore.gcs(chart, 'store2', { bucket: 'goog-b', workloadIdentityServiceAccount: 'statefun', plugin: GcsPlugin.bakedIntoImage() }))
      .toThrow(/bucket = "goog-b": GCS bucket names[\s\S]*workloadIdentityServiceAccount = "statefun": not a Google service account email/);
    expect(() => CheckpointStore.gcs(chart, 'store3', { bucket: 'bk1', plugin: undefined as any }))
      .toThrow(/plugin = \(not set\): no Flink image the library knows has the GCS plugin enabled/);
  });
});

describe('Azure Blob / ADLS Gen2', () => {
  test('account key from a Secret: EnvironmentVariableKeyProvider scoped to the account, AZURE_STORAGE_KEY from the Secret', () => {
    const { conf, main } = synthWith((c) => CheckpointStore.azure(c, 'store', { account: 'acct1', container: 'ckpt', credentials: AzureCredentials.accountKeyFromSecret(secret(c, 'az'), 'key1') }));
    expect(Object.keys(conf).filter((k) => k.startsWith('fs.azure'))).toEqual(['fs.azure.account.keyprovider.acct1.dfs.core.windows.net']);
    expect(conf['fs.azure.account.keyprovider.acct1.dfs.core.windows.net']).toBe('org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider');
    expect(main.env).toEqual([{ name: 'AZURE_STORAGE_KEY', valueFrom: { secretKeyRef: { name: 'az', key: 'key1' } } }]);
  });

  test('Workload Identity: client-id annotation, webhook pod label, account-scoped OAuth keys without prefix overlaps', () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    const tenantId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const { manifests, conf, main } = synthWith((c) => CheckpointStore.azure(c, 'store', {
      account: 'acct1', container: 'ckpt', credentials: AzureCredentials.workloadIdentity({ clientId, tenantId }),
    }), { image: CUSTOM_IMAGE, operatorVersion: OperatorVersion.V1_15 });
    expectValidManifests(manifests, '1.15');
    expect(only(manifests, 'ServiceAccount').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': clientId, 'azure.workload.identity/tenant-id': tenantId });
    expect(only(manifests, 'FlinkDeployment').spec.podTemplate.metadata.labels['azure.workload.identity/use']).toBe('true');
    const host = 'acct1.dfs.core.windows.net';
    expect(conf[`fs.azure.account.auth.type.${host}`]).toBe('OAuth');
    expect(conf[`fs.azure.account.oauth.provider.type.${host}`]).toBe('org.apache.hadoop.fs.azurebfs.oauth2.WorkloadIdentityTokenProvider');
    expect(conf[`fs.azure.account.oauth2.client.id.${host}`]).toBe(clientId);
    expect(conf[`fs.azure.account.oauth2.msi.tenant.${host}`]).toBe(tenantId);
    expect(conf[`fs.azure.account.oauth2.token.file.${host}`]).toBe('/var/run/secrets/azure/tokens/azure-identity-token');
    const keys = Object.keys(conf);
    for (const k of keys) expect(keys.filter((o) => o.startsWith(`${k}.`))).toEqual([]);
    expect(main.env).toBeUndefined();
  });

  test('Workload Identity with the Kzmlabs image, or over wasbs://, is refused', () => {
    const ids = { clientId: '11111111-2222-3333-4444-555555555555', tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' };
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const store = CheckpointStore.azure(chart, 'store', { account: 'acct1', container: 'ckpt', credentials: AzureCredentials.workloadIdentity(ids) });
    expect(() => new StateFunApp(chart, 'app', { checkpointStore: store }))
      .toThrow(/^\[c\/app\] checkpointStore = "abfss:\/\/ckpt@acct1.dfs.core.windows.net \(Workload Identity\)": the Azure plugin of ghcr.io\/kzmlabs\/flink-statefun:3.4.0-KZM-3.5 bundles a Hadoop older than 3.4.1.*Fix: use AzureCredentials.accountKeyFromSecret\(secret\)/);
    expect(() => CheckpointStore.azure(chart, 'store2', { account: 'acct1', container: 'ckpt', protocol: AzureStorageProtocol.WASBS, credentials: AzureCredentials.workloadIdentity(ids) }))
      .toThrow(/protocol = "wasbs": the legacy WASB driver has no OAuth/);
    expect(() => CheckpointStore.azure(chart, 'store3', { account: 'Acct.blob.core.windows.net', container: 'c', credentials: AzureCredentials.workloadIdentity({ clientId: 'x', tenantId: ids.tenantId }) }))
      .toThrow(/account = "Acct.blob.core.windows.net": storage account names[\s\S]*container = "c": container names[\s\S]*credentials.clientId = "x": the client id/);
  });
});

describe('identity by reference only', () => {
  test('an existing ServiceAccount cannot carry a store identity: refused with the annotation to add', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const store = CheckpointStore.s3(chart, 'store', { bucket: 'bk1', region: 'us-east-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/flink' });
    const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'flink');
    expect(() => new StateFunApp(chart, 'app', { checkpointStore: store, serviceAccount: sa }))
      .toThrow(/serviceAccount = "flink": the checkpoint store's workload identity needs the annotation eks.amazonaws.com\/role-arn=arn:aws:iam::123456789012:role\/flink/);
  });

  test('an env var the store sets cannot be set again with another value', () => {
    const { app } = secureApp();
    app.addFlinkEnvironment('AWS_REGION', kplus.EnvValue.fromValue('eu-central-1'));
    expect(() => app.addFlinkEnvironment('AWS_REGION', kplus.EnvValue.fromValue('us-east-1')))
      .toThrow('[pipeline/orders] env AWS_REGION = "value \\"us-east-1\\"": the checkpoint store pipeline/store already sets it to value "eu-central-1"; two values for one variable would silently override each other. Fix: take both from the same source (the same Secret and key, or the same value)');
  });
});
