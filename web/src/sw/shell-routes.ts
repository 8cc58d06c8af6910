// Which requests the kiosk's service worker answers, and how. Pure (URLs in, a route
// out) so it is unit-tested in Node; web/src/sw.ts does the fetching.

/** What the build wrote into sw.js: the shell's version and its files, relative to the scope. */
export interface ShellManifest {
  version: string;
  files: string[];
}

/**
 * - `shell-page`: the kiosk page itself, from this version's cache (it starts offline)
 * - `precached`: a file of this version's shell, from the cache
 * - `config`: qrpos-config.json, from the network, the last copy when offline
 * - `network`: not ours; the browser fetches it as if there were no service worker
 */
export type ShellRoute = 'shell-page' | 'precached' | 'config' | 'network';

// The acquirer's API and the sandbox's admin and demo routes: an answer about money
// is never served from a cache, whatever path it arrives on.
const NEVER_CACHED = ['v1/', 'admin/', 'demo/', 'pay/'];

/** The path of `url` inside `scope`, or undefined when it is outside. */
export function scopePath(url: URL, scope: URL): string | undefined {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return undefined;
  return decodeURIComponent(url.pathname.slice(scope.pathname.length));
}

/**
 * The route for a GET of `url`. Only the kiosk page is taken over: other pages in the
 * same folder (a merchant portal, the iframe embed) load from the network.
 */
export function routeFor(url: URL, scope: URL, files: ReadonlySet<string>, navigation: boolean): ShellRoute {
  const path = scopePath(url, scope);
  if (path === undefined || NEVER_CACHED.some((p) => path.startsWith(p))) return 'network';
  if (navigation) return path === '' || path === 'index.html' ? 'shell-page' : 'network';
  if (path === 'qrpos-config.json') return 'config';
  return files.has(path) ? 'precached' : 'network';
}

/** The cache that holds one version's shell; older ones are deleted when a new one activates. */
export const shellCacheName = (version: string) => `qrpos-shell-${version}`;
export const isShellCache = (name: string) => name.startsWith('qrpos-shell-');

/** Vite names everything under assets/ by its content: the same name is the same bytes in any version. */
export const isContentHashed = (path: string) => path.startsWith('assets/');
