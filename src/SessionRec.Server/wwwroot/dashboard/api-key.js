// When the service has API keys (Auth:ApiKeys), the dashboard's and the docs' data need an admin key. This adds
// the key to every same-origin fetch as X-Api-Key, asks for it once when the service answers 401 or 403, and keeps
// it in this tab's sessionStorage only (gone when the tab closes; never in a cookie, a URL or localStorage).
// With no keys configured the service never answers 401, so nothing is ever asked.
"use strict";
(() => {
  const STORAGE_KEY = "sessionrec.apiKey";
  const plainFetch = window.fetch.bind(window);
  let asking = null;
  let declined = false;

  function withKey(input, init) {
    const key = sessionStorage.getItem(STORAGE_KEY);
    if (!key) return init;
    const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    headers.set("X-Api-Key", key);
    return { ...init, headers };
  }

  function askForKey() {
    if (declined) return Promise.resolve(false);
    asking ??= Promise.resolve().then(() => {
      const key = window.prompt("This SessionRec service needs an admin API key (kept in this browser tab only):");
      asking = null;
      if (!key) {
        declined = true;
        return false;
      }
      sessionStorage.setItem(STORAGE_KEY, key.trim());
      return true;
    });
    return asking;
  }

  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (url.origin !== window.location.origin) return plainFetch(input, init);
    const sentKey = sessionStorage.getItem(STORAGE_KEY);
    const response = await plainFetch(input, withKey(input, init));
    if (response.status !== 401 && response.status !== 403) return response;
    // Requests sent at the same time all come back 401: once one of them got the key, the others just retry.
    if (sessionStorage.getItem(STORAGE_KEY) !== sentKey || await askForKey()) {
      return plainFetch(input, withKey(input, init));
    }
    return response;
  };
})();
