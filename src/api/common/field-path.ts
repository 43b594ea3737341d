// Dotted field paths as Kubernetes prints them (`spec.template.spec.domain.devices.disks[2].name`).

/** Joins path parts, skipping empty ones, so a rule can be written once under any prefix. */
export function fieldPath(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join('.');
}

/** `path[i]` */
export function indexPath(path: string, i: number): string {
  return `${path}[${i}]`;
}
