/**
 * Removes an API key from text that came back from a server before it is shown or logged: some
 * servers echo the key they rejected ("Incorrect API key provided: sk-...").
 */
export function redactSecret(text: string, secret: string | undefined): string {
  // Keys shorter than this are not keys, and redacting them would mangle ordinary words.
  if (!secret || secret.length < 8) return text;
  return text.split(secret).join('[redacted]');
}
