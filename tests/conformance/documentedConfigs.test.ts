import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsAllowedRequestHeaders, corsExposedHeaders } from '../../src/http';
import { makeMediaRoot, startNginxTarget, type Target } from './targets';

/**
 * The configurations *Integration reference* gives a host's own server, checked as written: the
 * nginx block runs here (nginx-light), and answers a page of another origin with what the kit
 * reads; the bucket's CORS rules (no S3 here) name the same headers the kit's server sends.
 */
const reference = readFileSync(path.resolve('stories/docs/IntegrationReference.mdx'), 'utf8');
const block = (language: string) => {
  const found = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(reference);
  if (!found) throw new Error(`no ${language} block in IntegrationReference.mdx`);
  return found[1];
};
const names = (list: string) => new Set(list.split(',').map((name) => name.trim().toLowerCase()));
const page = 'https://editor.example.com';

describe("the docs' nginx configuration for a host's media folder", () => {
  let nginx: Target;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const media = await makeMediaRoot();
    cleanup = media.cleanup;
    // The documented block serves /media/ from the folder above the media root.
    nginx = await startNginxTarget(path.dirname(media.root), block('nginx'));
  });
  afterAll(async () => {
    await nginx?.stop();
    await cleanup?.();
  });

  it("answers a range from the editor's origin with the headers the kit reads, exposed", async () => {
    const answer = await nginx.send('GET', '/media/clip.mp4', { Range: 'bytes=0-99', Origin: page });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toMatch(/^bytes 0-99\/\d+$/);
    expect(answer.headers['access-control-allow-origin']).toBe(page);
    expect(names(String(answer.headers['access-control-expose-headers']))).toEqual(names(corsExposedHeaders));
    expect(answer.headers.vary).toMatch(/Origin/);
  });

  it('allows the Range header in a preflight', async () => {
    const answer = await nginx.send('OPTIONS', '/media/clip.mp4', { Origin: page, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(page);
    for (const header of names(corsAllowedRequestHeaders)) expect(names(String(answer.headers['access-control-allow-headers']))).toContain(header);
    expect(String(answer.headers['access-control-allow-methods'])).toMatch(/GET/);
  });

  it('lets the page read why a file is not there', async () => {
    const answer = await nginx.send('GET', '/media/gone.mp4', { Range: 'bytes=0-99', Origin: page });
    expect(answer.status).toBe(404);
    expect(answer.headers['access-control-allow-origin']).toBe(page);
  });
});

describe("the docs' CORS rules for a bucket", () => {
  const [rule] = (JSON.parse(block('json')) as { CORSRules: { AllowedMethods: string[]; AllowedHeaders: string[]; ExposeHeaders: string[] }[] }).CORSRules;

  it("expose what the kit's server exposes, and allow the headers it allows", () => {
    expect(new Set(rule.ExposeHeaders.map((name) => name.toLowerCase()))).toEqual(names(corsExposedHeaders));
    expect(new Set(rule.AllowedHeaders.map((name) => name.toLowerCase()))).toEqual(names(corsAllowedRequestHeaders));
    expect(rule.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD']));
  });
});
