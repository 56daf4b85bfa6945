/* Test model of apache/flink-kubernetes-operator FlinkUtils.mergePodTemplates (flink-runtime-facts.md §7). */
/**
 * The operator's pod-template merge (`FlinkUtils.mergePodTemplates`): objects recursively, scalars of the
 * component win, arrays by position (element i deep-merged into element i, surplus appended) or, with
 * `merge-arrays-by-name` and names on every element, by name.
 */
export function mergePodTemplates(common: any, component: any, byName = false): any {
  if (component === undefined) return common;
  if (common === undefined) return component;
  if (Array.isArray(common) && Array.isArray(component)) {
    if (byName && [...common, ...component].every((e) => e && typeof e === 'object' && 'name' in e)) {
      const out = common.map((c: any) => {
        const m = component.find((x: any) => x.name === c.name);
        return m ? mergePodTemplates(c, m, byName) : c;
      });
      for (const x of component) if (!common.some((c: any) => c.name === x.name)) out.push(x);
      return out;
    }
    const out = common.map((c: any, i: number) => (i < component.length ? mergePodTemplates(c, component[i], byName) : c));
    for (let i = common.length; i < component.length; i++) out.push(component[i]);
    return out;
  }
  if (common && typeof common === 'object' && component && typeof component === 'object') {
    const out: any = { ...common };
    for (const k of Object.keys(component)) out[k] = mergePodTemplates(common[k], component[k], byName);
    return out;
  }
  return component;
}

