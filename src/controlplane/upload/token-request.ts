// CDI's UploadTokenRequest (upload.cdi.kubevirt.io/v1beta1), as virtctl creates it: POST
// …/namespaces/NS/uploadtokenrequests with `spec.pvcName`; the answer carries `status.token`, a
// short-lived token for the upload URLs (proxy.ts). Nothing is stored. The claim must exist: the
// token names it by uid.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServer } from '../../apiserver/server.ts';
import type { ApiPath } from '../../apiserver/request-path.ts';
import { parseBody, readBody, sendJson } from '../../apiserver/http-io.ts';
import { ApiError, badRequest, invalid, notFound } from '../../apiserver/status.ts';
import type { UploadTokens } from './token.ts';

export const UPLOAD_GROUP = 'upload.cdi.kubevirt.io';
export const UPLOAD_VERSION = 'v1beta1';
const PLURAL = 'uploadtokenrequests';
const KIND = 'UploadTokenRequest';

interface UploadTokenRequest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; generateName?: string };
  spec?: { pvcName?: unknown };
}

async function handle(api: ApiServer, tokens: UploadTokens, req: IncomingMessage, res: ServerResponse, p: ApiPath): Promise<void> {
  if (req.method !== 'POST') throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method ?? ''} ${PLURAL})`);
  if (p.name || !p.namespace) throw new ApiError(405, 'MethodNotAllowed', `${PLURAL} are created in a namespace (POST …/namespaces/NS/${PLURAL}); they are not stored`);
  const body = parseBody(await readBody(req), req.headers['content-type']) as UploadTokenRequest | undefined;
  if (!body || typeof body !== 'object' || body.kind !== KIND) throw badRequest(`the body must be an ${UPLOAD_GROUP}/${UPLOAD_VERSION} ${KIND}`);
  const name = body.metadata?.name ?? body.metadata?.generateName ?? '';
  const pvcName = body.spec?.pvcName;
  const target = { group: UPLOAD_GROUP, resource: PLURAL, kind: KIND, name };
  if (typeof pvcName !== 'string' || pvcName === '') throw invalid(target, [{ field: 'spec.pvcName', message: 'Required value: the PersistentVolumeClaim to upload into' }]);
  const pvcDef = api.index.kind('v1', 'PersistentVolumeClaim');
  if (!pvcDef) throw new Error('upload: the PersistentVolumeClaim kind must be registered');
  const pvc = await api.objects.tryGet(pvcDef, p.namespace, pvcName);
  if (!pvc) throw notFound({ group: '', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', name: pvcName });
  const token = tokens.issue({ namespace: p.namespace, pvc: pvcName, uid: pvc.metadata.uid });
  sendJson(res, 201, {
    apiVersion: `${UPLOAD_GROUP}/${UPLOAD_VERSION}`,
    kind: KIND,
    metadata: { name, namespace: p.namespace, creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
    spec: { pvcName },
    status: { token },
  });
}

export function registerUploadTokenRequests(api: ApiServer, tokens: UploadTokens): void {
  api.registerCollection(UPLOAD_GROUP, UPLOAD_VERSION, PLURAL, KIND, true, ['create'], (req, res, p) => handle(api, tokens, req, res, p));
}
