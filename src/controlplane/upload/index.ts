// CDI's upload path on the API server: the UploadTokenRequest kind and the upload proxy URLs.
// Returns the root-handler wrapper that serves the URLs in front of the server's other files.
import type { ApiServer } from '../../apiserver/server.ts';
import type { RootHandler } from '../templates/boot-source-files.ts';
import { uploadProxy } from './proxy.ts';
import { UploadTokens, loadUploadKey } from './token.ts';
import { registerUploadTokenRequests } from './token-request.ts';

export function registerUploads(api: ApiServer, dataDir: string): (next: RootHandler) => RootHandler {
  const tokens = new UploadTokens(loadUploadKey(dataDir));
  registerUploadTokenRequests(api, tokens);
  return (next) => uploadProxy(api, tokens, next);
}
