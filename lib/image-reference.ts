/**
 * Rewrites an image reference onto a registry mirror: the registry host (if any) is replaced by the
 * mirror, the canonical repository path and the tag or digest are kept (`ghcr.io/kzmlabs/flink-statefun:1`
 * → `mirror.example.com/proxy/kzmlabs/flink-statefun:1`; Docker Hub `my-org/fn:1` → `mirror…/my-org/fn:1`).
 * Docker Hub official images get their canonical `library/` path (`nginx:1` → `mirror…/library/nginx:1`),
 * which is what pull-through caches (Harbor, Artifactory, Nexus) expect. Images already on the mirror
 * are left as they are, so applying the mirror twice changes nothing.
 * @internal
 */
export function mirrorImage(image: string, registry: string | undefined): string {
  if (!registry) return image;
  const mirror = registry.replace(/\/+$/, '');
  if (image.startsWith(`${mirror}/`)) return image;
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasRegistryHost = first.includes('.') || first.includes(':') || first === 'localhost';
  let path = hasRegistryHost ? image.slice(slash + 1) : image;
  const dockerHub = !hasRegistryHost || first === 'docker.io' || first === 'index.docker.io' || first === 'registry-1.docker.io';
  if (dockerHub && !path.includes('/')) path = `library/${path}`;
  return `${mirror}/${path}`;
}

/** A registry mirror prefix: host[:port][/path], no scheme, no tag. @internal */
export function isValidRegistryPrefix(registry: string): boolean {
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?(\/[a-z0-9._-]+)*\/?$/.test(registry);
}

/** An image reference as Kubernetes accepts it: repository[:tag][@digest], lower-case repository. @internal */
export function isValidImageReference(image: string): boolean {
  return /^[a-z0-9]([a-z0-9._:/-]*[a-z0-9])?(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/.test(image)
    && !image.includes('//');
}
