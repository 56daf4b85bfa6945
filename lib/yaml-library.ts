/**
 * The `yaml` package, loaded when first used: reading and writing YAML happen at synth or on an import,
 * never when the package is loaded, and its ~70 modules add about 15 ms to `require('cdk8s-statefun')`.
 * @internal
 */
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/** The `yaml` package (eemeli/yaml), required on first call. @internal */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('yaml') as typeof Yaml);
}
