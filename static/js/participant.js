// The participant's phone: join, then the table view with live notes. What is typed is
// kept by the composer (composer.js) and the outbox (outbox.js); votes are in votes.js.
import { $, storageKeys } from "./dom.js";
import { connectLive, format, showStatus, strings } from "./live.js";
import { chime, countdown, showPhase, unlockSound } from "./phase.js";
import { notePosted, onNotePosted, setupComposer } from "./composer.js";
import { showFeedbackPrompt, setupFeedbackPrompt } from "./feedback_prompt.js";
import { createOutbox, newClientId } from "./outbox.js";
import { draftChanged, noteStored, setupSameIdea } from "./same_idea.js";
import { closeBallot, initVotes, renderVoteBar, renderVotes, setBallot } from "./votes.js";
import { addNote, button, initNotes, noteHidden, removeNote, showPending, updateEmpty } from "./notes_view.js";

const app = $("app");
const code = app.dataset.code;
const keys = storageKeys(code);

let live = null;
let me = null;
let tables = [];
let phase = null;
let workshop = null;
const timer = countdown($("timer"), { onTick: announceMilestones, onZero: () => { chime(); say(strings.time_up); } });

const outbox = createOutbox(code, {
  onChange: updateStatus,
  onStored: (note) => { addNote(note); notePosted(note); },
  onRefused: (error, item) => {
    // Refused: take the note back into the composer so nothing typed is lost.
    $("notes").querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]`)?.remove();
    takeBack(item, error.message);
    updateEmpty();
  },
});
const takeBack = setupComposer({
  noteMax: Number(app.dataset.noteMax), draftKey: keys.draft, newClientId,
  post: (item) => { showPending(item); outbox.post(item); },
});
initVotes({ request: (event, data) => live.request(event, data), say, tables: () => tables });
initNotes({ request: (event, data) => live.request(event, data), me: () => me, phase: () => phase });

/** The connection state in words, with the count of notes waiting to be sent. */
function updateStatus() {
  if (!live) return;
  const waiting = outbox.all().length;
  showStatus($("status"), live.state, waiting ? format(strings.waiting, { count: waiting }) : "");
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
    localStorage.setItem(keys.token, result.token);
    startLive();
  } catch {
    $("join-error").textContent = strings.join_failed;
  }
}

function renderTable(snapshot) {
  me = snapshot.me;
  tables = snapshot.tables;
  workshop = snapshot.workshop;
  setBallot(snapshot);
  renderPhase(snapshot.phase);
  renderNotices();
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
  renderVotes();
  renderTableChoices();
  renderHost(table);
  updateEmpty();
}

function renderPhase(next) {
  phase = next;
  showPhase(phase, timer);
  $("closed").hidden = phase.state !== "closed";
  // Feedback time: the rating where the composer was, not another note.
  $("composer").hidden = ["feedback", "closed"].includes(phase.state);
  showFeedbackPrompt(phase.state);
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
  $("table-choices").replaceChildren(...tables.filter((t) => t.id !== me.table_id).map((t) =>
    button(format(strings.sit_here, { name: t.name }), () => chooseTable(t.id), "")));
}

async function chooseTable(tableId) {
  const ack = await live.request("table:choose", { table_id: tableId });
  if (ack.ok) renderTable(ack.snapshot);
}

function renderNotices() {
  const concealed = workshop?.notes_hidden;
  $("concealed-note").hidden = !concealed;
  $("concealed-note").textContent = concealed ? strings.concealed : "";
  $("locked-note").hidden = !workshop?.locked;
  $("composer").querySelector("button[type=submit]").disabled = Boolean(workshop?.locked);
  renderVoteBar();
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
  localStorage.removeItem(keys.token);
  live?.socket.disconnect();
  live = null;
  showJoin(message);
}

function startLive() {
  if (live) return;
  live = connectLive({
    auth: () => ({ role: "participant", token: localStorage.getItem(keys.token), lang: app.dataset.lang }),
    onStatus: () => { updateStatus(); if (live?.state === "connected") outbox.resend(); },
    onSnapshot: renderTable,
    onRefused: (error) => { if (error.code === "unauthorised") endSession(strings.session_ended); },
    handlers: {
      "note:added": ({ note }) => { if (note.table_id === me?.table_id && addNote(note)) announce(note); },
      "note:shown": ({ note }) => { if (note.table_id === me?.table_id) addNote(note); },
      "note:hidden": ({ note_id }) => noteHidden(note_id),
      "note:hidden_yours": ({ note_id, text }) => noteHidden(note_id, text),
      "note:deleted": ({ note_id }) => removeNote(note_id),
      "note:edited": ({ note }) => {
        if ($("notes").querySelector(`[data-id="${note.id}"]`)) addNote(note);
      },
      "notes:concealed": () => live.resync(),
      "board:locked": ({ locked }) => { workshop = { ...workshop, locked }; renderNotices(); },
      "ballot:opened": () => live.resync(),
      "ballot:closed": () => { closeBallot(); renderVotes(); },
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
  outbox.connect(live);
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
setupFeedbackPrompt(code);
unlockSound();
// "The same idea?": offered after each stored note and, after a pause, while typing.
$("note-text").addEventListener("input", (event) => draftChanged(event.target.value));
onNotePosted(noteStored);
setupSameIdea(() => live);
if (localStorage.getItem(keys.token)) startLive(); else showJoin();
