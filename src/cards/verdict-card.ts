import verdictTemplate from '../../cards/verdict.json';
import notFoundTemplate from '../../cards/verdict-not-found.json';
import type { Card } from './card';
import type { MdeFile } from '../mde/file';
import { hashTypeOf, type FoundHash, type HashType } from '../triage/hashes';
import { VERDICT_LABEL, type Verdict, type VerdictLevel } from '../triage/verdict';
import type { CardAction, Fact } from './card-action';
import { sectionView, type CardSection, type CardSectionView } from './card-section';
import { safeText } from './escape';
import { formatBytes, formatCount, formatUtc, formatYesNo } from './format';
import { renderCard } from './render';

export interface VerdictCardInput {
  hash: FoundHash;
  file: MdeFile | null;
  verdict: Verdict;
  /** The Defender portal, e.g. https://security.microsoft.com */
  portalUrl: string;
  /** Appended after the card's own buttons (containment, pivots). */
  actions?: CardAction[];
  /** Shown below the file's facts, e.g. a pivot's result. Found files only. */
  section?: CardSection;
  /** Not-found cards only: why this hash was asked about, instead of "MDE has never seen it" (already escaped). */
  note?: string;
}

export type CardColor = 'attention' | 'warning' | 'good' | 'default';

export const VERDICT_COLOR: Readonly<Record<VerdictLevel, CardColor>> = {
  malicious: 'attention',
  suspicious: 'warning',
  clean: 'good',
  unknown: 'default',
  'not-found': 'default',
};

export const HASH_TITLE: Readonly<Record<HashType, string>> = { sha256: 'SHA-256', sha1: 'SHA-1', md5: 'MD5' };

interface VerdictView {
  label: string;
  color: CardColor;
  reason: string;
  hasThreat: boolean;
  threatName: string;
  /** Long hex values: shown as wrapping monospace text, never in a FactSet that clips them. */
  hashFacts: Fact[];
  fileFacts: Fact[];
  detailFacts: Fact[];
  /** Long hex values: shown as wrapping monospace text, never in a FactSet that clips them. */
  detailHashes: Fact[];
  hasPortalUrl: boolean;
  portalFileUrl: string;
  actions: CardAction[];
  hasSection: boolean;
  section: CardSectionView;
}

interface NotFoundView {
  label: string;
  hasNote: boolean;
  note: string;
  hashTitle: string;
  hash: string;
  actions: CardAction[];
}

export function verdictCard(input: VerdictCardInput): Card {
  if (input.file === null) return renderCard(notFoundTemplate, notFoundView(input));
  return renderCard(verdictTemplate, verdictView({ ...input, file: input.file }));
}

function notFoundView({ hash, actions = [], note = '' }: VerdictCardInput): NotFoundView {
  return { label: VERDICT_LABEL['not-found'], hasNote: note !== '', note, hashTitle: HASH_TITLE[hash.type], hash: safeText(hash.value), actions };
}

function verdictView(input: VerdictCardInput & { file: MdeFile }): VerdictView {
  const { hash, file, verdict } = input;
  const threatName = safeText(verdict.threatName);
  const portalFileUrl = portalFileUrlFor(input);
  return {
    label: VERDICT_LABEL[verdict.level],
    color: VERDICT_COLOR[verdict.level],
    reason: safeText(verdict.reason),
    hasThreat: threatName !== '',
    threatName,
    hashFacts: facts([
      ['SHA-256', knownHash(file.sha256, hash, 'sha256')],
      ['SHA-1', knownHash(file.sha1, hash, 'sha1')],
      ['MD5', knownHash(file.md5, hash, 'md5')],
    ]),
    fileFacts: facts([
      ['Size', formatBytes(file.size)],
      ['File type', safeText(file.fileType)],
      ['Publisher', safeText(file.filePublisher)],
      ['Signer', safeText(file.signer)],
      ['Issuer', safeText(file.issuer)],
      ['Certificate', certificateText(file.isValidCertificate)],
      ['Global prevalence', formatCount(file.globalPrevalence)],
      ['First seen', formatUtc(file.globalFirstObserved)],
      ['Last seen', formatUtc(file.globalLastObserved)],
    ]),
    detailFacts: facts([
      ['You asked for', HASH_TITLE[hash.type]],
      ['PE file', formatYesNo(file.isPeFile)],
      ['Product', safeText(file.fileProductName)],
      ['Determination type', safeText(file.determinationType)],
      ['Determination value', safeText(file.determinationValue)],
      ['Classification', safeText(file.fileClassification)],
    ]),
    detailHashes: facts([
      ['Queried hash', safeText(hash.value)],
      ['Signer certificate hash', safeText(file.signerHash)],
    ]),
    hasPortalUrl: portalFileUrl !== '',
    portalFileUrl,
    actions: input.actions ?? [],
    ...sectionView(input.section),
  };
}

/** Rows with a value only: a missing field is left out rather than shown as "null". */
function facts(rows: [string, string | undefined][]): Fact[] {
  return rows.flatMap(([title, value]) => (value ? [{ title, value }] : []));
}

/** The file's own hash of that type, else the queried one if it is of that type. */
function knownHash(fromFile: string | null | undefined, queried: FoundHash, type: HashType): string | undefined {
  const value = fromFile?.trim() || (queried.type === type ? queried.value : '');
  return value ? safeText(value.toLowerCase()) : undefined;
}

function certificateText(valid: boolean | null | undefined): string {
  return valid === true ? 'valid' : valid === false ? 'not valid' : 'unknown';
}

/**
 * The portal's file page is keyed by SHA-1 (SHA-256 also works). Only a well-formed hash is put
 * in the URL, so file data can never redirect the button elsewhere.
 */
function portalFileUrlFor({ hash, file, portalUrl }: VerdictCardInput): string {
  const candidates = [file?.sha1, hash.type === 'sha1' ? hash.value : undefined, file?.sha256, hash.type === 'sha256' ? hash.value : undefined];
  const key = candidates.map((c) => c?.trim().toLowerCase() ?? '').find((c) => hashTypeOf(c) === 'sha1' || hashTypeOf(c) === 'sha256');
  return key ? `${portalUrl.replace(/\/+$/, '')}/file/${encodeURIComponent(key)}` : '';
}
