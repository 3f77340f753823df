/**
 * Content-Disposition for downloads: the `content-disposition` package builds and parses the header
 * (RFC 6266 / 8187 quoting and encoding); this module only holds the gateway's policy for untrusted
 * file names (what a name may contain, and the ASCII stand-in for clients without `filename*`).
 */
import contentDispositionHeader from 'content-disposition';

/**
 * A safe `Content-Disposition: attachment` from an untrusted file name: the plain `filename` is
 * ASCII with no quotes, backslashes, `%`, `;`, control characters or path separators; a name that
 * needed changes also gets `filename*` with the UTF-8 original (minus separators and control
 * characters).
 */
export function contentDisposition(name: string | undefined, fallback: string): string {
  const utf8Name = safeFileName(name, fallback);
  const ascii =
    utf8Name
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["%;\\]/g, '_')
      .trim() || fallback;
  // `fallback` is the plain `filename`: when it differs from the name, the package adds `filename*`.
  return contentDispositionHeader(utf8Name, { type: 'attachment', fallback: ascii });
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

/**
 * The `filename` (or `filename*`, which wins) a vendor put in its Content-Disposition, if any.
 * A header the package rejects as malformed (vendors interpolate names unescaped, so a quote in
 * the name breaks the syntax) is read leniently, as browsers do: the name still goes through
 * safeFileName before anyone sees it.
 */
export function fileNameFromDisposition(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (!h) return undefined;
  try {
    return contentDispositionHeader.parse(h).parameters.filename;
  } catch {
    return lenientFileName(h);
  }
}

function lenientFileName(h: string): string | undefined {
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;"]+)/i.exec(h);
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
