import { RestError, type AppendBlobClient, type ContainerClient } from '@azure/storage-blob';

/**
 * The blob journal's segments: append blobs `audit-000001.jsonl`, `audit-000002.jsonl`, … in the
 * journal container, one entry (one canonical-JSON line) per block. Azure caps an append blob at
 * 50,000 blocks, so each segment is created with the number of entries it will hold in its
 * metadata (`maxentries`), and every writer reads the limit from the segment itself: instances
 * configured differently still agree where one segment ends and the next begins.
 */
export const AZURE_APPEND_BLOCK_LIMIT = 50_000;
/** Below Azure's cap, so a segment is full by our count before Azure would refuse a block. */
export const DEFAULT_SEGMENT_ENTRIES = 49_000;

const PREFIX = 'audit-';
const NAME = /^audit-(\d{6,})\.jsonl$/;

export const segmentName = (index: number): string => `${PREFIX}${String(index).padStart(6, '0')}.jsonl`;

/** A segment as one writer last saw it. */
export interface Segment {
  index: number;
  blob: AppendBlobClient;
  /** Entries it holds at most (its metadata). */
  limit: number;
  /** Bytes seen so far: where the next block must go (the append-position condition). */
  length: number;
  /** Seq of its first entry (the previous segments' entries + 1). */
  firstSeq: number;
  /** Byte offset of each entry seen: `starts[seq - firstSeq]`. */
  starts: number[];
}

/** The segments that exist, by index, in order. */
export async function listSegments(container: ContainerClient): Promise<number[]> {
  const found: number[] = [];
  for await (const item of container.listBlobsFlat({ prefix: PREFIX })) {
    const m = NAME.exec(item.name);
    if (m) found.push(Number(m[1]));
  }
  return found.sort((a, b) => a - b);
}

/** The segment if it exists (404 → undefined), with its limit and current length. */
export async function segmentAt(container: ContainerClient, index: number, firstSeq: number): Promise<Segment | undefined> {
  const blob = container.getAppendBlobClient(segmentName(index));
  try {
    const props = await blob.getProperties();
    const limit = Number(props.metadata?.maxentries);
    return { index, blob, limit: Number.isInteger(limit) && limit >= 1 ? Math.min(limit, AZURE_APPEND_BLOCK_LIMIT) : AZURE_APPEND_BLOCK_LIMIT, length: 0, firstSeq, starts: [] };
  } catch (err) {
    if (err instanceof RestError && err.statusCode === 404) return undefined;
    throw err;
  }
}

/** Creates segment `index` unless another writer already did (then it is used as it is). */
export async function createSegment(container: ContainerClient, index: number, limit: number, firstSeq: number): Promise<Segment> {
  const blob = container.getAppendBlobClient(segmentName(index));
  try {
    await blob.create({ metadata: { maxentries: String(limit), firstseq: String(firstSeq) }, conditions: { ifNoneMatch: '*' } });
  } catch (err) {
    // 409 BlobAlreadyExists / 412: a racing writer created it first, which is just as good.
    if (!(err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412))) throw err;
  }
  const made = await segmentAt(container, index, firstSeq);
  if (!made) throw new Error(`audit journal segment ${segmentName(index)} vanished right after it was created`);
  return made;
}

/** The segment's bytes from `from` to its current end (empty when nothing was added). */
export async function bytesAfter(segment: Segment, from: number): Promise<Buffer> {
  const size = (await segment.blob.getProperties()).contentLength ?? 0;
  if (size <= from) return Buffer.alloc(0);
  return segment.blob.downloadToBuffer(from, size - from);
}

/** Bytes `[start, end)` of the segment. */
export const bytesBetween = (segment: Segment, start: number, end: number): Promise<Buffer> =>
  end > start ? segment.blob.downloadToBuffer(start, end - start) : Promise.resolve(Buffer.alloc(0));

/** What an append's failure means for the writer. */
export type AppendFailure = 'moved' | 'full' | 'other';

/** 412 AppendPositionConditionNotMet: another writer appended first. 409 BlockCountExceedsLimit: the segment is full. */
export function appendFailure(err: unknown): AppendFailure {
  if (!(err instanceof RestError)) return 'other';
  if (err.statusCode === 412 && err.code === 'AppendPositionConditionNotMet') return 'moved';
  if (err.statusCode === 409 && err.code === 'BlockCountExceedsLimit') return 'full';
  return 'other';
}
