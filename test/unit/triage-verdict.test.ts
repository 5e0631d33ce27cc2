import type { MdeFile } from '../../src/mde/file';
import {
  decideVerdict,
  INFERRED_CLEAN_MIN_PREVALENCE,
  VERDICT_LABEL,
  VERDICT_RANK,
  type VerdictLevel,
} from '../../src/triage/verdict';

/** A file MDE knows nothing bad or good about: the shape of the docs' "Unknown" example. */
const unknownFile = (over: Partial<MdeFile> = {}): MdeFile => ({
  sha1: '3395856ce81f2b7382dee72602f798b642f14140',
  sha256: null,
  determinationType: 'Unknown',
  determinationValue: null,
  ...over,
});

/** Signed by a valid certificate and seen everywhere: what the inferred-clean rule looks for. */
const signedPrevalent = (over: Partial<MdeFile> = {}): MdeFile =>
  unknownFile({ signer: 'Microsoft Corporation', isValidCertificate: true, globalPrevalence: 2_500_000, ...over });

describe('decideVerdict', () => {
  it('when MDE has no file, then the verdict is not found', () => {
    expect(decideVerdict(null)).toEqual({ level: 'not-found', reason: 'MDE has no record of this file' });
  });

  it('when MDE says Malware with an EICAR name, then it is malicious with that name and a one-line reason', () => {
    expect(decideVerdict(unknownFile({ determinationType: 'Malware', determinationValue: 'Virus:DOS/EICAR_Test_File' }))).toEqual({
      level: 'malicious',
      reason: 'MDE determination: Malware (Virus:DOS/EICAR_Test_File)',
      threatName: 'Virus:DOS/EICAR_Test_File',
    });
  });

  it('when MDE says Pua, then it is suspicious, as in the docs example', () => {
    expect(decideVerdict(unknownFile({ determinationType: 'Pua', determinationValue: 'PUA:Win32/FusionCore' }))).toEqual({
      level: 'suspicious',
      reason: 'MDE determination: Pua (PUA:Win32/FusionCore)',
      threatName: 'PUA:Win32/FusionCore',
    });
  });

  it.each<[string, Partial<MdeFile>, VerdictLevel]>([
    // Rule 2: malware types, any case or spacing.
    ['type MALWARE', { determinationType: 'MALWARE' }, 'malicious'],
    ['type " malware "', { determinationType: ' malware ' }, 'malicious'],
    ['type virus', { determinationType: 'virus' }, 'malicious'],
    ['type Trojan', { determinationType: 'Trojan' }, 'malicious'],
    ['type Ransomware', { determinationType: 'Ransomware' }, 'malicious'],
    ['type Backdoor', { determinationType: 'Backdoor' }, 'malicious'],
    ['type Exploit', { determinationType: 'Exploit' }, 'malicious'],
    ['type Malicious', { determinationType: 'Malicious' }, 'malicious'],
    // Rule 2: malware families in the name, whatever the type says.
    ['Unknown type, Trojan: name', { determinationValue: 'Trojan:Win32/Wacatac.B!ml' }, 'malicious'],
    ['no type, TrojanDownloader: name', { determinationType: null, determinationValue: 'TrojanDownloader:O97M/Emotet.A' }, 'malicious'],
    ['empty type, Ransom: name', { determinationType: '', determinationValue: 'Ransom:Win32/LockBit.A' }, 'malicious'],
    ['Backdoor: name', { determinationValue: 'Backdoor:Win32/Cobaltstrike.B' }, 'malicious'],
    ['Worm: name', { determinationValue: 'Worm:Win32/Conficker.B' }, 'malicious'],
    ['Exploit: name', { determinationValue: 'Exploit:Win32/CVE-2017-11882' }, 'malicious'],
    ['Behavior: name', { determinationValue: 'Behavior:Win32/CobaltStrike.D' }, 'malicious'],
    ['VirTool: name', { determinationValue: 'VirTool:Win32/Obfuscator.ACB' }, 'malicious'],
    ['lower-case family', { determinationValue: 'trojan:win32/x' }, 'malicious'],
    ['threatName only (undocumented field)', { threatName: 'Trojan:Win32/Emotet' }, 'malicious'],
    ['the worst signal wins over Pua', { determinationType: 'Pua', determinationValue: 'Trojan:Win32/X' }, 'malicious'],
    ['the worst signal wins over Clean', { determinationType: 'Clean', threatName: 'Virus:Win32/X' }, 'malicious'],
    // Rule 3: suspicious types and families.
    ['type pua', { determinationType: 'pua' }, 'suspicious'],
    ['type PotentiallyUnwanted', { determinationType: 'PotentiallyUnwanted' }, 'suspicious'],
    ['type "Potentially Unwanted"', { determinationType: 'Potentially Unwanted' }, 'suspicious'],
    ['type Suspicious', { determinationType: 'Suspicious' }, 'suspicious'],
    ['type HackTool', { determinationType: 'HackTool' }, 'suspicious'],
    ['PUADlManager: name', { determinationValue: 'PUADlManager:Win32/Snackarcin' }, 'suspicious'],
    ['PUABundler: name', { determinationValue: 'PUABundler:Win32/X' }, 'suspicious'],
    ['HackTool: name (dual-use)', { determinationValue: 'HackTool:Win32/Mimikatz.D' }, 'suspicious'],
    ['Adware: name', { determinationValue: 'Adware:Win32/X' }, 'suspicious'],
    ['signed and prevalent but PUA', { ...signedPrevalent(), determinationType: 'Pua', determinationValue: 'PUA:Win32/X' }, 'suspicious'],
    // Rule 4: clean types.
    ['type Clean', { determinationType: 'Clean' }, 'clean'],
    ['type BENIGN', { determinationType: 'BENIGN' }, 'clean'],
    // Rule 5: something MDE said that we do not know.
    ['an unrecognised type', { determinationType: 'SupportScam' }, 'suspicious'],
    ['an unrecognised family', { determinationValue: 'SupportScam:Win32/X' }, 'suspicious'],
    ['a name without a family', { determinationValue: 'EICAR' }, 'suspicious'],
    // Rule 6: fileClassification only when the determination is silent.
    ['classification Malicious', { fileClassification: 'Malicious' }, 'malicious'],
    ['classification suspicious', { fileClassification: 'suspicious' }, 'suspicious'],
    ['classification Clean', { fileClassification: 'Clean' }, 'clean'],
    ['classification not recognised', { fileClassification: 'Weird' }, 'unknown'],
    ['classification "constructor" (an Object.prototype key)', { fileClassification: 'constructor' }, 'unknown'],
    ['classification "__proto__"', { fileClassification: '__proto__' }, 'unknown'],
    ['classification Clean under type Pua', { determinationType: 'Pua', fileClassification: 'Clean' }, 'suspicious'],
    ['classification Malicious under type Clean', { determinationType: 'Clean', fileClassification: 'Malicious' }, 'clean'],
    // Rules 7 and 8: no determination at all.
    ['type Unknown', {}, 'unknown'],
    ['only nulls', { determinationType: null, determinationValue: null, fileClassification: null, threatName: null }, 'unknown'],
    ['only empty strings', { determinationType: '', determinationValue: '', fileClassification: '', threatName: ' ' }, 'unknown'],
  ])('when the file has %s, then it is %s', (_name, over, level) => {
    expect(decideVerdict(unknownFile(over)).level).toBe(level);
  });

  it('when a file has no fields at all, then it is unknown', () => {
    expect(decideVerdict({})).toEqual({ level: 'unknown', reason: 'MDE has no determination for this file' });
  });

  it('when only a detection name is known, then the reason names it as a detection', () => {
    expect(decideVerdict(unknownFile({ determinationValue: 'Trojan:Win32/Wacatac.B!ml' })).reason).toBe('MDE detection: Trojan:Win32/Wacatac.B!ml');
  });

  it('when MDE gives both, then the threat name prefers threatName over determinationValue', () => {
    const v = decideVerdict(unknownFile({ determinationValue: 'Trojan:Win32/Emotet', threatName: 'Emotet' }));
    expect(v.threatName).toBe('Emotet');
  });

  it('when the type is unrecognised, then the reason quotes it and asks for review', () => {
    expect(decideVerdict(unknownFile({ determinationType: 'SupportScam' })).reason).toBe(
      'MDE determination: SupportScam (not a determination Verdict recognises; review)',
    );
  });

  it('when the classification decides, then the reason says so', () => {
    expect(decideVerdict(unknownFile({ fileClassification: 'Malicious' }))).toEqual({ level: 'malicious', reason: 'File classification: Malicious' });
  });

  it('when MDE values contain line breaks, then the reason stays on one line', () => {
    const v = decideVerdict(unknownFile({ determinationType: 'Malware', determinationValue: 'Trojan:Win32/X\n\n# injected' }));
    expect(v.reason).toBe('MDE determination: Malware (Trojan:Win32/X # injected)');
  });

  describe('inferred clean (rule 7)', () => {
    it('when a validly signed file is highly prevalent, then it is clean and the reason says it is inferred', () => {
      expect(decideVerdict(signedPrevalent())).toEqual({
        level: 'clean',
        reason: 'No MDE determination; inferred clean from a valid signature (Microsoft Corporation) and global prevalence 2,500,000',
      });
    });

    it.each<[string, Partial<MdeFile>, VerdictLevel]>([
      ['prevalence exactly at the threshold', { globalPrevalence: INFERRED_CLEAN_MIN_PREVALENCE }, 'clean'],
      ['prevalence one below the threshold', { globalPrevalence: INFERRED_CLEAN_MIN_PREVALENCE - 1 }, 'unknown'],
      ['prevalence null', { globalPrevalence: null }, 'unknown'],
      ['certificate validity unknown', { isValidCertificate: null }, 'unknown'],
      ['an invalid certificate', { isValidCertificate: false }, 'unknown'],
      ['an empty signer', { signer: '  ' }, 'unknown'],
      ['no signer', { signer: null }, 'unknown'],
    ])('when the file has %s, then it is %s', (_name, over, level) => {
      expect(decideVerdict(signedPrevalent(over)).level).toBe(level);
    });

    it('when the certificate is not valid, then the reason says so', () => {
      expect(decideVerdict(signedPrevalent({ isValidCertificate: false })).reason).toBe(
        'MDE has no determination for this file, and its certificate (Microsoft Corporation) is not valid',
      );
    });
  });
});

describe('VERDICT_RANK and VERDICT_LABEL', () => {
  const levels = Object.keys(VERDICT_LABEL) as VerdictLevel[];

  it('when levels are sorted by rank, then the most dangerous come first and not found comes last', () => {
    expect([...levels].sort((a, b) => VERDICT_RANK[a] - VERDICT_RANK[b])).toEqual(['malicious', 'suspicious', 'unknown', 'clean', 'not-found']);
  });

  it('when labels are shown, then each level has its display name', () => {
    expect(VERDICT_LABEL).toEqual({ malicious: 'Malicious', suspicious: 'Suspicious', clean: 'Clean', unknown: 'Unknown', 'not-found': 'Not found' });
  });
});
