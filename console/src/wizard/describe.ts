// How the wizard names a disk's source in its tables and the Review: the kind of source, and the
// detail (URL, image, claim, DataSource) when there is one. The boot disk shows General's source.
import type { Message } from '../catalog/message.ts';
import type { GeneralState, WizardDisk } from './state.ts';

/** `templateRef`: the template's DataSource (`ns/name`), when its boot disk clones one. */
export function diskSourceLabel(d: WizardDisk, g: GeneralState, templateRef?: string): Message {
  if (d.source !== 'root') return { key: `wizard.diskSource.${d.source}` };
  switch (g.source) {
    case 'url':
      return { key: 'wizard.sourceUrl', vars: { url: g.url.trim() } };
    case 'container':
      return { key: 'wizard.sourceContainer', vars: { image: g.image.trim() } };
    case 'disk':
      return { key: 'wizard.sourcePvc', vars: { pvc: `${g.pvcNamespace}/${g.pvcName}` } };
    default:
      return templateRef ? { key: 'wizard.sourceTemplateRef', vars: { ref: templateRef } } : { key: 'wizard.source.template' };
  }
}

/** The URL, image or claim an added disk comes from ('' when its kind says it all). */
export function diskSourceDetail(d: WizardDisk): string {
  switch (d.source) {
    case 'url':
      return d.url.trim();
    case 'registry':
    case 'container':
      return d.image.trim();
    case 'clonePvc':
      return `${d.pvcNamespace}/${d.pvcName}`;
    case 'pvc':
      return d.pvcName;
    default:
      return '';
  }
}

/** The boot order the builder gives `d`: 1 for the bootable disk (2 after a PXE NIC), else none. */
export function bootOrderOf(d: WizardDisk, bootDisk: string | undefined, pxe: boolean): number | undefined {
  return d.id === bootDisk ? (pxe ? 2 : 1) : undefined;
}
