// Strings of the project tree (project creation, folders), merged into the console's dictionary by
// i18n.ts. Japanese after the OpenShift console's wording (プロジェクトの作成).
export const treeEn = {
  'project.create': 'Create project',
  'project.createSubmit': 'Create',
  'project.cancel': 'Cancel',
  'project.createFailed': 'The project could not be created',
  'project.name': 'Name',
  'project.displayName': 'Display name',
  'project.description': 'Description',
  'project.nameEmpty': 'A project name is required.',
  'project.nameChars': 'Use only lowercase letters (a-z), digits (0-9) and hyphens (-).',
  'project.nameEnds': 'The first and last characters must be alphanumeric.',
  'project.nameTooLong': 'At most 63 characters.',
  'project.nameReserved': 'Names starting with openshift-, kube- or vireo- are reserved for the platform.',
  'tree.moveFailed': 'Moving {name} failed',
};

export const treeJa: Record<keyof typeof treeEn, string> = {
  'project.create': 'プロジェクトの作成',
  'project.createSubmit': '作成',
  'project.cancel': 'キャンセル',
  'project.createFailed': 'プロジェクトを作成できませんでした',
  'project.name': '名前',
  'project.displayName': '表示名',
  'project.description': '説明',
  'project.nameEmpty': 'プロジェクト名は必須です。',
  'project.nameChars': '小文字 (a-z)、数字 (0-9)、ハイフン (-) のみを使用してください。',
  'project.nameEnds': '最初と最後の文字は英数字にする必要があります。',
  'project.nameTooLong': '63 文字以内にしてください。',
  'project.nameReserved': 'openshift-、kube-、vireo- で始まる名前はプラットフォーム用に予約されています。',
  'tree.moveFailed': '{name} の移動に失敗しました',
};
