/** The pod-template family: effective JobManager/TaskManager templates merged as the operator merges them. */
import { Testing } from 'cdk8s';
import { guideApp, one } from './support/fixtures';
import { Manifest } from '../lib/rules/finding';
import { effectivePodTemplates, podTemplateRule } from '../lib/rules/pod-template';

function rendered(): any[] {
  return Testing.synth(guideApp().chart);
}

/** The findings on the FlinkDeployment of `manifests`, one line each. */
function run(manifests: Manifest[]): string[] {
  return podTemplateRule(manifests, { operatorVersion: '1.15' }).map((f) => `${f.field} = ${JSON.stringify(f.value)}: ${f.why}. Fix: ${f.fix}`);
}

function withDeployment(mutate: (d: any) => void): Manifest[] {
  const manifests = rendered();
  mutate(one(manifests, 'FlinkDeployment'));
  return manifests;
}

const SIDECAR = { name: 'log-shipper', image: 'fluent/fluent-bit:3.0.0' };
const HARDENING_FIX = 'remove it; if the pods really need it, opt out by name: annotate the FlinkDeployment with cdk8s-statefun/pod-security-opt-out: "<reason>" (app.flinkDeployment.metadata.addAnnotation(...))';

describe('the operator merge', () => {
  const common = { spec: { containers: [{ name: 'flink-main-container', image: 'a', args: ['x', 'y'] }], volumes: [{ name: 'v1', emptyDir: {} }] } };

  test('by position: element i into element i, surplus appended, scalars of scalar arrays kept', () => {
    const [, tm] = effectivePodTemplates({ podTemplate: common, taskManager: { podTemplate: { spec: { containers: [{ name: 'side', args: ['z'] }, { name: 'more' }] } } } }, false);
    expect(tm.template.spec.containers).toEqual([{ name: 'side', image: 'a', args: ['x', 'y'] }, { name: 'more' }]);
  });

  test('by name when every element of both arrays has a name: matching names merge, new ones are appended', () => {
    const [jm, tm] = effectivePodTemplates({ podTemplate: common, taskManager: { podTemplate: { spec: { containers: [{ name: 'side' }, { name: 'flink-main-container', image: 'b' }] } } } }, true);
    expect(tm.template.spec.containers).toEqual([{ name: 'flink-main-container', image: 'b', args: ['x', 'y'] }, { name: 'side' }]);
    expect(jm.template).toEqual(common);
  });

  test('by position after all when an element has no name', () => {
    const [, tm] = effectivePodTemplates({ podTemplate: common, taskManager: { podTemplate: { spec: { containers: [{ image: 'c' }] } } } }, true);
    expect(tm.template.spec.containers).toEqual([{ name: 'flink-main-container', image: 'c', args: ['x', 'y'] }]);
  });

  test('without a common template the component template is used as is', () => {
    const [jm, tm] = effectivePodTemplates({ taskManager: { podTemplate: { spec: { containers: [{ name: 'x' }] } } } }, false);
    expect(jm.template).toEqual({});
    expect(tm.template).toEqual({ spec: { containers: [{ name: 'x' }] } });
  });
});

