/** Base64 for the user's uploads, shared by the edge and the web app (no imports, so the
 * web app bundles this same file). */

/** Base64 of `bytes`, encoded a chunk at a time (a multiple of 3 bytes, so the pieces join
 * without padding) to keep a 20 MiB file from becoming one 20 MiB binary string first. */
export function encodeBase64(bytes: Uint8Array): string {
  const CHUNK = 3 * 0x2000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK))));
  return parts.join("");
}
