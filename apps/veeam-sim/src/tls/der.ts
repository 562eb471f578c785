// Just enough of ASN.1 DER to write an X.509 certificate: node:crypto makes keys and signatures
// but cannot build a certificate, and a tiny writer beats a dependency (or an openssl binary).

export type Der = Buffer;

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One tag-length-value. */
function tlv(tag: number, content: Buffer): Der {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

export const sequence = (...items: Der[]): Der => tlv(0x30, Buffer.concat(items));
export const set = (...items: Der[]): Der => tlv(0x31, Buffer.concat(items));
export const boolean = (value: boolean): Der => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
export const octetString = (bytes: Buffer): Der => tlv(0x04, bytes);
export const utf8String = (text: string): Der => tlv(0x0c, Buffer.from(text, 'utf8'));
/** An EXPLICIT context-specific tag ([n] around a whole encoding). */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
/** An IMPLICIT primitive context-specific tag ([n] replacing the tag of a primitive value). */
export const implicit = (n: number, content: Buffer): Der => tlv(0x80 | n, content);

/** A non-negative INTEGER from its big-endian magnitude. */
export function unsignedInteger(magnitude: Buffer): Der {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  // A set high bit would read as negative: DER then needs a leading zero byte.
  const content = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return tlv(0x02, content.length === 0 ? Buffer.from([0]) : content);
}

export const smallInteger = (value: number): Der => unsignedInteger(Buffer.from([value]));

export function objectIdentifier(dotted: string): Der {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) groups.unshift(0x80 | (value & 0x7f));
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A BIT STRING of whole bytes, or of `bits` leading bits (named-bit lists such as KeyUsage). */
export function bitString(bytes: Buffer, bits = bytes.length * 8): Der {
  return tlv(0x03, Buffer.concat([Buffer.from([bytes.length * 8 - bits]), bytes]));
}

/** UTCTime up to 2049, GeneralizedTime after, as RFC 5280 requires. */
export function time(ms: number): Der {
  const iso = new Date(ms).toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = new Date(ms).getUTCFullYear();
  return year < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(digits, 'ascii'));
}
