// The notes of my table on the phone: each note with its kind, and on my own notes edit,
// delete and undo; notes still waiting in the outbox; a notice when the facilitator hid one.
import { $ } from "./dom.js";
import { format, noteElement, softenLongWords, strings } from "./live.js";
import { voteControls } from "./votes.js";

let context = { request: null, me: () => null, phase: () => null };
let lastDeleted = null;
const toldHidden = new Set(); // notes whose writer was told they were hidden

/** Tell the notes how to send events and who and where this phone is. */
export function initNotes(options) {
  context = { ...context, ...options };
  $("undo").addEventListener("click", undoDelete);
  // A larger text size or a turned phone: long words that no longer fit get their hyphens.
  new ResizeObserver(() => $("notes").querySelectorAll(".note-text").forEach(softenLongWords)).observe($("notes"));
}

export function addNote(note) {
  if (note.hidden) return false;
  const list = $("notes");
  const existing = list.querySelector(`[data-id="${note.id}"]`)
    ?? list.querySelector(`[data-client-id="${CSS.escape(note.client_id)}"].pending`);
  const element = noteElement(note, { mine: note.author_id === context.me()?.id });
  const phase = context.phase();
  if (phase && note.round && note.round < phase.round) {
    const earlier = document.createElement("span");
    earlier.className = "note-meta";
    earlier.textContent = format(strings.earlier_round, { round: note.round });
    element.append(earlier);
  }
  if (note.author_id === context.me()?.id) element.append(ownControls(note));
  element.append(voteControls(note));
  element._note = note;
  if (existing) existing.replaceWith(element); else list.append(element);
  softenLongWords(element.querySelector(".note-text"));
  updateEmpty();
  return !existing;
}

export function button(label, onClick, className = "small") {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

/** Edit and delete, on one's own notes only. */
function ownControls(note) {
  const box = document.createElement("div");
  box.className = "note-actions";
  box.append(button(strings.edit, () => startEdit(note)), " ",
    button(strings.delete, () => deleteNote(note)));
  return box;
}

function startEdit(note) {
  const element = $("notes").querySelector(`[data-id="${note.id}"]`);
  const form = document.createElement("form");
  form.className = "edit-form";
  const label = document.createElement("label");
  label.textContent = strings.edit;
  label.htmlFor = `edit-${note.id}`;
  const area = document.createElement("textarea");
  area.id = `edit-${note.id}`;
  area.value = note.text;
  const error = document.createElement("p");
  error.className = "error";
  error.setAttribute("role", "alert");
  area.addEventListener("input", () => { error.textContent = ""; });
  form.append(label, area, error, button(strings.save, () => form.requestSubmit(), "small primary"),
    " ", button(strings.cancel, () => addNote(note)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ack = await context.request("note:edit", { note_id: note.id, text: area.value, kind: note.kind,
      owner: note.owner, due: note.due });
    if (ack.ok) addNote(ack.note); else error.textContent = ack.error.message;
  });
  element.replaceChildren(form);
  area.focus();
  form.scrollIntoView({ block: "nearest" });
}

async function deleteNote(note) {
  const ack = await context.request("note:delete", { note_id: note.id });
  if (!ack.ok) return;
  removeNote(note.id);
  lastDeleted = note.id;
  $("undo-bar").hidden = false;
  $("undo").focus();
  setTimeout(() => { if (lastDeleted === note.id) $("undo-bar").hidden = true; }, 15000);
}

async function undoDelete() {
  const ack = await context.request("note:restore", { note_id: lastDeleted });
  $("undo-bar").hidden = true;
  lastDeleted = null;
  if (ack.ok) addNote(ack.note);
}

export function removeNote(noteId) {
  $("notes").querySelector(`[data-id="${noteId}"]`)?.remove();
  updateEmpty();
}

/** The facilitator hid one of my notes: it leaves my phone too, and I am told which. */
export function noteHidden(noteId, text) {
  const element = $("notes").querySelector(`[data-id="${noteId}"]`);
  const note = element?._note;
  removeNote(noteId);
  if (text === undefined && note?.author_id !== context.me()?.id) return;
  if (toldHidden.has(noteId)) return;
  toldHidden.add(noteId);
  $("hidden-notice").textContent = format(strings.note_hidden, { text: text ?? note.text });
  $("hidden-notice").hidden = false;
}

export function showPending(item) {
  if ($("notes").querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]`)) return;
  const element = noteElement({ ...item, id: "" });
  element.classList.add("pending");
  const tag = document.createElement("span");
  tag.className = "note-meta";
  tag.textContent = strings.pending;
  element.append(tag);
  $("notes").append(element);
  updateEmpty();
}

export function updateEmpty() {
  $("no-notes").hidden = $("notes").children.length > 0;
}
