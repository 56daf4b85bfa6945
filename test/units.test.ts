import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { cpuCores, renderDuration, renderFlinkMemory, renderQuantity } from '../lib/units';

describe('unit rendering', () => {
  test.each([
    [Duration.millis(0), '0ms'],
    [Duration.millis(250), '250ms'],
    [Duration.seconds(90), '90s'],
    [Duration.minutes(15), '15min'],
    [Duration.hours(2), '2h'],
    [Duration.days(1), '1d'],
    [Duration.millis(1500), '1500ms'],
  ])('a Duration renders in Flink TimeUtils syntax, the largest exact unit: %s', (d, text) => {
    expect(renderDuration(d)).toBe(text);
  });

  test('Flink memory sizes are binary: 2048m is 2 GiB, not milli', () => {
    expect(renderFlinkMemory(Size.gibibytes(2))).toBe('2048m');
    expect(renderFlinkMemory(Size.kibibytes(1536))).toBe('1536k');
  });

  test('Kubernetes quantities use the largest exact binary unit', () => {
    expect(renderQuantity(Size.mebibytes(512))).toBe('512Mi');
    expect(renderQuantity(Size.gibibytes(2))).toBe('2Gi');
  });

  test('CPU in cores as the FlinkDeployment wants a number', () => {
    expect(cpuCores(Cpu.millis(500))).toBe(0.5);
    expect(cpuCores(Cpu.units(2))).toBe(2);
  });
});
