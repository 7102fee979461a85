/**
 * What an uploaded file really is, from its first bytes; the declared type and the file name
 * are ignored (a `.png` that is HTML is HTML). Only the types Baton shows inline or offers
 * for download are recognised: PNG, JPEG, GIF, WebP images and PDF documents.
 */
export type AttachmentType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'application/pdf';

/**
 * Default ceiling of one attachment (5 MiB), for the attachment upload path (issue 12, item 6).
 * @public
 */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly { type: AttachmentType; at: number; bytes: readonly number[] }[] = [
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', at: 0, bytes: ascii('GIF87a') },
  { type: 'image/gif', at: 0, bytes: ascii('GIF89a') },
  { type: 'application/pdf', at: 0, bytes: ascii('%PDF-') },
];

function matches(data: Uint8Array, at: number, bytes: readonly number[]): boolean {
  if (data.length < at + bytes.length) return false;
  return bytes.every((byte, index) => data[at + index] === byte);
}

/** The sniffed type, or `null` when the bytes are none of the accepted types. */
export function sniffAttachmentType(data: Uint8Array): AttachmentType | null {
  for (const signature of SIGNATURES) {
    if (matches(data, signature.at, signature.bytes)) return signature.type;
  }
  // RIFF....WEBP
  if (matches(data, 0, ascii('RIFF')) && matches(data, 8, ascii('WEBP'))) return 'image/webp';
  return null;
}

/** Images are shown inline (through a blob URL); anything else is a download link. */
export function isInlineImage(type: AttachmentType): boolean {
  return type.startsWith('image/');
}
