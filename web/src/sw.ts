// The kiosk's service worker: the app shell (page, scripts, styles, every .wasm,
// manifest, icons) from a cache so the terminal starts with no network; a new version
// installs beside the old one and waits until the page, between payments, says to
// take over (web/src/sdk/shell-update.ts). Payments never touch a cache
// (sw/shell-routes.ts). The build writes QRPOS_SHELL (version and file list) on top of
// this file (the offline-shell plugin in web/vite.config.ts).
import {
  isContentHashed,
  isShellCache,
  routeFor,
  shellCacheName,
  type ShellManifest,
} from './sw/shell-routes';

declare const QRPOS_SHELL: ShellManifest;

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = shellCacheName(QRPOS_SHELL.version);
const CONFIG_CACHE = 'qrpos-config';
const files = new Set(QRPOS_SHELL.files);
const scope = () => new URL(worker.registration.scope);

/**
 * This version's shell into its own cache. All or nothing: a file missing from the
 * server fails the install, and the version that works stays. `reload` skips the
 * HTTP cache, so a half-deployed server cannot leave a stale file in the new version.
 */
async function installShell(): Promise<void> {
  const cache = await caches.open(CACHE);
  const older = (await caches.keys()).filter((name) => isShellCache(name) && name !== CACHE);
  const download: Request[] = [];
  for (const file of QRPOS_SHELL.files) {
    // A hashed file the running version has is the same bytes: copied, not downloaded
    // again (the scanner's zxing reader alone is about 1 MB).
    let kept: Response | undefined;
    if (isContentHashed(file)) for (const name of older) kept ??= await (await caches.open(name)).match(file);
    if (kept) await cache.put(file, kept);
    else download.push(new Request(file, { cache: 'reload' }));
  }
  await cache.addAll(download);
}

worker.addEventListener('install', (event) => {
  // The deployment's config too (the first page load fetched it before this worker
  // ran), so a kiosk restarting offline knows its acquirer; best effort.
  event.waitUntil(
    Promise.all([
      installShell(),
      caches
        .open(CONFIG_CACHE)
        .then((cache) => cache.add(new Request('qrpos-config.json', { cache: 'no-store' })))
        .catch(() => undefined),
    ]),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (isShellCache(name) && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'skip-waiting') void worker.skipWaiting();
  if (type === 'version') event.ports[0]?.postMessage({ version: QRPOS_SHELL.version });
});

async function fromCache(request: Request | string): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
}

/** The deployment's config from the network; offline, the copy last seen. */
async function config(request: Request): Promise<Response> {
  const cache = await caches.open(CONFIG_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (e) {
    const saved = await cache.match(request.url);
    if (saved) return saved;
    throw e;
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const route = routeFor(new URL(request.url), scope(), files, request.mode === 'navigate');
  if (route === 'shell-page') event.respondWith(fromCache('index.html'));
  else if (route === 'precached') event.respondWith(fromCache(request));
  else if (route === 'config') event.respondWith(config(request));
});