describe('pod-template rules', () => {
  test('what the library renders passes', () => {
    expect(run(rendered())).toEqual([]);
  });

  test('a TaskManager sidecar listed first renames the main container (the issue example)', () => {
    const manifests = withDeployment((d) => {
      d.spec.taskManager.podTemplate = { spec: { containers: [SIDECAR] } };
    });
    expect(run(manifests)).toEqual([
      'spec.taskManager.podTemplate.spec.containers[0].name = "log-shipper": the operator merges pod-template arrays by position (kubernetes.operator.pod-template.merge-arrays-by-name is not "true"), so this container is merged into flink-main-container of spec.podTemplate and renames it: the TaskManager pods have no flink-main-container; Flink then adds a bare main container without the module mount, the environment and the hardening, and the job fails without its module. Fix: list flink-main-container at position 0 of this containers array (only the fields to change), or set flinkConfiguration \'kubernetes.operator.pod-template.merge-arrays-by-name\': \'true\' and name every container and volume',
    ]);
  });

  test('the same sidecar is fine after the main container, or merged by name', () => {
    expect(run(withDeployment((d) => {
      d.spec.taskManager.podTemplate = { spec: { containers: [{ name: 'flink-main-container' }, SIDECAR] } };
    }))).toEqual([]);
    expect(run(withDeployment((d) => {
      d.spec.flinkConfiguration['kubernetes.operator.pod-template.merge-arrays-by-name'] = 'true';
      d.spec.taskManager.podTemplate = { spec: { containers: [SIDECAR] } };
    }))).toEqual([]);
  });

  test('the main container removed from the common template', () => {
    expect(run(withDeployment((d) => {
      d.spec.podTemplate.spec.containers[0].name = 'main';
    }))).toEqual([
      'spec.podTemplate.spec.containers = ["main"]: no container named flink-main-container in the JobManager and TaskManager pod template; Flink then adds a bare main container without the module mount, the environment and the hardening, and the job fails without its module. Fix: keep the flink-main-container container the library renders in spec.podTemplate',
    ]);
  });

  test('the module mount removed, moved, or pointing at a missing volume', () => {
    expect(run(withDeployment((d) => {
      d.spec.podTemplate.spec.containers[0].volumeMounts[0].mountPath = '/opt/module';
    }))).toEqual([
      'spec.podTemplate.spec.containers[0].volumeMounts = ["/opt/module"]: flink-main-container of the JobManager and TaskManager pods does not mount the module at /opt/statefun/module.yaml (statefun.remote.module-name): StateFun finds no module and the job fails at startup ("There are no ingress defined."). Fix: keep the module mount the library renders (do not patch or merge it away)',
    ]);
    expect(run(withDeployment((d) => {
      d.spec.podTemplate.spec.volumes[0].name = 'renamed';
    }))).toEqual([
      'spec.podTemplate.spec.containers[0].volumeMounts[0].name = "statefun-module": the module mount of the JobManager and TaskManager pods names a volume the pod template does not have: the pods are not created. Fix: keep the statefun-module volume the library renders',
    ]);
  });

  test('for YAML the library did not write, the module is found through statefun.remote.module-name', () => {
    expect(run(withDeployment((d) => {
      d.spec.flinkConfiguration['statefun.remote.module-name'] = 'file:///etc/statefun/module.yaml';
      d.spec.podTemplate.spec.volumes[0].name = 'mod';
      d.spec.podTemplate.spec.containers[0].volumeMounts = [{ name: 'mod', mountPath: '/etc/statefun', readOnly: true }];
    }))).toEqual([]);
  });

  test('nothing at or under /opt/flink/conf (or the configured conf dir)', () => {
    expect(run(withDeployment((d) => {
      d.spec.flinkConfiguration['kubernetes.flink.conf.dir'] = '/etc/flink';
      d.spec.podTemplate.spec.containers[0].volumeMounts.push({ name: 'extra', mountPath: '/etc/flink' });
      d.spec.podTemplate.spec.volumes.push({ name: 'extra', emptyDir: {} });
    }))).toEqual([
      'spec.podTemplate.spec.containers[0].volumeMounts[1].mountPath = "/etc/flink": Flink mounts its configuration (ConfigMap flink-config-<name>: config.yaml and the logging files) at /etc/flink in flink-main-container; a volume at or under it in the JobManager and TaskManager pods hides or clashes with that mount, so Flink runs without its configuration or the pod is not created. Fix: mount it elsewhere (e.g. /opt/flink/extra) and point Flink at it with a typed prop or a flinkConfiguration key',
    ]);
    // Merged by position, the JobManager's first mount also replaces the module mount.
    expect(run(withDeployment((d) => {
      d.spec.jobManager.podTemplate = { spec: { containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'extra', mountPath: '/opt/flink/conf/extra' }] }], volumes: [{ name: 'extra', emptyDir: {} }] } };
    }))).toEqual([
      'spec.podTemplate.spec.containers[0].volumeMounts = ["/opt/flink/conf/extra"]: flink-main-container of the JobManager pods does not mount the module at /opt/statefun/module.yaml (statefun.remote.module-name): StateFun finds no module and the job fails at startup ("There are no ingress defined."). Fix: keep the module mount the library renders (do not patch or merge it away)',
      'spec.jobManager.podTemplate.spec.containers[0].volumeMounts[0].mountPath = "/opt/flink/conf/extra": Flink mounts its configuration (ConfigMap flink-config-<name>: config.yaml and the logging files) at /opt/flink/conf in flink-main-container; a volume at or under it in the JobManager pods hides or clashes with that mount, so Flink runs without its configuration or the pod is not created. Fix: mount it elsewhere (e.g. /opt/flink/extra) and point Flink at it with a typed prop or a flinkConfiguration key',
    ]);
  });

  test('the module hash annotation: present, and the hash of the mounted module', () => {
    expect(run(withDeployment((d) => {
      delete d.spec.podTemplate.metadata.annotations;
    }))).toEqual([
      "spec.podTemplate.metadata.annotations['cdk8s-statefun/module-sha256'] = undefined: without the module's hash in the JobManager and TaskManager pod template a changed module.yaml does not change the FlinkDeployment spec: the operator does not restart the job and the pods keep running the old module. Fix: keep the annotation the library writes (do not patch the pod-template metadata)",
    ]);
    const manifests = rendered();
    const cm = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'my-statefun-module');
    cm.data['module.yaml'] += '\n# changed\n';
    const lines = run(manifests);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^spec\.podTemplate\.metadata\.annotations\['cdk8s-statefun\/module-sha256'\] = "[0-9a-f]{64}": not the SHA-256 of module\.yaml in ConfigMap my-statefun-module \([0-9a-f]{64}\): a module change would not restart the JobManager and TaskManager pods\. Fix: /);
  });

  test('hardening undone by a component template, and the named opt-out', () => {
    const undo = (d: any) => {
      d.spec.taskManager.podTemplate = {
        spec: {
          securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } },
          containers: [{ name: 'flink-main-container', securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: [], add: ['NET_ADMIN'] } } }, { name: 'debug', securityContext: { privileged: true, runAsUser: 0 } }],
        },
      };
    };
    expect(run(withDeployment(undo))).toEqual([
      `spec.taskManager.podTemplate.spec.securityContext.runAsNonRoot = false: the TaskManager pods would no longer be required to run as a non-root user (the library sets runAsNonRoot: true; the Flink image runs as uid 9999). Fix: ${HARDENING_FIX}`,
      `spec.taskManager.podTemplate.spec.securityContext.seccompProfile.type = "Unconfined": the TaskManager pods would run without a seccomp profile (the library sets RuntimeDefault, what the restricted Pod Security Standard requires). Fix: ${HARDENING_FIX}`,
      `spec.taskManager.podTemplate.spec.containers[0].securityContext.capabilities.add = ["NET_ADMIN"]: container flink-main-container of the TaskManager pods would gain Linux capabilities (the library drops all). Fix: ${HARDENING_FIX}`,
      `spec.taskManager.podTemplate.spec.containers[0].securityContext.allowPrivilegeEscalation = true: container flink-main-container of the TaskManager pods would allow privilege escalation (the library sets allowPrivilegeEscalation: false). Fix: ${HARDENING_FIX}`,
      `spec.taskManager.podTemplate.spec.containers[1].securityContext.privileged = true: container debug of the TaskManager pods would run privileged (full access to the node). Fix: ${HARDENING_FIX}`,
      `spec.taskManager.podTemplate.spec.containers[1].securityContext.runAsUser = 0: container debug of the TaskManager pods would run as root. Fix: ${HARDENING_FIX}`,
    ]);
    expect(run(withDeployment((d) => {
      undo(d);
      d.metadata.annotations = { 'cdk8s-statefun/pod-security-opt-out': 'debug container for incident 4711' };
    }))).toEqual([]);
    // An empty reason is no opt-out.
    expect(run(withDeployment((d) => {
      undo(d);
      d.metadata.annotations = { 'cdk8s-statefun/pod-security-opt-out': ' ' };
    }))).toHaveLength(6);
  });

  test('the main container keeps dropping ALL capabilities (an empty array merged by position changes nothing)', () => {
    expect(run(withDeployment((d) => {
      d.spec.taskManager.podTemplate = { spec: { containers: [{ name: 'flink-main-container', securityContext: { capabilities: { drop: [] } } }] } };
    }))).toEqual([]);
    expect(run(withDeployment((d) => {
      d.spec.podTemplate.spec.containers[0].securityContext.capabilities.drop = ['NET_RAW'];
    }))).toEqual([
      `spec.podTemplate.spec.containers[0].securityContext.capabilities.drop = ["NET_RAW"]: container flink-main-container of the JobManager and TaskManager pods would keep the runtime's default Linux capabilities (the library drops ALL). Fix: ${HARDENING_FIX}`,
    ]);
  });
});
