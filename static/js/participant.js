// The participant's phone: join, then the table view with live notes and a
// composer whose unacknowledged notes wait in an outbox (localStorage).
import { connectLive, format, mentions, noteElement, showStatus, strings, tag } from "./live.js";
import { chime, countdown, showPhase, unlockSound } from "./phase.js";
import { draftChanged, noteStored, setupSameIdea } from "./same_idea.js";

const app = document.getElementById("app");
const code = app.dataset.code;
const noteMax = Number(app.dataset.noteMax);
const tokenKey = `kahvila:${code}:token`;
const outboxKey = `kahvila:${code}:outbox`;
const draftKey = `kahvila:${code}:draft`;
const $ = (id) => document.getElementById(id);

let live = null;
let me = null;
let tables = [];
let phase = null;
let workshop = null;
let ballot = null;
let ballotThemes = [];
let myVotes = {};
let dotsLeft = 0;
let lastDeleted = null;
const timer = countdown($("timer"), { onTick: announceMilestones, onZero: () => { chime(); say(strings.time_up); } });

const outbox = {
  all: () => JSON.parse(localStorage.getItem(outboxKey) || "[]"),
  save: (items) => localStorage.setItem(outboxKey, JSON.stringify(items)),
  add(item) { this.save([...this.all(), item]); updateStatus(); },
  remove(clientId) { this.save(this.all().filter((n) => n.client_id !== clientId)); updateStatus(); },
};

/** The connection state in words, with the count of notes waiting to be sent. */
function updateStatus() {
  if (!live) return;
  const waiting = outbox.all().length;
  showStatus($("status"), live.state, waiting ? format(strings.waiting, { count: waiting }) : "");
}

function newClientId() {
  // crypto.randomUUID needs https; getRandomValues also works on a venue's plain http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function showJoin(message = "") {
  $("join").hidden = false;
  $("table-view").hidden = true;
  $("join-error").textContent = message;
}

async function submitJoin(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const tableId = form.get("table_id");
  const body = {
    name: form.get("name"), organisation: form.get("organisation"),
    organisation_type: form.get("organisation_type"), remote: form.get("remote") === "1",
    table_id: tableId ? Number(tableId) : null,
  };
  try {
    const response = await fetch(`/w/${code}/join`, {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json",
        "X-CSRFToken": document.querySelector("meta[name=csrf-token]").content },
    });
    const result = await response.json();
    if (!result.ok) { $("join-error").textContent = result.error.message; $("name").focus(); return; }
    localStorage.setItem(tokenKey, result.token);
    startLive();
  } catch {
    $("join-error").textContent = strings.join_failed;
  }
}

function renderTable(snapshot) {
  me = snapshot.me;
  tables = snapshot.tables;
  workshop = snapshot.workshop;
  ballot = snapshot.ballot;
  ballotThemes = snapshot.ballot_themes ?? [];
  myVotes = snapshot.my_votes ?? {};
  dotsLeft = snapshot.dots_left ?? 0;
  renderPhase(snapshot.phase);
  renderNotices();
  renderThemeVote();
  const table = tables.find((t) => t.id === me.table_id);
  $("join").hidden = true;
  $("table-view").hidden = false;
  $("table-name").textContent = table ? table.name : strings.no_table;
  $("topic-title").textContent = table?.topic?.title ?? "";
  $("topic-description").textContent = table?.topic?.description ?? "";
  $("topic-description").hidden = !table?.topic?.description;
  $("prompts").replaceChildren(...(table?.topic?.prompts ?? []).map((q) => {
    const li = document.createElement("li"); li.textContent = q; return li;
  }));
  $("prompts-box").hidden = !(table?.topic?.prompts?.length);
  $("video").hidden = !(table?.remote && table.video_url);
  if (table?.video_url) $("video-link").href = table.video_url;
  $("notes").replaceChildren();
  snapshot.notes.forEach(addNote);
  outbox.all().forEach(showPending);
  renderTableChoices();
  renderHost(table);
  updateEmpty();
}

function renderPhase(next) {
  phase = next;
  showPhase(phase, timer);
  $("closed").hidden = phase.state !== "closed";
  $("composer").hidden = phase.state === "closed";
  renderMove();
}

