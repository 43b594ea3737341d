// Paths of the resources the console uses, and of the VM and VMI action subresources.
export const paths = {
  namespaces: () => '/api/v1/namespaces',
  vms: (ns?: string) => (ns ? `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines` : '/apis/kubevirt.io/v1/virtualmachines'),
  vmis: (ns?: string) => (ns ? `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances` : '/apis/kubevirt.io/v1/virtualmachineinstances'),
  pods: (ns: string, labelSelector?: string) =>
    `/api/v1/namespaces/${ns}/pods${labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : ''}`,
  vmAction: (ns: string, name: string, action: string) => `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}/${action}`,
  vmiAction: (ns: string, name: string, action: string) => `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}/${action}`,
};

export const key = (o: { metadata: { namespace?: string; name: string } }): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
