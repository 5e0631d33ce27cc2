import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
}

/**
 * A fresh self-signed certificate for the Entra listener, made at every start so no private key
 * ever lives in the repository. msal-node insists on https authorities; clients trust exactly this
 * certificate (`caCertPem`), never "any certificate".
 */
export async function createTlsMaterial(host: string): Promise<TlsMaterial> {
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
  ];
  if (isIP(host) && host !== '127.0.0.1' && host !== '0.0.0.0' && host !== '::') altNames.push({ type: 7, ip: host });
  else if (!isIP(host) && host !== 'localhost') altNames.push({ type: 2, value: host });

  const pems = await generate([{ name: 'commonName', value: 'Verdict sandbox (Entra)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { keyPem: pems.private, certPem: pems.cert };
}
