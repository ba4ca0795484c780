/**
 * Saves a blob as a file: an object URL clicked through a temporary link.
 */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke once the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
