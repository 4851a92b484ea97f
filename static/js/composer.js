// The composer: one line until it is focused, then room to write, the kind of note, and an
// action's fields only when *Action* is chosen. Errors go as soon as the text changes; after
// each post it starts afresh as a plain note. Other modules hook into the post flow with
// onNotePosted (a "kahvila:note-posted" event on document after the server stored a note).
import { $ } from "./dom.js";
import { format, strings } from "./live.js";

const POSTED = "kahvila:note-posted";

/** Run `listener(note)` after each note from this phone that the server has stored. */
export function onNotePosted(listener) {
  document.addEventListener(POSTED, (event) => listener(event.detail.note));
}

/** Tell the listeners that the server stored one of this phone's notes. */
export function notePosted(note) {
  document.dispatchEvent(new CustomEvent(POSTED, { detail: { note } }));
}

/**
 * Wire the composer: `post(item)` takes a checked note {client_id, text, kind, owner, due};
 * `draftKey` keeps what is typed across reloads. Returns `takeBack(item, message)`, which
 * puts a refused note back into the composer with the server's reason.
 */
export function setupComposer({ noteMax, draftKey, newClientId, post }) {
  const form = $("composer");
  const text = $("note-text");
  const kind = () => form.querySelector("input[name=kind]:checked")?.value ?? "note";
  const showKind = (value) => {
    form.querySelector(`input[name=kind][value=${value}]`).checked = true;
    $("action-fields").hidden = value !== "action";
  };
  // Open while writing: the text or a kind is focused, or something is typed or chosen. Post
  // alone does not open it, or the button would move away under the pointer.
  const setOpen = () => {
    const focus = document.activeElement;
    // Focus on Post changes nothing: pressing it must not move it from under the finger.
    if (focus?.type === "submit" && form.contains(focus)) return;
    const writing = focus === text || $("action-fields").contains(focus) || form.querySelector(".kinds").contains(focus);
    form.classList.toggle("open", Boolean(writing || text.value || kind() !== "note"));
  };
  const updateCounter = () => {
    // What is typed survives a reload or a locked screen.
    localStorage.setItem(draftKey, text.value);
    const left = noteMax - text.value.length;
    $("note-count").textContent = left >= 0 ? format(strings.characters_left, { count: left })
      : format(strings.characters_over, { count: -left });
    $("note-count").classList.toggle("over", left < 0);
  };
  const reset = () => {
    text.value = "";
    $("note-owner").value = "";
    $("note-due").value = "";
    showKind("note");
    updateCounter();
  };

  form.addEventListener("focusin", setOpen);
  // The focus moves inside the form before it leaves it: decide on the next turn.
  form.addEventListener("focusout", () => setTimeout(setOpen, 0));
  form.addEventListener("change", (event) => { if (event.target.name === "kind") { showKind(event.target.value); setOpen(); } });
  text.addEventListener("input", () => { $("composer-error").textContent = ""; updateCounter(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = text.value.trim();
    const error = !value ? strings.note_empty : value.length > noteMax ? strings.note_too_long : "";
    $("composer-error").textContent = error;
    if (error) { text.focus(); return; }
    const item = { client_id: newClientId(), text: value, kind: kind() };
    if (item.kind === "action") {
      item.owner = $("note-owner").value.trim() || null;
      item.due = $("note-due").value || null;
    }
    reset();
    post(item);
  });
  text.value = localStorage.getItem(draftKey) ?? "";
  updateCounter();
  setOpen();

  return function takeBack(item, message) {
    text.value = item.text;
    showKind(item.kind ?? "note");
    $("note-owner").value = item.owner ?? "";
    $("note-due").value = item.due ?? "";
    $("composer-error").textContent = message;
    updateCounter();
    setOpen();
  };
}
