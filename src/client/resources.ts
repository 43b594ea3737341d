// Resource references for the kinds Vireo's own processes read and write.
import type { ResourceRef } from './client.ts';

const core = (plural: string, namespaced = true): ResourceRef => ({ group: '', version: 'v1', plural, namespaced });

export const R = {
  namespaces: core('namespaces', false),
  nodes: core('nodes', false),
  pods: core('pods'),
  secrets: core('secrets'),
  configmaps: core('configmaps'),
  controllerrevisions: { group: 'apps', version: 'v1', plural: 'controllerrevisions', namespaced: true },
  events: core('events'),
  pvcs: core('persistentvolumeclaims'),
  pvs: core('persistentvolumes', false),
  services: core('services'),
  resourcequotas: core('resourcequotas'),
  storageclasses: { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', namespaced: false },
  vms: { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', namespaced: true },
  vmis: { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachineinstances', namespaced: true },
  vmims: { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachineinstancemigrations', namespaced: true },
  datavolumes: { group: 'cdi.kubevirt.io', version: 'v1beta1', plural: 'datavolumes', namespaced: true },
  datasources: { group: 'cdi.kubevirt.io', version: 'v1beta1', plural: 'datasources', namespaced: true },
  dataimportcrons: { group: 'cdi.kubevirt.io', version: 'v1beta1', plural: 'dataimportcrons', namespaced: true },
  nads: { group: 'k8s.cni.cncf.io', version: 'v1', plural: 'network-attachment-definitions', namespaced: true },
  hyperconvergeds: { group: 'hco.kubevirt.io', version: 'v1beta1', plural: 'hyperconvergeds', namespaced: true },
  migrationpolicies: { group: 'migrations.kubevirt.io', version: 'v1alpha1', plural: 'migrationpolicies', namespaced: false },
  vmsnapshots: { group: 'snapshot.kubevirt.io', version: 'v1beta1', plural: 'virtualmachinesnapshots', namespaced: true },
  vmsnapshotcontents: { group: 'snapshot.kubevirt.io', version: 'v1beta1', plural: 'virtualmachinesnapshotcontents', namespaced: true },
  vmrestores: { group: 'snapshot.kubevirt.io', version: 'v1beta1', plural: 'virtualmachinerestores', namespaced: true },
  vmclones: { group: 'clone.kubevirt.io', version: 'v1beta1', plural: 'virtualmachineclones', namespaced: true },
} satisfies Record<string, ResourceRef>;
