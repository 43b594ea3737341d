// HyperConverged's insecure registries as the node reads them: `spec.storageImport.insecureRegistries`
// (HCO's field, which CDI uses) together with Vireo's shorthand `spec.insecureRegistries`. Read
// through the API at each pull, so an edit applies to the next import or VM start.
import { HCO_NAME, HCO_NAMESPACE, type HyperConvergedSpec } from '../../api/hco/hyperconverged.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import type { KubeObject } from '../../machinery/object.ts';

export async function insecureRegistries(client: KubeClient): Promise<string[]> {
  const hco = await client.tryGet<KubeObject & { spec?: HyperConvergedSpec }>(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME);
  return [...(hco?.spec?.insecureRegistries ?? []), ...(hco?.spec?.storageImport?.insecureRegistries ?? [])];
}
