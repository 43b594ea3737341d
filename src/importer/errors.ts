// Import failures as one line a user can act on: what failed, where, and the cause.

export class ImportError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' ').trim());
    this.name = 'ImportError';
  }
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A certificate or handshake failure (as opposed to a refused or dropped connection). */
export function isTlsError(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException | undefined;
  return TLS_CODES.has(err?.code ?? '') || /certificate|ssl|tls/i.test(err?.message ?? '');
}

/** Any error from the data path → an ImportError with a one-line message. */
export function describe(e: unknown, where: string): ImportError {
  if (e instanceof ImportError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  if (isTlsError(e)) {
    return new ImportError(`TLS error from ${where}: ${err.message} (${code || 'tls'}); put the server's CA in a ConfigMap and name it in certConfigMap`);
  }
  if (code === 'ENOSPC') return new ImportError(`disk full: no space left on the volume while writing ${err.path ?? where}`);
  if (code === 'EDQUOT') return new ImportError(`disk quota exceeded while writing ${where}`);
  if (code === 'ECONNREFUSED') return new ImportError(`connection refused by ${where}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ImportError(`cannot resolve the host of ${where}: ${code}`);
  if (code === 'ECONNRESET') return new ImportError(`connection to ${where} reset by the server`);
  if (code === 'ETIMEDOUT') return new ImportError(`connection to ${where} timed out`);
  return new ImportError(`${where}: ${err?.message ?? String(e)}`);
}
