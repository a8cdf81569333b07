/** Saves bytes as a file through a temporary object URL and `<a download>`. */
export function downloadBytes(name: string, bytes: Uint8Array, mime = 'application/octet-stream'): void {
  // Copy into a plain ArrayBuffer: the view may sit on a SharedArrayBuffer, which Blob refuses.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const url = URL.createObjectURL(new Blob([copy.buffer], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
