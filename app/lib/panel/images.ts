/** The image formats a panel logo may be, told by their first bytes (never by the name or the browser's word). */
export type LogoType = "image/png" | "image/jpeg" | "image/webp";

/** At most this many bytes: a logo is shown small; larger files are an export from a design tool. */
export const LOGO_LIMIT = 256 * 1024;

const starts = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** PNG, JPEG or WebP by their signatures; null for anything else (SVG included: it can carry script). */
export function imageTypeOf(bytes: Uint8Array): LogoType | null {
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts(bytes, [0x52, 0x49, 0x46, 0x46]) && starts(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** Where a panel's logo is served: versioned, so a new logo is a new address; null without one. */
export function logoPath(panel: { slug: string; logoVersion: number | null }): string | null {
  return panel.logoVersion ? `/panels/${panel.slug}/logo?v=${panel.logoVersion}` : null;
}