/** During a move break: where I go next (or that I stay), in large type. */
function renderMove() {
  const next = tables.find((t) => t.id === me?.next_table_id);
  $("move").hidden = !(phase?.state === "break" && next);
  if (!next) return;
  const stays = next.id === me.table_id;
  $("move-title").textContent = format(stays ? strings.stay : strings.go_to, { name: next.name });
  $("move-topic").textContent = next.topic ? format(strings.topic_is, { title: next.topic.title }) : "";
}

function renderHost(table) {
  const hosting = Boolean(me?.host);
  $("host-panel").hidden = !hosting;
  if (hosting && document.activeElement !== $("crystal-text")) {
    $("crystal-text").value = table?.crystallisation ?? "";
  }
  $("crystal-view").hidden = hosting || !table?.crystallisation;
  $("crystal-view-text").textContent = table?.crystallisation ?? "";
}

async function saveCrystallisation(event) {
  event.preventDefault();
  const ack = await live.request("table:crystallise", { text: $("crystal-text").value });
  $("crystal-status").textContent = ack.ok ? strings.saved : ack.error.message;
}

let lastMilestone = null;

/** Tell screen readers of five and one minute left, once each, without a running count. */
function announceMilestones(seconds) {
  const minutes = Math.ceil(seconds / 60);
  if ((minutes === 5 || minutes === 1) && seconds > (minutes - 1) * 60 + 50 && lastMilestone !== minutes) {
    lastMilestone = minutes;
    say(format(strings.minutes_left, { count: minutes }));
  }
}

function say(text) {
  $("announcer").textContent = text;
}

function onPhaseChanged({ phase: next, tables: nextTables }) {
  tables = nextTables;
  renderPhase(next);
  // Seats and rooms change with the phase: fetch this phone's own view, spread
  // over a second so that a full room does not ask at the same instant.
  setTimeout(() => live?.resync(), Math.random() * 1000);
  if (next.state === "break") chime();
}

function renderTableChoices() {
  $("table-choices").replaceChildren(...tables.filter((t) => t.id !== me.table_id).map((t) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = format(strings.sit_here, { name: t.name });
    button.addEventListener("click", () => chooseTable(t.id));
    return button;
  }));
}

async function chooseTable(tableId) {
  const ack = await live.request("table:choose", { table_id: tableId });
  if (ack.ok) renderTable(ack.snapshot);
}

function addNote(note) {
  if (note.hidden) return;
  const list = $("notes");
  const existing = list.querySelector(`[data-id="${note.id}"]`)
    ?? list.querySelector(`[data-client-id="${CSS.escape(note.client_id)}"].pending`);
  const element = noteElement(note, { mine: note.author_id === me?.id });
  if (phase && note.round && note.round < phase.round) {
    const earlier = document.createElement("span");
    earlier.className = "note-meta";
    earlier.textContent = format(strings.earlier_round, { round: note.round });
    element.append(earlier);
  }
  if (note.author_id === me?.id) element.append(ownControls(note));
  element.append(voteControls(note));
  element._note = note;
  if (existing) existing.replaceWith(element); else list.append(element);
  updateEmpty();
  return !existing;
}

function button(label, onClick, className = "small") {
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
  form.append(label, area, error, button(strings.save, () => form.requestSubmit(), "small primary"),
    " ", button(strings.cancel, () => addNote(note)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ack = await live.request("note:edit", { note_id: note.id, text: area.value, kind: note.kind,
      owner: note.owner, due: note.due });
    if (ack.ok) addNote(ack.note); else error.textContent = ack.error.message;
  });
  element.replaceChildren(form);
  area.focus();
}

async function deleteNote(note) {
  const ack = await live.request("note:delete", { note_id: note.id });
  if (!ack.ok) return;
  removeNote(note.id);
  lastDeleted = note.id;
  $("undo-bar").hidden = false;
  $("undo").focus();
  setTimeout(() => { if (lastDeleted === note.id) $("undo-bar").hidden = true; }, 15000);
}

async function undoDelete() {
  const ack = await live.request("note:restore", { note_id: lastDeleted });
  $("undo-bar").hidden = true;
  lastDeleted = null;
  if (ack.ok) addNote(ack.note);
}

function removeNote(noteId) {
  $("notes").querySelector(`[data-id="${noteId}"]`)?.remove();
  updateEmpty();
}

