/**
 * Which dotted words in prose are domains. A paste is full of `setup.exe`, `report.pdf`,
 * `config.json` and version strings; a domain needs a top-level domain that exists. Every
 * two-letter code is a country TLD, but some are mostly file extensions (`.sh`, `.py`, `.md`):
 * those count only when the author marked the value (defanged, or written as a URL). The generic
 * TLDs listed are the common ones and those advisories often name; a bare name under an unlisted
 * gTLD is missed unless it is defanged or in a URL (then any alphabetic TLD counts).
 */
const GENERIC = new Set(
  (
    'com net org info biz edu gov mil int arpa name pro mobi asia tel travel aero coop jobs museum cat post ' +
    'app dev io xyz top online site shop store club live life world today space tech website cloud host ' +
    'digital email link click download zip mov work network solutions services support center agency ' +
    'news blog media one icu vip win bid loan men date party review stream trade racing science cricket ' +
    'faith accountant webcam gdn cyou buzz rest fun monster quest sbs cfd lol bond beauty hair skin makeup ' +
    'onion best guru ninja rocks systems company group global center city ' +
    'africa lat moe red blue pink black green mom kim ovh bar casa wiki exposed lgbt help tokyo nyc london ' +
    // Reserved names: listed so they are found, and then flagged as known-benign.
    'local test example invalid'
  ).split(' '),
);

/** Country codes that are mostly file extensions in pasted text. */
const FILE_LIKE = new Set(['sh', 'py', 'md', 'pl', 'rs', 'ps', 'so', 'js', 'cs', 'vb', 'ai', 'gz', 'bz', 'db', 'ts', 'hh', 'ms', 'mk', 'ml', 'dj', 'ad', 'cc', 'im', 'am', 'pm']);

/** Whether `tld` (lower-case ASCII) makes a dotted word a domain; `marked`: defanged or inside a URL. */
export function isDomainTld(tld: string, marked: boolean): boolean {
  if (tld.startsWith('xn--')) return /^xn--[a-z0-9-]{2,59}$/.test(tld);
  if (!/^[a-z]{2,24}$/.test(tld)) return false;
  if (marked) return true;
  if (tld.length === 2) return !FILE_LIKE.has(tld);
  return GENERIC.has(tld) && !['zip', 'mov'].includes(tld);
}
