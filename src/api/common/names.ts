// Name rules shared by every kind. Each checker returns the broken rules as messages (empty when the
// name is fine), so callers can attach them to whichever field path they are checking.

const DNS_LABEL_MAX = 63;
const DNS_SUBDOMAIN_MAX = 253;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// The OpenShift Virtualization rule for VM names: no periods (the name becomes the guest hostname).
const VM_NAME = LABEL;
// The OpenShift Virtualization rule for disk names: periods allowed, only the ends must be alphanumeric.
const DISK_NAME = /^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

function check(name: string, max: number, re: RegExp, rule: string): string[] {
  const errs: string[] = [];
  if (name.length === 0) return [`must not be empty: ${rule}`];
  if (name.length > max) errs.push(`must be no more than ${max} characters (got ${name.length}): ${rule}`);
  if (!re.test(name)) errs.push(`"${name}" is invalid: ${rule}`);
  return errs;
}

/**
 * A Kubernetes DNS-1123 subdomain, the rule for metadata.name of most kinds (ConfigMap names such as
 * `kube-root-ca.crt` have periods, so they are allowed here).
 */
export function validateDnsSubdomainName(name: string): string[] {
  return check(
    name,
    DNS_SUBDOMAIN_MAX,
    SUBDOMAIN,
    `a name may contain only lower-case letters (a-z), digits (0-9), hyphens (-) and periods (.), must start and end with an alphanumeric character (so must each period-separated part), and may be at most ${DNS_SUBDOMAIN_MAX} characters long`,
  );
}

/** A Kubernetes DNS-1123 label (hostnames, namespaces). */
export function validateDnsLabel(name: string): string[] {
  return check(
    name,
    DNS_LABEL_MAX,
    LABEL,
    `a DNS label may contain only lower-case letters (a-z), digits (0-9) and hyphens (-), must start and end with an alphanumeric character, and may be at most ${DNS_LABEL_MAX} characters long`,
  );
}

/** The name of a VirtualMachine or VirtualMachineInstance, as the OpenShift Virtualization wizard states it. */
export function validateVmName(name: string): string[] {
  return check(
    name,
    DNS_SUBDOMAIN_MAX,
    VM_NAME,
    `a virtual machine name may contain only lower-case letters (a-z), digits (0-9) and hyphens (-), must start and end with an alphanumeric character, and may be at most ${DNS_SUBDOMAIN_MAX} characters long; upper-case letters, spaces, periods (.) and other special characters are not allowed`,
  );
}

/** The name of a disk (and so of its volume), which unlike a VM name may contain periods. */
export function validateDiskName(name: string): string[] {
  return check(
    name,
    DNS_SUBDOMAIN_MAX,
    DISK_NAME,
    `a disk name may contain only lower-case letters (a-z), digits (0-9), hyphens (-) and periods (.), must start and end with an alphanumeric character, and may be at most ${DNS_SUBDOMAIN_MAX} characters long; upper-case letters, spaces and other special characters are not allowed`,
  );
}