/** Dot buttons while a vote on this table's notes is open. */
function voteControls(note) {
  const box = document.createElement("div");
  box.className = "note-votes";
  box.dataset.voteTarget = `note:${note.id}`;
  const inScope = ballot?.open && (ballot.scope === "notes" ||
    (ballot.scope === "table" && ballot.scope_id === note.table_id));
  if (!inScope || !note.id) return box;
  box.append(...dotButtons("note", note.id));
  return box;
}

/** My dots on an item, a button to give one, and one to take one back when I have any. */
function dotButtons(targetType, targetId) {
  const mine = myVotes[`${targetType}:${targetId}`] ?? 0;
  const parts = [tag(format(strings.dots, { count: mine }), "dot-count"), " ",
    button(`+ ${strings.dot}`, () => vote("vote:add", targetType, targetId), "small")];
  if (mine) parts.push(" ", button(`− ${strings.undot}`, () => vote("vote:remove", targetType, targetId), "small"));
  return parts;
}

async function vote(event, targetType, targetId) {
  const ack = await live.request(event, { target_type: targetType, target_id: targetId });
  if (!ack.ok) { say(ack.error.message); renderNotices(ack.error.message); return; }
  myVotes = ack.mine;
  dotsLeft = ack.dots_left;
  renderVotes();
  document.querySelector(`[data-vote-target="${targetType}:${targetId}"] button`)?.focus();
}

function renderVotes() {
  for (const element of $("notes").querySelectorAll(".note[data-id]")) {
    if (element._note) element.querySelector(".note-votes")?.replaceWith(voteControls(element._note));
  }
  renderThemeVote();
  renderNotices();
}

/** During a vote on themes: the themes, each with its mentions and my dots. */
function renderThemeVote() {
  const open = ballot?.open && ballot.scope === "themes";
  $("theme-vote").hidden = !open;
  if (!open) return;
  $("theme-vote-list").replaceChildren(...ballotThemes.map((theme) => {
    const item = document.createElement("li");
    item.className = "theme-vote-item";
    const label = document.createElement("p");
    label.className = "theme-vote-label";
    label.textContent = theme.label;
    const count = tag(mentions(theme.count), "note-meta");
    const dots = document.createElement("div");
    dots.className = "note-votes";
    dots.dataset.voteTarget = `theme:${theme.id}`;
    dots.append(...dotButtons("theme", theme.id));
    item.append(label, count, dots);
    return item;
  }));
}

function renderNotices(extra = "") {
  const concealed = workshop?.notes_hidden;
  $("concealed-note").hidden = !concealed;
  $("concealed-note").textContent = concealed ? strings.concealed : "";
  $("locked-note").hidden = !workshop?.locked;
  $("composer").querySelector("button[type=submit]").disabled = Boolean(workshop?.locked);
  const voting = ballot?.open;
  $("vote-bar").hidden = !voting && !extra;
  $("vote-bar").textContent = extra || (!voting ? ""
    : `${format(strings.vote_open, { count: ballot.dots })} · ${format(strings.dots_left, { count: dotsLeft })}`);
}

