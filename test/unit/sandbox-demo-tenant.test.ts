import { createHash } from 'node:crypto';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256, DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';

const files = Object.values(DEMO_FILES);

describe('demo tenant', () => {
  it('when the demo files are listed, then every hash is lowercase hex of the right length', () => {
    for (const demo of files) {
      expect(demo.sha1).toMatch(/^[0-9a-f]{40}$/);
      expect(demo.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(demo.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(demo.file).toMatchObject({ sha1: demo.sha1, sha256: demo.sha256, md5: demo.md5 });
    }
    expect(DEMO_NOT_FOUND_SHA256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when all hashes are collected, then no two are the same and the not-found hash is none of them', () => {
    const all = files.flatMap((d) => [d.sha1, d.sha256, d.md5]);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(DEMO_NOT_FOUND_SHA256);
  });

  it('when the malware file is read, then it is EICAR with its well-known hashes and detection name', () => {
    expect(DEMO_FILES.malware).toMatchObject({
      sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      sha1: '3395856ce81f2b7382dee72602f798b642f14140',
      md5: '44d88612fea8a8f36de82e1278abb02f',
    });
    expect(DEMO_FILES.malware.file).toMatchObject({ determinationType: 'Malware', determinationValue: 'Virus:DOS/EICAR_Test_File', signer: null });
  });

  it('when each verdict class is read, then its determination matches what the bot maps it from', () => {
    expect(DEMO_FILES.pua.file).toMatchObject({ determinationType: 'Pua', determinationValue: 'PUA:Win32/FusionCore' });
    expect(DEMO_FILES.clean.file).toMatchObject({
      determinationType: 'Clean',
      determinationValue: null,
      filePublisher: 'Microsoft Corporation',
      signer: 'Microsoft Windows',
      issuer: 'Microsoft Windows Production PCA 2011',
      isValidCertificate: true,
    });
    expect(DEMO_FILES.unknown.file).toMatchObject({ determinationType: 'Unknown', determinationValue: null, signer: null, issuer: null, filePublisher: null });
  });

  it('when a timestamp is read, then it has MDE\'s seven-digit fractional ISO form', () => {
    for (const demo of files) {
      expect(demo.file.globalFirstObserved).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
      expect(demo.file.globalLastObserved).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    }
  });

  it('when the made-up files are recomputed from their seeds, then the hashes are the same (deterministic)', () => {
    expect(DEMO_FILES.clean.sha256).toBe(createHash('sha256').update('verdict-sandbox/clean/notepad.exe').digest('hex'));
  });

  it('when the demo users are read, then they are exactly the four agreed people and roles', () => {
    expect(DEMO_TENANT_ID).toBe('8f6e7c3a-0d1b-4c2e-9a57-3b1f2e4d5c6a');
    expect(DEMO_USERS).toEqual({
      alex: { name: 'Alex Wilber', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', role: 'responder' },
      megan: { name: 'Megan Bowen', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d02', role: 'approver' },
      lee: { name: 'Lee Gu', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d03', role: 'reader' },
      diego: { name: 'Diego Siciliani', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d04', role: null },
    });
  });

  it('when someone tries to change a demo file, then the fixture stays as it was', () => {
    expect(Object.isFrozen(DEMO_FILES.malware.file)).toBe(true);
    expect(Object.isFrozen(DEMO_USERS.alex)).toBe(true);
  });
});
