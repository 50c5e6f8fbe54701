const TOKEN_KEY = 'taonode-dashboard-token';

export class AuthError extends Error {}

/** A token given as `#token=…` moves into this tab's session storage and out of the address bar. */
export function adoptFragmentToken() {
  const m = /^#token=([^&\s]+)$/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function authHeaders() {
  const t = sessionStorage.getItem(TOKEN_KEY);
  return t ? { authorization: `Bearer ${t}` } : {};
}

export function apiUrl(route, params = {}) {
  const url = new URL(`api/v1/${route}`, document.baseURI);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

export async function api(route, params) {
  const res = await fetch(apiUrl(route, params), { headers: authHeaders(), cache: 'no-store' });
  if (res.status === 401) throw new AuthError('bearer token needed');
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status}`);
  return res.json();
}
