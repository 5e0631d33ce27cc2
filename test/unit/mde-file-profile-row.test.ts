import { mapFileProfileRow } from '../../src/mde/file-profile-row';

const AVAILABLE = {
  SHA1: '3395856CE81F2B7382DEE72602F798B642F14140',
  SHA256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
  MD5: '44d88612fea8a8f36de82e1278abb02f',
  FileSize: 68,
  GlobalPrevalence: 1873402,
  GlobalFirstSeen: '2013-03-12T04:17:52.1630713Z',
  GlobalLastSeen: '2025-11-02T08:41:13.5530218Z',
  Signer: '',
  Issuer: '',
  SignerHash: '',
  IsCertificateValid: null,
  IsRootSignerMicrosoft: false,
  SignatureState: 'Unsigned',
  IsExecutable: false,
  ThreatName: 'Virus:DOS/EICAR_Test_File',
  Publisher: '',
  SoftwareName: '',
  ProfileAvailability: 'Available',
};

describe('FileProfile row mapping', () => {
  it('when a row is Available, then every FileProfile column lands on its File entity name, hashes lower-cased, "" as null', () => {
    expect(mapFileProfileRow(AVAILABLE)).toEqual({
      availability: 'available',
      file: {
        sha1: '3395856ce81f2b7382dee72602f798b642f14140',
        sha256: AVAILABLE.SHA256,
        md5: AVAILABLE.MD5,
        size: 68,
        globalPrevalence: 1873402,
        globalFirstObserved: AVAILABLE.GlobalFirstSeen,
        globalLastObserved: AVAILABLE.GlobalLastSeen,
        signer: null,
        issuer: null,
        signerHash: null,
        isValidCertificate: null,
        isPeFile: false,
        filePublisher: null,
        fileProductName: null,
        threatName: 'Virus:DOS/EICAR_Test_File',
      },
    });
  });

  it('when a signed file is Available, then signer, issuer, publisher, product and certificate validity are kept', () => {
    const outcome = mapFileProfileRow({ ...AVAILABLE, Signer: 'Microsoft Windows', Issuer: 'Microsoft Windows Production PCA 2011', SignerHash: 'ABCDEF', IsCertificateValid: true, IsExecutable: true, Publisher: 'Microsoft Corporation', SoftwareName: 'Windows', ThreatName: '' });
    expect(outcome).toMatchObject({ file: { signer: 'Microsoft Windows', issuer: 'Microsoft Windows Production PCA 2011', signerHash: 'abcdef', isValidCertificate: true, isPeFile: true, filePublisher: 'Microsoft Corporation', fileProductName: 'Windows', threatName: null } });
  });

  it('when the profile has no determinationType, then none is invented', () => {
    const outcome = mapFileProfileRow(AVAILABLE);
    expect(outcome.availability === 'available' && 'determinationType' in outcome.file).toBe(false);
  });

  it.each([
    ['numbers as strings and booleans as 0/1', { FileSize: '68', GlobalPrevalence: '12', IsExecutable: 1, IsCertificateValid: 'True' }, { size: 68, globalPrevalence: 12, isPeFile: true, isValidCertificate: true }],
    ['values of a wrong type', { FileSize: 'big', GlobalFirstSeen: 17, IsExecutable: 'maybe', Signer: { x: 1 } }, { size: null, globalFirstObserved: null, isPeFile: null, signer: null }],
  ])('when a row carries %s, then they are read leniently', (_label, patch, expected) => {
    expect(mapFileProfileRow({ ...AVAILABLE, ...patch })).toMatchObject({ availability: 'available', file: expected });
  });

  it.each([
    ['Missing', 'missing'],
    ['missing', 'missing'],
    ['Error', 'unavailable'],
    ['', 'unavailable'],
    [null, 'unavailable'],
    [undefined, 'unavailable'],
    ['SomethingNew', 'unavailable'],
  ])('when ProfileAvailability is %p, then the outcome is %s and no file is made up', (value, expected) => {
    expect(mapFileProfileRow({ ...AVAILABLE, ProfileAvailability: value })).toEqual({ availability: expected });
  });
});
