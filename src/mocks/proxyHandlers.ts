import { http, HttpResponse, type HttpHandler } from 'msw';
import { allowedMethods, planFileResponse, proxyPaths, refuseMethod, requestFactsOf, type ProxyErrorCode, type ProxyStatus } from '../http';
import type { MockMediaFile } from './createMediaHandlers';
import { escapeRegExp, servedFile } from './servedFile';

/** A file's preview proxy as the mock media server makes it, without ffmpeg. */
export interface MockProxy {
  /** What is served once the proxy is ready (a fixture proxy). */
  file: MockMediaFile;
  /** Status polls while "making" it before it is ready, progress rising evenly; 0 (default): ready at once. */
  pollsToReady?: number;
  /** It fails instead, as the server says when ffmpeg cannot make it. */
  failure?: { code: ProxyErrorCode; message: string };
  /** The tallest the server makes proxies, as its status says (`--proxy-height`); 720 by default. */
  maxHeight?: number;
  /** The first this many requests are refused as the server's full queue does (429, Retry-After: 1). */
  busyPosts?: number;
}

const json = (status: number, body: ProxyStatus) => HttpResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * The media server's proxy protocol (`POST /.proxy/<path>`, `GET /.proxy-status/<path>`, `GET
 * /.proxy/<path>`) over fixtures: the same statuses, JSON bodies and Range semantics as the real
 * server, so stories and tests show proxies being made without ffmpeg.
 */
export function createProxyHandlers(prefixPath: string, proxies: Record<string, MockProxy>, maxRangeBytes: number) {
  const requested = new Map<string, number>();
  const refusedPosts = new Map<string, number>();
  const files = new Map(Object.entries(proxies).map(([name, proxy]) => [name, servedFile(`${name}.proxy.mp4`, proxy.file)]));

  const statusOf = async (name: string, proxy: MockProxy): Promise<ProxyStatus> => {
    const polls = requested.get(name);
    if (polls === undefined) return { state: 'none' };
    if (proxy.failure) return { state: 'failed', error: proxy.failure };
    const steps = proxy.pollsToReady ?? 0;
    if (polls < steps) return { state: 'generating', progress: polls / steps };
    return { state: 'ready', bytes: (await (files.get(name) as ReturnType<typeof servedFile>).facts()).size, maxHeight: proxy.maxHeight ?? 720 };
  };

  const route = (path: string) => new RegExp(`^[a-z]+://[^/]+${escapeRegExp(path)}${escapeRegExp(prefixPath)}/(.+)$`, 'i');
  const nameIn = (url: string, path: string) => decodeURIComponent(route(path).exec(url)?.[1] ?? '');

  const statusHandler = http.all(route(proxyPaths.status), async ({ request }) => {
    const refused = refuseMethod(request.method, 'GET');
    if (refused) return new HttpResponse(null, refused);
    const name = nameIn(request.url, proxyPaths.status);
    const proxy = proxies[name];
    if (!proxy) return new HttpResponse(null, { status: 404 });
    // Each poll of a proxy being "made" moves its made-up progress on.
    if ((await statusOf(name, proxy)).state === 'generating') requested.set(name, (requested.get(name) ?? 0) + 1);
    return json(200, await statusOf(name, proxy));
  });

  const proxyHandler = http.all(route(proxyPaths.proxy), async ({ request }) => {
    const name = nameIn(request.url, proxyPaths.proxy);
    const proxy = proxies[name];
    if (request.method === 'POST') {
      if (!proxy) return new HttpResponse(null, { status: 404 });
      const refused = refusedPosts.get(name) ?? 0;
      if (refused < (proxy.busyPosts ?? 0)) {
        refusedPosts.set(name, refused + 1);
        return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } });
      }
      if (!requested.has(name)) requested.set(name, 0);
      const status = await statusOf(name, proxy);
      return json(status.state === 'ready' ? 200 : 202, status);
    }
    const refused = refuseMethod(request.method, `${allowedMethods}, POST`);
    if (refused) return new HttpResponse(null, refused);
    const file = files.get(name);
    if (!proxy || !file || (await statusOf(name, proxy)).state !== 'ready') return new HttpResponse(null, { status: 404 });
    const plan = planFileResponse(requestFactsOf(request.method, (header) => request.headers.get(header)), await file.facts(), { maxRangeBytes });
    const body = plan.body && request.method !== 'HEAD' ? await file.read(plan.body.start, plan.body.end) : null;
    return new HttpResponse(body, { status: plan.status, headers: plan.headers });
  });

  return { handlers: [statusHandler, proxyHandler] as HttpHandler[], reset: () => {
      requested.clear();
      refusedPosts.clear();
    },
  };
}
