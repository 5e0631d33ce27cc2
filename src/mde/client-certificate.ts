import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** What msal-node 7 wants in `auth.clientCertificate` (field names are msal's). */
export interface ClientCertificate {
  /** Hex SHA-256 thumbprint of the leaf certificate (the JWT's `x5t#S256`). */
  thumbprintSha256: string;
  /** PEM private key, unencrypted. */
  privateKey: string;
  /** The certificate chain as PEM; msal sends it as the `x5c` header (subject name + issuer auth). */
  x5c: string;
}

/**
 * Reads a PEM file holding the private key and the certificate (leaf first, then any chain), as
 * MDE_CLIENT_CERTIFICATE_PATH names it. Errors name the path, never the key material.
 */
export async function readClientCertificate(pemPath: string): Promise<ClientCertificate> {
  const pem = await readFile(pemPath, 'utf8');
  try {
    return parseClientCertificate(pem);
  } catch (err) {
    throw new Error(`client certificate ${pemPath}: ${(err as Error).message}`);
  }
}

/** Splits a PEM bundle into what msal needs and checks it is usable before the first token call. */
export function parseClientCertificate(pem: string): ClientCertificate {
  const blocks = [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]+?\r?\n-----END \1-----/g)].map((m) => ({ label: m[1] ?? '', text: m[0] }));
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.text);
  const keys = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'));
  if (certs.length === 0) throw new Error('no CERTIFICATE block found');
  if (keys.length !== 1) throw new Error(`expected one PRIVATE KEY block, found ${keys.length}`);
  const keyBlock = keys[0]!;
  if (keyBlock.label === 'ENCRYPTED PRIVATE KEY') throw new Error('the private key is encrypted; msal-node needs it unencrypted');

  const leaf = new X509Certificate(certs[0]!);
  const key = createPrivateKey(keyBlock.text);
  // msal-node signs the client assertion with PS256 when given a SHA-256 thumbprint: RSA only.
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the private key is ${key.asymmetricKeyType}; an RSA key is required`);
  if (!leaf.checkPrivateKey(key)) throw new Error('the private key does not belong to the first certificate');

  return {
    thumbprintSha256: leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
    privateKey: keyBlock.text,
    x5c: certs.join('\n'),
  };
}
