// Paths of the resources the console uses, and of the VM and VMI action subresources.
export const paths = {
  namespaces: () => '/api/v1/namespaces',
  vms: (ns?: string) => (ns ? `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines` : '/apis/kubevirt.io/v1/virtualmachines'),
  vmis: (ns?: string) => (ns ? `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances` : '/apis/kubevirt.io/v1/virtualmachineinstances'),
  vmims: (ns?: string) =>
    ns ? `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstancemigrations` : '/apis/kubevirt.io/v1/virtualmachineinstancemigrations',
  vmim: (ns: string, name: string) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstancemigrations/${name}`,
  pods: (ns: string, labelSelector?: string) =>
    `/api/v1/namespaces/${ns}/pods${labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : ''}`,
  vmAction: (ns: string, name: string, action: string) => `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}/${action}`,
  vmiAction: (ns: string, name: string, action: string) => `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}/${action}`,
  /** The common (base) VM templates of every namespace, as the catalog shows them. */
  baseTemplates: () => `/apis/template.openshift.io/v1/templates?labelSelector=${encodeURIComponent('template.kubevirt.io/type=base')}`,
  processedTemplates: (ns: string) => `/apis/template.openshift.io/v1/namespaces/${ns}/processedtemplates`,
  dataSources: () => '/apis/cdi.kubevirt.io/v1beta1/datasources',
  storageClasses: () => '/apis/storage.k8s.io/v1/storageclasses',
  pvcs: () => '/api/v1/persistentvolumeclaims',
  nads: (ns: string) => `/apis/k8s.cni.cncf.io/v1/namespaces/${ns}/network-attachment-definitions`,
  vm: (ns: string, name: string) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}`,
  nodes: () => '/api/v1/nodes',
  pod: (ns: string, name: string) => `/api/v1/namespaces/${ns}/pods/${name}`,
  dataVolume: (ns: string, name: string) => `/apis/cdi.kubevirt.io/v1beta1/namespaces/${ns}/datavolumes/${name}`,
  secrets: (ns: string) => `/api/v1/namespaces/${ns}/secrets`,
  events: (ns: string) => `/api/v1/namespaces/${ns}/events`,
  vmsnapshots: (ns: string) => `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinesnapshots`,
  vmsnapshot: (ns: string, name: string) => `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinesnapshots/${name}`,
  vmrestores: (ns: string) => `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinerestores`,
  /** Discovery of an apiVersion (`v1` or `group/version`). */
  discovery: (apiVersion: string) => (apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`),
};

export const key = (o: { metadata: { namespace?: string; name: string } }): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
