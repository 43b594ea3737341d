// Virtual machines stay out of the platform's own namespaces, as the OpenShift Virtualization
// documentation warns ("do not create virtual machines in openshift-* namespaces").
import type { FieldError } from '../../machinery/kind.ts';
import { forbidden } from '../common/field-error.ts';

const RESERVED_PREFIXES = ['openshift-', 'kube-', 'vireo-'];

export function isReservedNamespace(ns: string): boolean {
  return RESERVED_PREFIXES.some((p) => ns.startsWith(p));
}

export function validateNotReservedNamespace(namespace: string | undefined): FieldError[] {
  if (namespace === undefined || !isReservedNamespace(namespace)) return [];
  return [
    forbidden(
      'metadata.namespace',
      `virtual machines may not be created in the reserved namespace "${namespace}": create a namespace without the openshift-/kube-/vireo- prefix, as the OpenShift Virtualization documentation warns`,
    ),
  ];
}
