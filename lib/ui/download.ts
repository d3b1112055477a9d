/** Saves text, bytes or a Blob as a file through the browser's download flow, from an extension page. */
export function downloadFile(fileName: string, data: string | Uint8Array | Blob, type: string): void {
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([blobPart(data)], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text as a file (Markdown unless told otherwise). */
export function downloadText(fileName: string, text: string, type = 'text/markdown;charset=utf-8'): void {
  downloadFile(fileName, text, type);
}

/** Bytes go to the Blob as they are (an 18 MB zip need not be copied first), unless shared memory. */
function blobPart(data: string | Uint8Array): string | Uint8Array<ArrayBuffer> {
  return typeof data === 'string' || data.buffer instanceof ArrayBuffer
    ? (data as string | Uint8Array<ArrayBuffer>)
    : new Uint8Array(data);
}
