/**
 * What a job says when Redis fails it: the library's message with the URL's password taken out
 * (whatever the library put in it), and whether a TLS server was refused for its certificate.
 */
export function withoutPassword(message: string, url: string): string {
  const password = safeUrl(url)?.password;
  return password ? message.split(decodeURIComponent(password)).join('***').split(password).join('***') : message;
}

/** a TLS server whose certificate chain Node's CA store does not vouch for */
export function untrusted(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/**
 * Whether an error came from Redis or the way to it (a lost connection, a socket error, a server's
 * error reply) rather than from ptest's own code, which must still read as an internal error.
 */
export function isRedisFailure(error: unknown): boolean {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'MaxRetriesPerRequestError' || name === 'ReplyError' || name === 'AbortError') return true;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || message === 'Connection is closed.';
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
