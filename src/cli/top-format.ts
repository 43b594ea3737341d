// `vireo top vm`'s table, in `kubectl top pod`'s format: CPU in millicores, memory in Mi.
export interface TopRow {
  namespace: string;
  name: string;
  cpuCores: number;
  memoryBytes: number;
}

export const millicores = (cores: number): string => `${Math.round(cores * 1000)}m`;
export const mebibytes = (bytes: number): string => `${Math.round(bytes / (1 << 20))}Mi`;

export function topTable(rows: TopRow[], allNamespaces: boolean): string {
  const head = [...(allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  const body = rows.map((r) => [...(allNamespaces ? [r.namespace] : []), r.name, millicores(r.cpuCores), mebibytes(r.memoryBytes)]);
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((cells) => cells[i]!.length)));
  return all.map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')).join('\n') + '\n';
}
