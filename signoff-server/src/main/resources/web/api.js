// Calls to the Signoff server's JSON API. Writes carry the session's CSRF value; errors arrive as
// {"error": "..."} and are thrown as Error(message) so pages can show the server's own words.
let csrf = null;

export function setCsrf(value) { csrf = value; }

export async function api(method, path, body) {
  const headers = {};
  if (csrf && method !== 'GET') headers['X-Signoff-CSRF'] = csrf;
  let payload;
  if (body instanceof Blob || body instanceof ArrayBuffer) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) {
    const e = new Error((data && data.error) || `${r.status} ${r.statusText}`);
    e.status = r.status;
    throw e;
  }
  return data;
}

/** The owner's session; sends the browser to sign-in (or first-start setup) when there is none. */
export async function requireOwner() {
  const s = await api('GET', '/api/session');
  if (!s.owner) {
    location.href = (s.setup_needed ? '/setup' : '/login') + '?next=' + encodeURIComponent(location.pathname);
    throw new Error('redirecting to sign in');
  }
  setCsrf(s.csrf);
  return s;
}

/** m:ss (or h:mm:ss) for a time in seconds. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return (h ? h + ':' : '') + mm + ':' + String(r).padStart(2, '0');
}

/** A text node's worth of user-supplied text: never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/**
 * A reload that never runs twice at once: calls that arrive while one runs ask for one more run
 * after it (live updates come in bursts). `onChange(data)` runs only when the data differs from the
 * last load, so a change elsewhere in the project does not redraw (and lose the focus of) a section
 * whose data did not change; `onError(e)` shows a failure.
 */
export function reloader(load, onChange, onError) {
  let running = null, again = false, last;
  return async function reload() {
    if (running) { again = true; return running; }
    running = (async () => {
      do {
        again = false;
        try {
          const next = await load();
          const key = JSON.stringify(next);
          if (key !== last) { last = key; onChange(next); }
        } catch (e) {
          onError(e);
        }
      } while (again);
    })();
    try { await running; } finally { running = null; }
  };
}
