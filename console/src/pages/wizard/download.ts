// Saves text as a file through the browser's download (the Review step's YAML).
export function downloadText(text: string, filename: string, type = 'application/yaml'): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = filename;
  a.click();
  // Revoked after the click's task: the download has its own reference by then.
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}
