/** `url` parsed, or undefined when it does not parse or carries a user name or password (`user:pw@host` tricks). */
export function plainUrl(url: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.username || parsed.password ? undefined : parsed;
}
