// POST /apis/template.openshift.io/v1/namespaces/NS/processedtemplates, as `oc process` uses it:
// the body is a Template (with parameter values set), the answer the processed Template. Nothing
// is stored; a required parameter without a value is a 422 naming it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServer } from '../../apiserver/server.ts';
import type { ApiPath } from '../../apiserver/request-path.ts';
import { parseBody, readBody, sendJson } from '../../apiserver/http-io.ts';
import { ApiError, badRequest, invalid } from '../../apiserver/status.ts';
import { processTemplate, templateKind, type Template } from '../../api/template/index.ts';
import { checkParameters } from '../../api/template/parameters.ts';

export const PROCESSED_TEMPLATES = 'processedtemplates';

async function handle(req: IncomingMessage, res: ServerResponse, p: ApiPath): Promise<void> {
  if (req.method !== 'POST') throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method} ${PROCESSED_TEMPLATES})`);
  if (p.name) throw new ApiError(405, 'MethodNotAllowed', `${PROCESSED_TEMPLATES} is a collection you post a Template to; it has no named objects`);
  const body = parseBody(await readBody(req), req.headers['content-type']) as Template | undefined;
  if (!body || typeof body !== 'object' || body.kind !== 'Template') throw badRequest('the body must be a template.openshift.io/v1 Template');
  const target = { group: templateKind.group, resource: templateKind.plural, kind: 'Template', name: body.metadata?.name };
  const paramErrors = checkParameters(body.parameters ?? []);
  if (paramErrors.length > 0) throw invalid(target, paramErrors);
  const out = processTemplate(body);
  if ('errors' in out) throw invalid(target, out.errors);
  const t = out.template;
  sendJson(res, 201, { ...t, apiVersion: 'template.openshift.io/v1', kind: 'Template', metadata: { ...(t.metadata ?? {}), namespace: p.namespace } });
}

export function registerProcessedTemplates(api: ApiServer): void {
  api.registerCollection(templateKind.group, templateKind.version, PROCESSED_TEMPLATES, 'Template', true, ['create'], (req, res, p) => handle(req, res, p));
}
