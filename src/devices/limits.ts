/** More devices than this in one set are refused, with the count and how to narrow it. */
export const MAX_DEVICE_SET = 1_000;
/** Pasted text (a list or a CSV) longer than this is refused before it is read. */
export const MAX_INPUT_CHARS = 200_000;
/** A hunting query longer than this is refused (Graph's own limit is not documented). */
export const MAX_QUERY_CHARS = 10_000;
/** How many invalid, unknown or duplicate entries a card names before "and N more". */
export const MAX_LISTED = 20;

export const DEVICE_ID = /^[0-9a-f]{40}$/i;
/** A computer DNS name or its first label (what Defender's computerDnsName holds). */
export const COMPUTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;

/** How to narrow a set that is too big, said the same way everywhere. */
export const narrowHint = (source: 'list' | 'csv' | 'query'): string =>
  source === 'query'
    ? `Narrow the query (add a \`where\` on DeviceName, OSPlatform or MachineGroup, or \`| take ${MAX_DEVICE_SET}\`) and run it again.`
    : `Split the ${source === 'csv' ? 'CSV' : 'list'} into parts of at most ${MAX_DEVICE_SET.toLocaleString('en-US')} devices and send each part.`;
/** Devices whose OS, health and exposure are looked up (the ones a card shows first); the rest show name and id. */
export const DETAILED = 20;
/**
 * More pasted names and ids than this are resolved with one advanced hunting query first (then a
 * GET for each key it did not find), and the person sees a progress message meanwhile; this many
 * or fewer are one GET each, quick enough under MDE's 100/min.
 */
export const HUNT_ABOVE = 20;
