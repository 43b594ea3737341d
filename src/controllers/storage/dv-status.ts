// A DataVolume's status from its claim, as CDI reports it: the phase, progress ("45.32%"),
// restart count, claimName, and the Bound / Ready / Running conditions. Pure: the controller
// writes the result only when it differs. The claim's populate-* annotations are the node
// agent's report (see protocol.ts).
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { Condition } from '../../machinery/object.ts';
import {
  POPULATE_MESSAGE_ANNOTATION,
  POPULATE_PHASE_ANNOTATION,
  POPULATE_PROGRESS_ANNOTATION,
  POPULATE_RESTARTS_ANNOTATION,
  SELECTED_NODE_ANNOTATION,
  type PopulateRequest,
} from './protocol.ts';

export { formatProgress } from './protocol.ts';

export type DvStatus = NonNullable<DataVolume['status']>;
export type DvPhase = NonNullable<DvStatus['phase']>;

export interface DvInput {
  dv: DataVolume;
  pvc: PersistentVolumeClaim | undefined;
  request: PopulateRequest | undefined;
  /** The claim's class binds on first consumer and nothing has picked a node yet. */
  waitsForConsumer: boolean;
  /** Why the claim cannot be created yet (clone source missing, …), if so. */
  blocked?: string;
  /** Why this DataVolume can never succeed as written (unsupported source, no size), if so. */
  invalid?: string;
  now: string;
}

function cond(old: Condition[] | undefined, type: string, status: 'True' | 'False', reason: string, message: string, now: string): Condition {
  const prev = old?.find((c) => c.type === type);
  const changed = !prev || prev.status !== status;
  return { type, status, reason, message, lastTransitionTime: changed ? now : (prev.lastTransitionTime ?? now), lastHeartbeatTime: now };
}

/** CDI's phase names per kind of work; an upload stays UploadReady while its data flows in. */
function phases(req: PopulateRequest | undefined): { scheduled: DvPhase; running: DvPhase; verb: string } {
  if (req?.kind === 'clone') return { scheduled: 'CloneScheduled', running: 'CloneInProgress', verb: 'Clone' };
  if (req?.kind === 'upload') return { scheduled: 'UploadScheduled', running: 'UploadReady', verb: 'Upload' };
  return { scheduled: 'ImportScheduled', running: 'ImportInProgress', verb: 'Import' };
}

