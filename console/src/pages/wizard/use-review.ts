// The Review step's data and the Create action. On Review the template is processed again under the
// name now chosen (keeping the first processing's generated values, so the password stays), the
// user's changes are applied, and that VM is both the YAML shown and the object posted. A failed
// create keeps the API's message and causes (placed on the summary rows) for the VM it was about;
// a created VM is opened once the live list has it with a status, as Quick create does.
import { useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { StatusCause, Template, VirtualMachine } from '../../api/types.ts';
import { waitForCached } from '../../api/wait-cached.ts';
import { templateWorkload } from '../../catalog/template-meta.ts';
import { useRouter } from '../../context.tsx';
import { buildVm } from '../../wizard/build-vm.ts';
import { createVm, processTemplate, type Processed } from '../../wizard/create.ts';
import { placeCauses, type PlacedCauses } from '../../wizard/review-errors.ts';
import type { WizardState } from '../../wizard/state.ts';
import type { WizardVm } from '../../wizard/vm-shape.ts';

/** How long to wait for the new VM to reach the live list (with a status) before opening it regardless. */
const OPEN_WAIT_MS = 5_000;

export interface CreateFailure {
  vm: WizardVm;
  message: string;
  causes: StatusCause[];
  placed: PlacedCauses;
}

export interface Review {
  built?: WizardVm;
  processing: boolean;
  processError?: string;
  /** The last create's failure, while the VM it was about is still the one shown. */
  failure?: CreateFailure;
  creating: boolean;
  create: () => Promise<void>;
  retry: () => void;
}

interface Args {
  template: Template;
  /** Parameter values of the first processing (generated password…). */
  values: Record<string, string>;
  state: WizardState;
  namespace: string;
  /** Processing happens only while the Review step is open. */
  active: boolean;
}

export function useReview({ template, values, state, namespace, active }: Args): Review {
  const { client, watches } = useApi();
  const { navigate } = useRouter();
  const name = state.general.name;
  const [processed, setProcessed] = useState<{ name: string; attempt: number; result?: Processed; error?: string }>();
  const [attempt, setAttempt] = useState(0);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<CreateFailure>();

  const current = processed?.name === name && processed.attempt === attempt;
  useEffect(() => {
    if (!active || current) return;
    let stale = false;
    processTemplate(client, template, { ...values, NAME: name }, namespace).then(
      (result) => !stale && setProcessed({ name, attempt, result }),
      (e: unknown) => !stale && setProcessed({ name, attempt, error: (e as Error).message }),
    );
    return () => {
      stale = true;
    };
  }, [active, current, client, template, values, name, namespace, attempt]);

  const result = current ? processed?.result : undefined;
  const built = useMemo(
    () => (result ? buildVm({ base: result.vm, state, namespace, templateWorkload: templateWorkload(template) }) : undefined),
    [result, state, namespace, template],
  );

  const create = async () => {
    if (!built || !result || creating) return;
    setCreating(true);
    setFailure(undefined);
    try {
      const vm = await createVm(client, built, result.others, namespace);
      const ns = vm.metadata.namespace ?? namespace;
      // Opened once the controller has given it a status, so the page starts at Provisioning.
      const seen = (v: VirtualMachine) => v.metadata.namespace === ns && v.metadata.name === vm.metadata.name && Boolean(v.status?.printableStatus);
      await waitForCached(watches.get<VirtualMachine>(paths.vms()), seen, OPEN_WAIT_MS);
      navigate({ page: 'vm', namespace: ns, name: vm.metadata.name, tab: 'overview' });
    } catch (e) {
      const causes = e instanceof ApiRequestError ? e.causes : [];
      setFailure({ vm: built, message: (e as Error).message, causes, placed: placeCauses(causes, built, state) });
      setCreating(false);
    }
  };

  return {
    built,
    processing: active && !current,
    processError: current ? processed?.error : undefined,
    failure: failure && failure.vm === built ? failure : undefined,
    creating,
    create,
    retry: () => setAttempt((a) => a + 1),
  };
}
