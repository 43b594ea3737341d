// Checks a NetworkAttachmentDefinition's spec.config the way Multus reads it: a JSON CNI
// configuration, either one plugin ("type") or a list ("plugins"), always with cniVersion.
export function cniConfigProblem(config: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch (e) {
    return `invalid CNI configuration: not valid JSON (${(e as Error).message})`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'invalid CNI configuration: must be a JSON object';
  const c = parsed as Record<string, unknown>;
  if (typeof c.cniVersion !== 'string' || c.cniVersion === '') return 'invalid CNI configuration: "cniVersion" is required (e.g. "0.3.1")';
  const hasType = typeof c.type === 'string' && c.type !== '';
  const hasPlugins = Array.isArray(c.plugins);
  if (!hasType && !hasPlugins) return 'invalid CNI configuration: needs "type" (a single plugin, e.g. "bridge") or "plugins" (a list)';
  if (hasPlugins) {
    const plugins = c.plugins as unknown[];
    if (plugins.length === 0) return 'invalid CNI configuration: "plugins" must not be empty';
    const bad = plugins.findIndex((p) => p === null || typeof p !== 'object' || typeof (p as Record<string, unknown>).type !== 'string');
    if (bad >= 0) return `invalid CNI configuration: plugins[${bad}] needs a "type"`;
  }
  return undefined;
}
