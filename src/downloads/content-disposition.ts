/**
 * A safe `Content-Disposition: attachment` from an untrusted file name (RFC 6266 / 5987): the
 * plain `filename` is ASCII with no quotes, backslashes, control characters or path separators;
 * a name that needed changes also gets `filename*` with the UTF-8 original (minus separators and
 * control characters).
 */
export function contentDisposition(name: string | undefined, fallback: string): string {
  const utf8Name = safeFileName(name, fallback);
  const ascii = utf8Name
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["%;\\]/g, '_')
    .trim();
  const plain = ascii || fallback;
  let header = `attachment; filename="${plain}"`;
  if (plain !== utf8Name) header += `; filename*=UTF-8''${encodeRfc5987(utf8Name)}`;
  return header;
}

/** An untrusted file name reduced to a base name with no control characters or leading dots. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    // Control and format characters are stripped on purpose: C0/C1 controls, and the invisible
    // Unicode format characters (right-to-left override U+202E and the other bidi controls,
    // zero-width joiners, BOM…), lone surrogates and line/paragraph separators that make `evil\u202Eexe.pdf` look
    // like a PDF.
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .split(/[/\\]/)
    .pop()
    ?.replace(/^\.+/, '')
    .trim();
  // At most 200 characters, counted by code point so a surrogate pair is never cut in half.
  return (cleaned && Array.from(cleaned).slice(0, 200).join('')) || fallback;
}

function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The `filename` (or `filename*`) a vendor put in its Content-Disposition, if any. */
export function fileNameFromDisposition(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (!h) return undefined;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(h);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(h);
  return (plain?.[1] ?? plain?.[2])?.trim();
}
