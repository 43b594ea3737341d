// The common templates shipped into vireo-system: one per OS × workload × flavor of COMMON_OS,
// labelled and annotated as the console's catalog reads them (OpenShift's common-templates).
import type { Template, TemplateParameter } from '../../api/template/index.ts';
import { COMMON_OS, type Flavor, type OsEntry, type Workload } from './common-os.ts';
import { commonVm, templateName } from './common-vm.ts';

export const COMMON_TEMPLATES_VERSION = 'v0.1.0';
export const TEMPLATE_PROVIDER = 'Vireo';

const WORKLOAD_TEXT: Record<Workload, string> = { server: 'server', desktop: 'desktop', highperformance: 'high performance' };

function parameters(os: OsEntry, osImagesNamespace: string): TemplateParameter[] {
  const p: TemplateParameter[] = [
    { name: 'NAME', description: 'VM name', generate: 'expression', from: `${os.os}-[a-z0-9]{16}` },
    { name: 'DATA_SOURCE_NAME', description: 'Name of the DataSource to clone', value: os.dataSource },
    { name: 'DATA_SOURCE_NAMESPACE', description: 'Namespace of the DataSource', value: osImagesNamespace },
  ];
  if (os.cloudUser) p.push({ name: 'CLOUD_USER_PASSWORD', description: 'Randomized password for the cloud-init user', generate: 'expression', from: '[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}' });
  return p;
}

export function commonTemplate(os: OsEntry, workload: Workload, flavor: Flavor, namespace: string, osImagesNamespace: string): Template {
  const name = templateName(os, workload, flavor);
  const annotations: Record<string, string> = {
    'openshift.io/display-name': `${os.displayName} VM`,
    description: `Template for ${os.displayName} VM or newer. A PVC with the ${os.displayName} disk image must be available.`,
    iconClass: os.iconClass,
    tags: `hidden,kubevirt,virtualmachine,${os.windows ? 'windows' : 'linux'},${os.os}`,
    'openshift.io/provider-display-name': TEMPLATE_PROVIDER,
    'template.kubevirt.io/provider': TEMPLATE_PROVIDER,
    'template.kubevirt.io/provider-support-level': os.supported ? 'Full' : 'Community',
    'template.kubevirt.io/version': COMMON_TEMPLATES_VERSION,
    'template.kubevirt.io/editable': '/objects[0].spec.template.spec.domain.cpu.sockets\n/objects[0].spec.template.spec.domain.memory.guest\n/objects[0].spec.template.spec.domain.devices.disks\n/objects[0].spec.template.spec.volumes\n/objects[0].spec.template.spec.networks',
    [`name.os.template.kubevirt.io/${os.os}`]: os.displayName,
    'defaults.template.kubevirt.io/disk': 'rootdisk',
    'template.kubevirt.io/images': os.dataSource,
    'template.kubevirt.io/workload-description': WORKLOAD_TEXT[workload],
  };
  if (os.deprecated) annotations['template.kubevirt.io/deprecated'] = 'true';
  return {
    apiVersion: 'template.openshift.io/v1',
    kind: 'Template',
    metadata: {
      name,
      namespace,
      labels: {
        'template.kubevirt.io/type': 'base',
        'template.kubevirt.io/version': COMMON_TEMPLATES_VERSION,
        [`os.template.kubevirt.io/${os.os}`]: 'true',
        [`flavor.template.kubevirt.io/${flavor}`]: 'true',
        [`workload.template.kubevirt.io/${workload}`]: 'true',
        ...(os.deprecated ? { 'template.kubevirt.io/deprecated': 'true' } : {}),
      },
      annotations,
    },
    objects: [commonVm(os, workload, flavor, namespace, COMMON_TEMPLATES_VERSION)],
    parameters: parameters(os, osImagesNamespace),
    message: os.cloudUser ? `Created ${os.displayName} VM \${NAME}; the cloud-init user is ${os.cloudUser} with password \${CLOUD_USER_PASSWORD}.` : `Created ${os.displayName} VM \${NAME}.`,
  };
}

export function commonTemplates(namespace: string, osImagesNamespace: string): Template[] {
  return COMMON_OS.flatMap((os) => os.workloads.flatMap((w) => os.flavors.map((f) => commonTemplate(os, w, f, namespace, osImagesNamespace))));
}
