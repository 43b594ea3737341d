// Strings of the VM details Configuration tab and its sub-tabs, merged into the console's
// dictionary by i18n.ts. Japanese follows the OpenShift console's kubevirt-plugin wording.
export const configEn = {
  'details.configuration': 'Configuration',
};

export const configJa: Record<keyof typeof configEn, string> = {
  'details.configuration': '設定',
};
