// Strings of the VM details YAML tab (edit and save), merged into the console's dictionary by i18n.ts.
export const yamlTabEn = {
  'yamlTab.save': 'Save',
  'yamlTab.reload': 'Reload',
  'yamlTab.cancel': 'Cancel',
  'yamlTab.saved': '{name} has been updated to version {version}.',
  'yamlTab.failed': 'Saving failed',
  'yamlTab.conflict': 'This object has been updated since you loaded it',
  'yamlTab.conflictHint': 'Reload to see the latest version; your changes will be lost. Saving now is refused.',
  'yamlTab.changedMeanwhile': 'This object has been updated. Reload to see the new version.',
};

export const yamlTabJa: Record<keyof typeof yamlTabEn, string> = {
  'yamlTab.save': '保存',
  'yamlTab.reload': '再読み込み',
  'yamlTab.cancel': 'キャンセル',
  'yamlTab.saved': '{name} はバージョン {version} に更新されました。',
  'yamlTab.failed': '保存に失敗しました',
  'yamlTab.conflict': '読み込み後にこのオブジェクトは更新されています',
  'yamlTab.conflictHint': '再読み込みすると最新のバージョンが表示され、変更は失われます。このままでは保存できません。',
  'yamlTab.changedMeanwhile': 'このオブジェクトは更新されました。再読み込みして新しいバージョンを表示してください。',
};