export function computeDvStatus(input: DvInput): DvStatus {
  const { dv, pvc, request, now } = input;
  const old = dv.status?.conditions;
  const name = dv.metadata.name ?? '';
  const a = pvc?.metadata.annotations ?? {};
  const restartCount = Number(a[POPULATE_RESTARTS_ANNOTATION] ?? 0) || 0;
  const out = (phase: DvPhase, progress: string, bound: [boolean, string, string], ready: [boolean, string, string], running: [boolean, string, string]): DvStatus => ({
    phase,
    progress,
    restartCount,
    ...(pvc ? { claimName: pvc.metadata.name } : {}),
    conditions: [
      cond(old, 'Bound', bound[0] ? 'True' : 'False', bound[1], bound[2], now),
      cond(old, 'Ready', ready[0] ? 'True' : 'False', ready[1], ready[2], now),
      cond(old, 'Running', running[0] ? 'True' : 'False', running[1], running[2], now),
    ],
  });
  if (input.invalid) return out('Failed', 'N/A', [false, 'NotFound', `PVC ${name} not created`], [false, '', ''], [false, 'Error', input.invalid]);
  if (!pvc) {
    const why = input.blocked ?? `PVC ${name} not created yet`;
    return out('Pending', 'N/A', [false, 'NotFound', why], [false, '', ''], [false, 'Pending', why]);
  }
  if (pvc.status?.phase !== 'Bound') {
    if (input.waitsForConsumer && !a[SELECTED_NODE_ANNOTATION]) {
      return out('WaitForFirstConsumer', 'N/A', [false, 'Pending', `PVC ${pvc.metadata.name} Pending`], [false, '', ''], [false, 'Pending', 'waiting for a consumer of the claim']);
    }
    return out('Pending', 'N/A', [false, 'Pending', `PVC ${pvc.metadata.name} Pending`], [false, '', ''], [false, 'Pending', '']);
  }
  const bound: [boolean, string, string] = [true, 'Bound', `PVC ${pvc.metadata.name} Bound`];
  const p = phases(request);
  const verb = p.verb;
  switch (a[POPULATE_PHASE_ANNOTATION]) {
    case 'Ready':
      // Waiting for the upload; the message is why the last attempt did not finish, if one did not.
      return out('UploadReady', 'N/A', bound, [false, '', ''], [true, '', a[POPULATE_MESSAGE_ANNOTATION] ?? '']);
    case 'Succeeded':
      return out('Succeeded', '100.0%', bound, [true, '', ''], [false, 'Completed', `${verb} Complete`]);
    case 'Failed':
      return out('Failed', a[POPULATE_PROGRESS_ANNOTATION] ?? 'N/A', bound, [false, '', ''], [false, 'Error', a[POPULATE_MESSAGE_ANNOTATION] ?? `${verb} failed`]);
    case 'Running':
      return out(p.running, a[POPULATE_PROGRESS_ANNOTATION] ?? '0.00%', bound, [false, 'TransferRunning', ''], [true, '', '']);
    default:
      return out(p.scheduled, 'N/A', bound, [false, '', ''], [false, 'Pending', '']);
  }
}

/** The event a phase change is worth (CDI's reasons), or none. */
export function transitionEvent(from: DvPhase | undefined, to: DvStatus, request: PopulateRequest | undefined, claim: string): { type: 'Normal' | 'Warning'; reason: string; message: string } | undefined {
  if (from === to.phase) return undefined;
  const clone = request?.kind === 'clone';
  const running = to.conditions?.find((c) => c.type === 'Running');
  if (request?.kind === 'upload') return uploadEvent(to, running?.message, claim);
  switch (to.phase) {
    case 'Succeeded':
      return clone
        ? { type: 'Normal', reason: 'CloneSucceeded', message: `Successfully cloned into ${claim}` }
        : { type: 'Normal', reason: 'ImportSucceeded', message: `Import Successful into ${claim}` };
    case 'Failed':
      return { type: 'Warning', reason: clone ? 'ErrCloneFailed' : 'ErrImportFailed', message: running?.message ?? 'failed' };
    case 'ImportScheduled':
      return { type: 'Normal', reason: 'ImportScheduled', message: `Import into ${claim} scheduled` };
    case 'CloneScheduled':
      return { type: 'Normal', reason: 'CloneScheduled', message: `Cloning into ${claim} scheduled` };
    case 'ImportInProgress':
      return { type: 'Normal', reason: 'ImportInProgress', message: `Import into ${claim} in progress` };
    case 'CloneInProgress':
      return { type: 'Normal', reason: 'CloneInProgress', message: `Cloning into ${claim} in progress` };
    default:
      return undefined;
  }
}

/** CDI's upload controller events. */
function uploadEvent(to: DvStatus, message: string | undefined, claim: string): { type: 'Normal' | 'Warning'; reason: string; message: string } | undefined {
  switch (to.phase) {
    case 'UploadScheduled':
      return { type: 'Normal', reason: 'UploadScheduled', message: `Upload into ${claim} scheduled` };
    case 'UploadReady':
      return { type: 'Normal', reason: 'UploadReady', message: `Upload into ${claim} ready` };
    case 'Succeeded':
      return { type: 'Normal', reason: 'UploadSucceeded', message: `Successfully uploaded into ${claim}` };
    case 'Failed':
      return { type: 'Warning', reason: 'UploadFailed', message: message || `Upload into ${claim} failed` };
    default:
      return undefined;
  }
}
