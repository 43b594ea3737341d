// Strings of the VM list's toolbar and its new columns, merged into the console's dictionary by
// i18n.ts. Japanese after the OpenShift console's list toolbar wording.
export const listEn = {
  'list.searchName': 'Search by name…',
  'list.filterStatus': 'Status',
  'list.filterOs': 'Operating system',
  'list.filterNode': 'Node',
  'list.filterLabel': 'Label',
  'list.labelPlaceholder': 'key=value, then Enter',
  'list.columns': 'Columns',
  'list.selectAll': 'Select all VirtualMachines on this page',
  'list.selectRow': 'Select {name}',
  'list.noMatch': 'No VirtualMachines match the filters',
  'col.cpu': 'CPU',
  'col.memory': 'Memory',
};

export const listJa: Record<keyof typeof listEn, string> = {
  'list.searchName': '名前で検索…',
  'list.filterStatus': 'ステータス',
  'list.filterOs': 'オペレーティングシステム',
  'list.filterNode': 'ノード',
  'list.filterLabel': 'ラベル',
  'list.labelPlaceholder': 'key=value を入力して Enter',
  'list.columns': '列',
  'list.selectAll': 'このページのすべての VirtualMachine を選択',
  'list.selectRow': '{name} を選択',
  'list.noMatch': 'フィルターに一致する VirtualMachine はありません',
  'col.cpu': 'CPU',
  'col.memory': 'メモリー',
};
