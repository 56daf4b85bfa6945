import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
// Type-only: the generated binding (~4.8 MB of compiled JS) is never loaded at runtime.
import type { FlinkDeploymentProps } from '../imports/flink.apache.org';

/**
 * The FlinkDeployment as an ApiObject, typed against the binding generated from the operator CRD.
 * The binding's only runtime job for the fields the library writes is renaming `jarUri` to the wire
 * name `jarURI`, which is done here, so loading the library does not pay for the binding.
 * @internal
 */
export class FlinkDeploymentObject extends ApiObject {
  constructor(scope: Construct, id: string, props: FlinkDeploymentProps) {
    super(scope, id, { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', ...props });
  }

  public toJson(): any {
    const json = super.toJson();
    const job = json?.spec?.job;
    if (job && Object.prototype.hasOwnProperty.call(job, 'jarUri')) {
      const renamed: Record<string, unknown> = { ...job, jarURI: job.jarUri };
      delete renamed.jarUri;
      json.spec.job = Object.fromEntries(Object.keys(renamed).sort().map((k) => [k, renamed[k]]));
    }
    return json;
  }
}
