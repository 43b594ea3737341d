// Where an upload goes: from a verified token to the claim, its volume's node and that node's
// agent endpoint — or the plain-text refusal CDI's upload proxy would give (404 no claim, 400 not
// an upload target, 503 not ready yet or no agent). Reads objects only; never the data.
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { ApiServer } from '../../apiserver/server.ts';
import { POPULATE_REQUEST_ANNOTATION, SELECTED_NODE_ANNOTATION, UPLOAD_TARGET_ANNOTATION, parsePopulateRequest } from '../../controllers/storage/protocol.ts';
import { pvNode } from '../../controllers/storage/pv-build.ts';
import { ENDPOINT_ANNOTATION, TOKEN_ANNOTATION } from '../../node/endpoint/routes.ts';
import { uploadAgentPath, type UploadMode } from '../../node/endpoint/upload-route.ts';
import type { UploadGrant } from './token.ts';

export class UploadRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AgentTarget {
  url: URL;
  token: string;
  nodeName: string;
}

function kind(api: ApiServer, apiVersion: string, name: string) {
  const def = api.index.kind(apiVersion, name);
  if (!def) throw new Error(`upload: the ${name} kind must be registered`);
  return def;
}

function requestKind(text: string | undefined): string | undefined {
  try {
    return parsePopulateRequest(text)?.kind;
  } catch {
    return undefined; // not a request Vireo wrote: not an upload target
  }
}

export async function findAgentTarget(api: ApiServer, grant: UploadGrant, mode: UploadMode): Promise<AgentTarget> {
  const name = `${grant.namespace}/${grant.pvc}`;
  const pvc = (await api.objects.tryGet(kind(api, 'v1', 'PersistentVolumeClaim'), grant.namespace, grant.pvc)) as PersistentVolumeClaim | undefined;
  if (!pvc) throw new UploadRefusal(404, `PersistentVolumeClaim ${name} not found`);
  if (grant.uid && pvc.metadata.uid !== grant.uid) throw new UploadRefusal(401, `the token was issued for an earlier PersistentVolumeClaim ${name}; request a new one`);
  const a = pvc.metadata.annotations ?? {};
  if (requestKind(a[POPULATE_REQUEST_ANNOTATION]) !== 'upload') {
    if (a[UPLOAD_TARGET_ANNOTATION] !== undefined) throw new UploadRefusal(503, `PersistentVolumeClaim ${name} is not ready for an upload yet`);
    throw new UploadRefusal(400, `PersistentVolumeClaim ${name} is not an upload target (use a DataVolume with spec.source.upload, or vireo image-upload)`);
  }
  const volume = pvc.spec?.volumeName;
  const pv = volume ? ((await api.objects.tryGet(kind(api, 'v1', 'PersistentVolume'), undefined, volume)) as PersistentVolume | undefined) : undefined;
  const nodeName = pv && (pvNode(pv) ?? a[SELECTED_NODE_ANNOTATION]);
  if (!nodeName) throw new UploadRefusal(503, `PersistentVolumeClaim ${name} is not bound to a volume yet; wait for UploadReady`);
  const node = await api.objects.tryGet(kind(api, 'v1', 'Node'), undefined, nodeName);
  const endpoint = node?.metadata.annotations?.[ENDPOINT_ANNOTATION];
  const token = node?.metadata.annotations?.[TOKEN_ANNOTATION];
  if (!endpoint || !token) throw new UploadRefusal(503, `node ${nodeName} publishes no agent endpoint (${ENDPOINT_ANNOTATION}); is its node agent running?`);
  return { url: new URL(uploadAgentPath(grant.namespace, grant.pvc, mode), endpoint), token, nodeName };
}