function showPending(item) {
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

function updateEmpty() {
  $("no-notes").hidden = $("notes").children.length > 0;
}

/** Send every note still waiting (after each connect: replay or snapshot). */
function resendOutbox() {
  outbox.all().forEach((item) => { showPending(item); sendNote(item); });
}

async function sendNote(item) {
  if (!live?.socket.connected) return; // sent again after the next connect
  try {
    const ack = await live.request("note:add", item);
    outbox.remove(item.client_id);
    if (ack.ok) { addNote(ack.note); if (!ack.duplicate) noteStored(ack.note); return; }
    // Refused: take the note back into the composer so nothing typed is lost.
    $("notes").querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]`)?.remove();
    $("note-text").value = item.text;
    $("composer-error").textContent = ack.error.message;
    updateEmpty();
  } catch {
    // No ack in time: the note stays in the outbox and is resent on reconnect.
  }
}

function submitNote(event) {
  event.preventDefault();
  const text = $("note-text").value.trim();
  const error = !text ? strings.note_empty : text.length > noteMax ? strings.note_too_long : "";
  $("composer-error").textContent = error;
  if (error) { $("note-text").focus(); return; }
  const kind = new FormData($("composer")).get("kind") ?? "note";
  const item = { client_id: newClientId(), text, kind };
  if (kind === "action") {
    item.owner = $("note-owner").value.trim() || null;
    item.due = $("note-due").value || null;
  }
  outbox.add(item);
  showPending(item);
  $("note-text").value = "";
  $("note-owner").value = "";
  $("note-due").value = "";
  updateCounter();
  sendNote(item);
}

function updateCounter() {
  // What is typed survives a reload or a locked screen.
  localStorage.setItem(draftKey, $("note-text").value);
  const left = noteMax - $("note-text").value.length;
  $("note-count").textContent = format(strings.characters_left, { count: left });
  $("note-count").classList.toggle("over", left < 0);
}

let heard = [];
let announceTimer = null;

/** Tell screen readers of new notes politely: one at a time, or a count when many arrive. */
function announce(note) {
  if (note.author_id === me?.id) return;
  heard.push(note.text);
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    say(heard.length === 1 ? format(strings.new_note, { text: heard[0] })
      : format(strings.new_notes, { count: heard.length }));
    heard = [];
  }, 1500);
}

/** Forget the token and go back to the join form (removed, or the token is no longer valid). */
function endSession(message) {
  localStorage.removeItem(tokenKey);
  live?.socket.disconnect();
  live = null;
  showJoin(message);
}

function startLive() {
  if (live) return;
  live = connectLive({
    auth: () => ({ role: "participant", token: localStorage.getItem(tokenKey), lang: app.dataset.lang }),
    onStatus: () => { updateStatus(); if (live?.state === "connected") resendOutbox(); },
    onSnapshot: renderTable,
    onRefused: (error) => { if (error.code === "unauthorised") endSession(strings.session_ended); },
    handlers: {
      "note:added": ({ note }) => { if (note.table_id === me?.table_id && addNote(note)) announce(note); },
      "note:shown": ({ note }) => { if (note.table_id === me?.table_id) addNote(note); },
      "note:hidden": ({ note_id }) => removeNote(note_id),
      "note:deleted": ({ note_id }) => removeNote(note_id),
      "note:edited": ({ note }) => {
        if ($("notes").querySelector(`[data-id="${note.id}"]`)) addNote(note);
      },
      "notes:concealed": () => live.resync(),
      "board:locked": ({ locked }) => { workshop = { ...workshop, locked }; renderNotices(); },
      "ballot:opened": () => live.resync(),
      "ballot:closed": () => { ballot = null; ballotThemes = []; renderVotes(); },
      "session:ended": () => endSession(strings.removed),
      "phase:changed": onPhaseChanged,
      "timer:changed": ({ phase: next }) => renderPhase(next),
      "message:sent": ({ text }) => renderPhase({ ...phase, message: text || null }),
      "table:updated": ({ table }) => {
        tables = tables.map((t) => (t.id === table.id ? table : t));
        me.host = table.id === me.table_id ? table.host_id === me.id : me.host;
        if (table.id === me.table_id) renderHost(table);
      },
    },
  });
}

/** Remote people choose among remote tables, people in the room among the room's. */
function filterTableChoices() {
  const remote = $("remote").checked;
  const choices = [...document.querySelectorAll(".table-choice .choice")];
  const matching = choices.filter((c) => (c.dataset.remote === "true") === remote);
  for (const choice of choices) choice.hidden = matching.length > 0 && !matching.includes(choice);
  const visible = choices.filter((c) => !c.hidden);
  if (!visible.some((c) => c.querySelector("input").checked)) visible[0]?.querySelector("input").click();
}

$("join-form").addEventListener("submit", submitJoin);
$("join-button").disabled = false;
$("remote").addEventListener("change", filterTableChoices);
filterTableChoices();
$("crystal-form").addEventListener("submit", saveCrystallisation);
$("undo").addEventListener("click", undoDelete);
$("composer").addEventListener("change", (event) => {
  if (event.target.name === "kind") $("action-fields").hidden = event.target.value !== "action";
});
unlockSound();
$("composer").addEventListener("submit", submitNote);
$("note-text").addEventListener("input", updateCounter);
$("note-text").addEventListener("input", (event) => draftChanged(event.target.value));
setupSameIdea(() => live);
$("note-text").value = localStorage.getItem(draftKey) ?? "";
updateCounter();
if (localStorage.getItem(tokenKey)) startLive(); else showJoin();
