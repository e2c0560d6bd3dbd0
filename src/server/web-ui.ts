// The web UI (web/, built by Vite into dist/web): its static assets at `/assets/…` and its
// index.html at `/` and at every client route (SPA fallback), with `[web_ui] title` filled in.
// Paths the server owns (/api, /health, /docs, /metrics) and missing assets never fall back to the UI: an unknown
// one there stays the API's 404. With `[web_ui] enabled = false` nothing is registered. The page
// loads only same-origin module scripts (no inline script), so helmet's default CSP holds.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { redactUrl } from './auth/key-redaction.js';
import { errorBody } from './reply.js';
import type { ServerConfig } from './config.js';
import type { Clock } from '../core/clock.js';

/** Prefixes served by the API, docs and monitoring: never answered with the UI's page. */
export const SERVER_PATH_PREFIXES = ['/api', '/health', '/docs', '/metrics'] as const;

/** The UI's own files: a missing one is a 404, not the page (a stale tab asking for old assets). */
const ASSETS_PREFIX = '/assets';

/** dist/web, from the compiled server (dist/src/server) or from the sources (src/server, tests). */
export function webAssetsDir(): string | null {
  // This file is dist/src/server/web-ui.js when built, src/server/web-ui.ts under tsx/vitest.
  const up = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const dir = path.basename(up) === 'dist' ? path.join(up, 'web') : path.join(up, 'dist', 'web');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function isServerPath(url: string): boolean {
  const p = url.split('?')[0] ?? '';
  return [...SERVER_PATH_PREFIXES, ASSETS_PREFIX].some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

export async function registerWebUi(app: FastifyInstance, config: ServerConfig, clock: Clock, dir: string | null = webAssetsDir()): Promise<void> {
  if (!config.web_ui.enabled) return;
  if (dir === null) {
    app.log.warn('web UI not built (dist/web/index.html missing): run "npm run build"');
    return;
  }
  const title = escapeHtml(config.web_ui.title);
  const page = readFileSync(path.join(dir, 'index.html'), 'utf8')
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace('<meta name="application-name" content="">', `<meta name="application-name" content="${title}">`);

  // Hashed file names: cached for a year; index.html never (it names the current ones).
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/assets/',
    index: false,
    wildcard: false,
    immutable: true,
    maxAge: '365d',
    decorateReply: false,
  });
  const sendPage = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendPage(reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (isServerPath(req.url) || req.method !== 'GET') {
      const pathOnly = redactUrl(req.url.split('?')[0] ?? '');
      return reply
        .code(404)
        .send(errorBody('RESOURCE_NOT_FOUND', `no route ${req.method} ${pathOnly}`, { method: req.method, path: pathOnly }, clock.now()));
    }
    return sendPage(reply);
  });
}
