// The summary editor: a live preview of the Markdown (rendered and sanitised by
// the server), a warning before unsaved or saved edits are overwritten.
const strings = JSON.parse(document.getElementById("summary-strings").textContent);
const editor = document.getElementById("editor");
const source = document.getElementById("markdown");
const preview = document.getElementById("preview");
const error = document.getElementById("summary-error");
const csrf = document.querySelector("meta[name=csrf-token]").content;
const PREVIEW_DELAY_MS = 350;

const saved = source.value;
let timer = null;
let latest = 0;
let leaving = false;

const dirty = () => source.value !== saved;

/** Ask the server for the sanitised HTML of the current text; only the newest answer counts. */
async function refreshPreview() {
  const asked = ++latest;
  try {
    const response = await fetch(editor.dataset.previewUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ markdown: source.value }),
    });
    const answer = await response.json();
    if (asked !== latest) return;
    if (answer.ok) {
      // The server sanitised it (nh3): only the tags a summary needs, safe links.
      preview.innerHTML = answer.html;
    }
    error.textContent = answer.ok ? "" : answer.error?.message || strings.preview_failed;
  } catch {
    if (asked === latest) error.textContent = strings.preview_failed;
  }
}

source.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(refreshPreview, PREVIEW_DELAY_MS);
});

document.getElementById("summary-form").addEventListener("submit", () => { leaving = true; });

// With a script the confirmation replaces the checkbox the page offers without one.
const regenerate = document.getElementById("regenerate-form");
const force = document.getElementById("force");
document.getElementById("force-choice")?.setAttribute("hidden", "");
regenerate.addEventListener("submit", (event) => {
  const edited = editor.dataset.edited === "true";
  if (!(edited || dirty())) return;
  if (!window.confirm(strings.confirm_regenerate)) {
    event.preventDefault();
    return;
  }
  if (force) force.checked = true;
  leaving = true;
});

window.addEventListener("beforeunload", (event) => {
  if (!leaving && dirty()) event.preventDefault();
});
