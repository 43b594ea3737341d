// API paths of the KubeVirt subresources the CLI calls.
import { resourcePath } from '../client/client.ts';

const SUB = { group: 'subresources.kubevirt.io', version: 'v1', namespaced: true } as const;

export const vmSubresource = (ns: string, name: string, sub: string): string =>
  resourcePath({ ...SUB, plural: 'virtualmachines' }, ns, name, sub);

export const vmiSubresource = (ns: string, name: string, sub: string): string =>
  resourcePath({ ...SUB, plural: 'virtualmachineinstances' }, ns, name, sub);
