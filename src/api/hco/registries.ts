// Insecure registry entries: "host[:port]" as CDI and KubeVirt compare them with image references,
// so a scheme or path would silently never match.
const HOST = /^(?:[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}))?$/;

export function registryProblem(entry: string): string | undefined {
  const m = HOST.exec(entry);
  const hint = 'must be host[:port] without a scheme or path, e.g. registry.example.com:5000';
  if (!m) return `Invalid value: "${entry}": ${hint}`;
  if (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535)) return `Invalid value: "${entry}": port must be between 1 and 65535`;
  return undefined;
}
