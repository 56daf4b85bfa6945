import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { importKafkaSecurity, secretVariable } from '../lib/cli/import-kafka';
import { KafkaSaslMechanism, KafkaSecurity } from '../lib/kafka-security';
import { PodFile } from '../lib/pod-files';

const chart = new Chart(Testing.app(), 'c');
const scram = kplus.Secret.fromSecretName(chart, 's', 'kafka-user');

describe('importKafkaSecurity: the inverse of KafkaSecurity', () => {
  test.each([
    ['SASL_SSL with a password', KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_256, username: 'app', password: PodFile.fromSecret(scram, 'password') }),
      "KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_256, username: 'app', password: PodFile.fromSecret(kafkaUserSecret, 'password') })"],
    ['SASL_PLAINTEXT with a JAAS line', KafkaSecurity.saslPlaintext({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, jaasConfig: PodFile.fromSecret(scram, 'sasl.jaas.config') }),
      "KafkaSecurity.saslPlaintext({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, jaasConfig: PodFile.fromSecret(kafkaUserSecret, 'sasl.jaas.config') })"],
    ['SSL with the JVM trust store', KafkaSecurity.ssl(), 'KafkaSecurity.ssl()'],
  ])('%s', (_name, security, code) => {
    const r = importKafkaSecurity({ ...security._properties(), 'linger.ms': '20' });
    expect(r?.code).toBe(code);
    expect(r?.properties).toEqual({ 'linger.ms': '20' });
    expect(r?.secrets).toEqual(code.includes('PodFile') ? ['kafka-user'] : []);
  });

  test('only the security keys: no properties left', () => {
    const security = KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.PLAIN, username: 'app', password: PodFile.fromSecret(scram, 'password') });
    expect(importKafkaSecurity(security._properties())?.properties).toBeUndefined();
  });

  test.each([
    ['no security', { 'linger.ms': '20' }],
    ['no properties', undefined],
    ['a trust store', { ...KafkaSecurity.ssl()._properties(), 'ssl.truststore.type': 'PEM', 'ssl.truststore.location': '/opt/flink-secrets/ca/ca.crt' }],
    ['a password in plain text', { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'PLAIN', 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b";' }],
    ['a placeholder outside the Secret layout', { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'PLAIN', 'sasl.jaas.config': '${dir:/etc/kafka:jaas}', 'config.providers': 'dir' }],
    ['no allowed.paths hardening', (() => {
      const p = KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.PLAIN, username: 'app', password: PodFile.fromSecret(scram, 'password') })._properties();
      delete p['config.providers.dir.param.allowed.paths'];
      return p;
    })()],
    ['an unknown mechanism', { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'GSSAPI' }],
  ])('left in the properties: %s', (_name, properties) => {
    expect(importKafkaSecurity(properties as any)).toBeUndefined();
  });

  test('Secret variable names', () => {
    expect(secretVariable('payments-msk-scram')).toBe('paymentsMskScramSecret');
    expect(secretVariable('9lives')).toBe('_9livesSecret');
  });
});
