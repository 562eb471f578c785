// A throwaway certificate authority and the server certificate it signs, made at start in memory:
// P-256 keys (generated in about a millisecond, unlike RSA), valid for 127.0.0.1, ::1 and
// localhost. Clients trust the CA certificate (written to a file by ca-file.ts), as they would an
// internal CA in front of a real Veeam server, instead of turning verification off.

import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
  type Der,
} from './der.ts';

export interface TlsIdentity {
  /** PEM of the CA certificate that signed `cert`: what a client passes as `ca`. */
  readonly caCert: string;
  /** PEM server certificate and its PKCS#8 private key, for node:https. */
  readonly cert: string;
  readonly key: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const HOUR = 3_600_000;
/** Backdated so that a client whose clock is a little behind still accepts the certificates. */
const NOT_BEFORE_SLACK_MS = HOUR;
const VALIDITY_MS = 365 * 24 * HOUR;
const SERVER_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

export function createTlsIdentity(nowMs = Date.now()): TlsIdentity {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = distinguishedName('Lifeboat Veeam simulator CA');
  const caKeyId = keyIdentifier(ca.publicKey);
  const validity = { notBefore: nowMs - NOT_BEFORE_SLACK_MS, notAfter: nowMs + VALIDITY_MS };
  const caCert = certificate({
    ...validity,
    issuer: caName,
    subject: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      extension(OID.basicConstraints, true, sequence(boolean(true))),
      // keyCertSign (bit 5) and cRLSign (bit 6).
      extension(OID.keyUsage, true, bitString(Buffer.from([0b0000_0110]), 7)),
      extension(OID.subjectKeyIdentifier, false, octetString(caKeyId)),
    ],
  });
  const serverCert = certificate({
    ...validity,
    issuer: caName,
    subject: distinguishedName('localhost'),
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      extension(OID.basicConstraints, true, sequence()),
      // digitalSignature (bit 0): ECDHE key exchange signs with the server key.
      extension(OID.keyUsage, true, bitString(Buffer.from([0b1000_0000]), 1)),
      extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
      extension(OID.subjectAltName, false, sequence(...SERVER_NAMES.map(generalName))),
      extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(server.publicKey))),
      extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, caKeyId))),
    ],
  });
  return {
    caCert: pem(caCert),
    cert: pem(serverCert),
    key: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

interface CertificateFields {
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuer: Der;
  readonly subject: Der;
  readonly publicKey: KeyObject;
  readonly signingKey: KeyObject;
  readonly extensions: readonly Der[];
}

/** RFC 5280 §4.1: a v3 TBSCertificate, signed with ECDSA over SHA-256. */
function certificate(fields: CertificateFields): Der {
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  // 16 random bytes, top bit clear: a positive serial of at most 20 octets, unique per start.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm,
    fields.issuer,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    fields.subject,
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...fields.extensions)),
  );
  const signature = sign('sha256', tbs, fields.signingKey);
  return sequence(tbs, algorithm, bitString(signature));
}

function distinguishedName(commonName: string): Der {
  const attribute = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(attribute(OID.organization, 'Lifeboat'), attribute(OID.commonName, commonName));
}

function extension(oid: string, critical: boolean, value: Der): Der {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** dNSName [2] or iPAddress [7] (4 or 16 bytes). */
function generalName(name: string): Der {
  const family = isIP(name);
  if (family === 0) return implicit(2, Buffer.from(name, 'ascii'));
  return implicit(7, family === 4 ? Buffer.from(name.split('.').map(Number)) : ipv6Bytes(name));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = address.includes('::') ? groups(tail) : [];
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return Buffer.from(all.flatMap((group) => [group >> 8, group & 0xff]));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // For P-256, the uncompressed point is the last 65 bytes of the SubjectPublicKeyInfo.
  return createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
}

function pem(der: Der): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
