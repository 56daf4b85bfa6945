import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PassMemo } from './synth-pass';
// Type-only: the generated binding (~4.8 MB of compiled JS) is never loaded at runtime.
import type { FlinkDeploymentProps } from '../imports/flink.apache.org';

/**
 * The FlinkDeployment as an ApiObject, typed against the binding generated from the operator CRD.
 * The binding's only runtime job for the fields the library writes is renaming `jarUri` to the wire
 * name `jarURI`. It is done here on the props, before rendering, so loading the library does not pay
 * for the binding and a JSON patch on `/spec/job/jarURI` applies to the field as written (a rename
 * after the patches would silently overwrite it).
 * @internal
 */
export class FlinkDeploymentObject extends ApiObject {
  /** One synth call asks for it several times (the app's checks in both validation passes, the gate). */
  private readonly unpatched = new PassMemo<any>();

  constructor(scope: Construct, id: string, props: FlinkDeploymentProps) {
    super(scope, id, { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', ...wireNames(props) });
  }

  /**
   * The object as the props render it, without the JSON patches: what the app's own checks (by prop
   * name) look at; the last gate checks the patched object and reports only what the patches changed.
   * Readers must not modify it: within one synth call every caller gets the same object.
   */
  public _renderUnpatched(): any {
    return this.unpatched.get(() => this.renderUnpatched());
  }

  private renderUnpatched(): any {
    // cdk8s keeps the patches in a private array, applied by ApiObject.toJson.
    const patches = (this as unknown as { patches: unknown[] }).patches;
    const saved = patches.splice(0, patches.length);
    try {
      // The prototype's: during a synth the gate may have put its (patched) rendering on the instance.
      return ApiObject.prototype.toJson.call(this);
    } finally {
      patches.push(...saved);
    }
  }
}

function wireNames(props: FlinkDeploymentProps): Record<string, unknown> {
  const job = props.spec?.job as Record<string, unknown> | undefined;
  if (!job || !Object.prototype.hasOwnProperty.call(job, 'jarUri')) return props as unknown as Record<string, unknown>;
  const renamed: Record<string, unknown> = { ...job, jarURI: job.jarUri };
  delete renamed.jarUri;
  const sorted = Object.fromEntries(Object.keys(renamed).sort().map((k) => [k, renamed[k]]));
  return { ...props, spec: { ...props.spec, job: sorted } };
}
