import { createHash } from 'node:crypto';
import type { MdeFileEntity } from './demo-files';

/** Decides what MDE "knows" about a hash the demo catalogue does not have; null: MDE never saw it. */
export type SyntheticFiles = (hash: string) => MdeFileEntity | null;

const digest = (algorithm: 'sha1' | 'sha256' | 'md5', seed: string) => createHash(algorithm).update(seed).digest('hex');

/** MDE's timestamp form: seven fractional digits. */
const mdeTime = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '0000Z');

const DAY_MS = 86_400_000;
const EPOCH_2020 = Date.UTC(2020, 0, 1);

type Kind = 'malware' | 'pua' | 'clean' | 'unknown';

/**
 * The built-in rule (`syntheticFiles: true`), so a benchmark can ask about thousands of random
 * hashes and get a realistic, reproducible mix. The verdict follows from the hash alone:
 *
 * | hash                                   | share of random hashes | MDE answers                              |
 * |----------------------------------------|------------------------|------------------------------------------|
 * | starts with `bad0` or `0bad`           | (chosen by tests)      | Malware, `Trojan:Win32/Synthetic.<hex>`   |
 * | first byte 0x00–0x0c                   | ~5 %                   | Malware                                   |
 * | first byte 0x0d–0x19                   | ~5 %                   | Pua, `PUA:Win32/Synthetic.<hex>`          |
 * | first byte 0x1a–0x7f                   | ~40 %                  | Clean: signed, valid certificate, common  |
 * | first byte 0x80–0xbf                   | 25 %                   | Unknown: unsigned, seen a few times       |
 * | first byte 0xc0–0xff                   | 25 %                   | not found (404 / ProfileAvailability Missing) |
 *
 * The other hash of the file (its SHA-256 when asked by SHA-1, and the reverse) is derived from
 * the one asked; the sandbox remembers the pair so a later lookup by the derived hash finds the
 * same file. Other fields (size, prevalence, dates) come from further bytes of the hash.
 */
export function syntheticFile(hash: string): MdeFileEntity | null {
  const h = hash.toLowerCase();
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(h)) return null;
  const kind = kindOf(h);
  if (!kind) return null;
  const byte = (i: number) => parseInt(h.slice(i * 2, i * 2 + 2), 16);
  const word = (i: number) => (byte(i) << 8) | byte(i + 1);
  const sha1 = h.length === 40 ? h : digest('sha1', `verdict-sandbox/synthetic/${h}`);
  const sha256 = h.length === 64 ? h : digest('sha256', `verdict-sandbox/synthetic/${h}`);
  const tag = h.slice(4, 8).toUpperCase();
  const first = EPOCH_2020 + word(2) * (DAY_MS / 40);
  const common = {
    sha1,
    sha256,
    md5: digest('md5', `verdict-sandbox/synthetic/${h}`),
    globalFirstObserved: mdeTime(first),
    globalLastObserved: mdeTime(first + (1 + byte(4)) * DAY_MS),
    size: 4_096 + word(5) * 37,
    isPeFile: true,
  };
  switch (kind) {
    case 'malware':
      return { ...common, globalPrevalence: 1 + byte(7), fileType: null, ...unsigned, determinationType: 'Malware', determinationValue: `Trojan:Win32/Synthetic.${tag}!ml` };
    case 'pua':
      return {
        ...common, globalPrevalence: 500 + word(7), fileType: 'APP', filePublisher: 'Fabrikam Bundles Ltd.', fileProductName: `Fabrikam Toolbar ${tag}`,
        signer: 'Fabrikam Bundles Ltd.', issuer: 'Sectigo Public Code Signing CA R36', signerHash: digest('sha1', 'verdict-sandbox/signer/fabrikam'),
        isValidCertificate: false, determinationType: 'Pua', determinationValue: `PUA:Win32/Synthetic.${tag}`,
      };
    case 'clean':
      return {
        ...common, globalPrevalence: 20_000 + word(7) * 50, fileType: 'APP', filePublisher: 'Contoso Software Ltd.', fileProductName: `Contoso Suite ${tag}`,
        signer: 'Contoso Software Ltd.', issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1', signerHash: digest('sha1', 'verdict-sandbox/signer/contoso-software'),
        isValidCertificate: true, determinationType: 'Clean', determinationValue: null,
      };
    case 'unknown':
      return { ...common, globalPrevalence: 1 + (byte(7) % 20), fileType: null, ...unsigned, determinationType: 'Unknown', determinationValue: null };
  }
}

const unsigned = { filePublisher: null, fileProductName: null, signer: null, issuer: null, signerHash: null, isValidCertificate: null } as const;

function kindOf(h: string): Kind | undefined {
  if (h.startsWith('bad0') || h.startsWith('0bad')) return 'malware';
  const b = parseInt(h.slice(0, 2), 16);
  if (b <= 0x0c) return 'malware';
  if (b <= 0x19) return 'pua';
  if (b <= 0x7f) return 'clean';
  if (b <= 0xbf) return 'unknown';
  return undefined;
}
