/**
 * Who may ask a media server for what, decided from the request alone: the real server and any
 * other handler over the same rules (a Fetch-API handler for desktop shells) answer alike.
 */

/** The origins allowed to read media from another origin: a list, or `*` for any. */
export type CorsOrigins = string | readonly string[] | undefined;

/** What a page's script must be let read of a media answer: the kit reads the file's size from `Content-Range`. */
export const corsExposedHeaders = 'Accept-Ranges, Content-Range, Content-Length, ETag, Last-Modified';

/** The request headers a media request may carry from another origin (a preflight allows them). */
export const corsAllowedRequestHeaders = 'Range, If-Range, If-None-Match, If-Modified-Since';



/**
 * The CORS headers of an answer to a request from `origin`. With an allow-list the answer
 * depends on the Origin, so every answer says `Vary: Origin` (allowed or not), or a cache could
 * hand one origin's answer to another.
 */
export function corsHeadersFor(origin: string | undefined, cors: CorsOrigins): Record<string, string> {
  if (!cors) return {};
  const origins = typeof cors === 'string' ? [cors] : cors;
  if (origins.includes('*')) return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': corsExposedHeaders };
  if (origin && origins.includes(origin)) {
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': corsExposedHeaders, Vary: 'Origin' };
  }
  return { Vary: 'Origin' };
}

/**
 * The path and query of a request target: origin-form (`/a.mp4`) as it is, absolute-form
 * (`http://host/a.mp4`, which RFC 9112 says a server must accept) reduced to its path, with the
 * authority it names (which then stands for the Host header).
 */
export function requestTarget(target: string): { path: string; authority?: string } {
  if (target.startsWith('/')) return { path: target };
  try {
    const url = new URL(target);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { path: `${url.pathname}${url.search}`, authority: url.host };
  } catch {
    // Not a URL: left to the path rules, which refuse it.
  }
  return { path: target };
}

/** The host name of a Host header or authority, without its port or IPv6 brackets, lower-cased. */
export function hostName(authority: string): string {
  const trimmed = authority.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  return trimmed.replace(/:\d*$/, '');
}

/** Names that can only mean this machine. */
export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '::1';
}

/**
 * Whether a request that came in on a loopback address names a host it may: a loopback name or
 * one the server was told (`--allowed-host`). A page on another site whose name was made to point
 * at 127.0.0.1 (DNS rebinding) sends its own name, and is refused. Requests that came in on
 * another address are not checked here (the server was put on a network on purpose).
 */
export function hostAllowed(authority: string | undefined, allowedHosts: readonly string[] = []): boolean {
  if (!authority) return false;
  const name = hostName(authority);
  return isLoopbackName(name) || allowedHosts.some((allowed) => hostName(allowed) === name);
}

/**
 * Whether a request that changes state (starts a transcode) may: a browser sends `Origin` with
 * it, and one from another site is refused unless that origin is allowed by CORS. No Origin (a
 * command-line client, a server) or the server's own origin passes.
 */
export function originMayChangeState(origin: string | undefined, authority: string | undefined, cors: CorsOrigins): boolean {
  if (origin === undefined) return true;
  if (authority !== undefined && (origin === `http://${authority}` || origin === `https://${authority}`)) return true;
  if (!cors) return false;
  const origins = typeof cors === 'string' ? [cors] : cors;
  return origins.includes('*') || origins.includes(origin);
}
