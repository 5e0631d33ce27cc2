/**
 * Reading an MDE alert id from what an analyst types or pastes.
 *
 * MDE documents no format. Ids seen in the docs (`da637472900382838869_1364969609`,
 * `636688558380765161_2136280442`) fit `^[a-z]{0,3}\d{15,20}_-?\d+$`, but that is a heuristic
 * (mde-api §2), and Defender XDR shows other shapes. So anything made of a safe charset —
 * letters, digits, `_` and `-`, 6 to 128 characters — is accepted and MDE's 404 decides. The
 * charset is what keeps the id harmless in a URL path: no `/`, `.`, `%`, `?` or `#`.
 */
export const DOCUMENTED_ALERT_ID = /^[a-z]{0,3}\d{15,20}_-?\d+$/;

const SAFE_ALERT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{5,127}$/;

/** The alert id in `input`, or undefined when it is not one id of the safe charset. */
export function parseAlertId(input: string): string | undefined {
  // Quotes, backticks and angle brackets come with ids copied out of chats, code and e-mails.
  const token = input.trim().replace(/^["'`<]+|["'`>]+$/g, '');
  if (!token || /\s/.test(token)) return undefined;
  const id = fromPortalUrl(token) ?? token;
  return SAFE_ALERT_ID.test(id) ? id : undefined;
}

/** A Defender portal link (`…/alerts/<id>?tid=…`) pasted instead of the id. */
function fromPortalUrl(token: string): string | undefined {
  if (!/^https?:\/\//i.test(token)) return undefined;
  const match = /\/alerts\/([^/?#]+)/i.exec(token);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    // A malformed escape is not an id; the caller answers with the usage card.
    return undefined;
  }
}
