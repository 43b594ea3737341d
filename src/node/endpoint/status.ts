// Failures the endpoint answers with: Kubernetes `Status` bodies, so the API server can pass them
// through unchanged and clients (kubectl, virtctl-style tools, `vireo`) show the message as is.
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export class EndpointError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code });
  }
}

/** KubeVirt's refusals read `Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "NAME": WHY`. */
export const vmiConflict = (name: string, why: string) =>
  new EndpointError(409, 'Conflict', `Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "${name}": ${why}`);

export const unavailable = (message: string) => new EndpointError(503, 'ServiceUnavailable', message);

export function asEndpointError(e: unknown): EndpointError {
  if (e instanceof EndpointError) return e;
  return new EndpointError(500, 'InternalError', `Internal error occurred: ${(e as Error)?.message ?? String(e)}`);
}

export function sendStatus(res: ServerResponse, err: EndpointError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = err.body();
  res.writeHead(err.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Refuses a websocket upgrade before it happened: a plain HTTP answer on the raw socket. */
export function rejectUpgrade(socket: Duplex, err: EndpointError): void {
  if (socket.destroyed) return;
  const body = err.body();
  socket.end(
    `HTTP/1.1 ${err.code} ${STATUS_CODES[err.code] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
