// Strings of the VM details tabs Events, Snapshots and Diagnostics, merged into the console's
// dictionary by i18n.ts. Japanese follows the OpenShift console's kubevirt-plugin wording.
export const detailsEn = {
  'details.events': 'Events',
  'details.snapshots': 'Snapshots',
  'details.diagnostics': 'Diagnostics',
};

export const detailsJa: Record<keyof typeof detailsEn, string> = {
  'details.events': 'イベント',
  'details.snapshots': 'スナップショット',
  'details.diagnostics': '診断',
};
