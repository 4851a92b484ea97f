// Shared by the participant's own pages (my details, feedback): the token kept
// by the phone page, and JSON requests that carry it with the CSRF header.
import { storageKeys } from "./dom.js";

export { $ } from "./dom.js";

/** The translated words this page's script needs, sent inside the page. */
export function pageStrings(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

/** The secret token the phone page stored when this device joined, or null. */
export function storedToken(code) {
  return localStorage.getItem(storageKeys(code).token);
}

/**
 * Call a JSON endpoint as this participant. Resolves to the server's answer,
 * `{ok: true, …}` or `{ok: false, error: {code, message}}`; rejects only when
 * the network failed.
 */
export async function callAsParticipant(code, path, body = null) {
  const headers = { Authorization: `Bearer ${storedToken(code)}` };
  const options = { method: body === null ? "GET" : "POST", headers };
  if (body !== null) {
    headers["Content-Type"] = "application/json";
    headers["X-CSRFToken"] = document.querySelector("meta[name=csrf-token]").content;
    options.body = JSON.stringify(body);
  }
  const response = await fetch(`/w/${code}/${path}`, options);
  return response.json();
}
