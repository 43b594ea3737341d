// Bindings the scheduler has written but the VMI watch has not delivered yet. Without them, the
// next decision could read a cache from before the last binding and put two anti-affine VMIs (or
// more memory than fits) on one node. The store already has every entry here; an entry lasts
// until the watch shows the VMI bound or deleted.
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import type { InformerEvent } from '../../client/informer.ts';

export class AssumedBindings {
  private byUid = new Map<string, VirtualMachineInstance>();

  /** Records the object the binding write returned. */
  bound(vmi: VirtualMachineInstance): void {
    if (vmi.metadata.uid) this.byUid.set(vmi.metadata.uid, vmi);
  }

  /** Feeds a watch event: once the cache shows the binding (or the VMI is gone), forget it. */
  observed(type: InformerEvent, vmi: VirtualMachineInstance): void {
    if (type === 'delete' || vmi.status?.nodeName) this.byUid.delete(vmi.metadata.uid ?? '');
  }

  /** The cached object, or the newer bound one. */
  current(vmi: VirtualMachineInstance): VirtualMachineInstance {
    return this.byUid.get(vmi.metadata.uid ?? '') ?? vmi;
  }

  overlay(vmis: readonly VirtualMachineInstance[]): VirtualMachineInstance[] {
    return vmis.map((v) => this.current(v));
  }
}
