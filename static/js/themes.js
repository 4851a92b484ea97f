// The themes page: per topic, its notes and themes; drag a note onto a theme, or
// tick notes and act on them (the way for keyboards and phones); rename, merge,
// split, ungroup; suggestions from condensing, live on every console. The console
// sees every topic; a table's host (data-code set) the table's own topic, on a phone.
import { $, el, storageKeys } from "./dom.js";
import { connectLive, format, mentions, showStatus, strings } from "./live.js";
import { dragHandlers, dropTarget } from "./themes_drag.js";
import { likelyRow, mergePairs, proposedFor, rankSoon } from "./themes_rank.js";
import { dropNote, isLoading, load, ownerOf, selected, state, upsertTheme, whenLoaded }
  from "./themes_state.js";

const app = document.getElementById("app");
const code = app.dataset.code; // set on a host's page
const token = () => localStorage.getItem(storageKeys(code).token);
const t = JSON.parse($("theme-strings").textContent);
const drafts = new Map(); // what was typed or chosen in a field, kept across re-renders
let renaming = null; // the theme whose rename form is open
let reloadTimer = null;
let live = null;

function button(text, onClick, { key, when, className = "small" } = {}) {
  return el("button", { type: "button", className, textContent: text,
    dataset: when ? { key, when } : { key }, on: { click: onClick } });
}

// Which buttons work with the notes ticked now: "rule:id" in data-when, checked on every
// tick without building the page again (which would move the focus).
const pickedIn = (topicId) => [...selected].filter((id) => state.notes.get(id)?.topic_id === topicId);
const inThemes = (ids) => { const owner = ownerOf(); return ids.filter((id) => owner.has(id)); };
const RULES = {
  group: (topicId) => pickedIn(topicId).length > 0 && Boolean(drafts.get(`into-${topicId}`)),
  some: (topicId) => pickedIn(topicId).length > 0,
  grouped: (topicId) => inThemes(pickedIn(topicId)).length > 0,
  split: (themeId) => (state.themes.get(themeId)?.note_ids ?? []).some((id) => selected.has(id)),
};

function refreshControls() {
  for (const node of $("topics").querySelectorAll("[data-when]")) {
    const [rule, id] = node.dataset.when.split(":");
    node.disabled = !RULES[rule](Number(id));
  }
  for (const node of $("topics").querySelectorAll("[data-count-of]")) {
    node.textContent = format(t.selected, { count: pickedIn(Number(node.dataset.countOf)).length });
  }
}

const tableName = (id) => state.tables.get(id)?.name ?? "";

async function reload() {
  const loaded = await load(app.dataset.viewUrl, code ? { Authorization: `Bearer ${token()}` } : {});
  $("theme-error").textContent = loaded === true ? "" : loaded || t.load_failed;
  if (loaded !== true && code) state.topics = []; // no longer the host: nothing to change
  render();
  rankSoon(live, render);
}

function reloadSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => (isLoading() ? reloadSoon() : reload()), 300);
}

// --- talking to the server ---------------------------------------------------------------

async function send(event, data, done) {
  const ack = await live.request(event, data).catch(() => ({ ok: false,
    error: { message: strings.reconnecting } }));
  $("theme-error").textContent = ack.ok ? "" : ack.error.message;
  if (!ack.ok) return ack;
  if (ack.theme) upsertTheme(ack.theme);
  (ack.themes ?? []).forEach(upsertTheme);
  $("announce").textContent = done(ack);
  render();
  rankSoon(live, render);
  return ack;
}

function forget(ids) { ids.forEach((id) => selected.delete(id)); }

const assign = (themeId, ids) => send("theme:assign", { theme_id: themeId, note_ids: ids },
  (ack) => { forget(ids); return format(t.done_moved, ack.theme); });

const unassign = (ids) => send("theme:unassign", { note_ids: ids },
  () => { forget(ids); return t.done_removed; });

function createTheme(topic, ids, nameKey) {
  const label = (drafts.get(nameKey) ?? "").trim();
  return send("theme:create", { topic_id: topic.id, note_ids: ids, ...(label ? { label } : {}) },
    (ack) => { forget(ids); drafts.delete(nameKey); return format(t.done_created, ack.theme); });
}

function split(theme, ids, nameKey) {
  const label = (drafts.get(nameKey) ?? "").trim();
  return send("theme:split", { theme_id: theme.id, note_ids: ids, ...(label ? { label } : {}) },
    (ack) => { forget(ids); drafts.delete(nameKey); return format(t.done_split, ack.theme); });
}

const merge = (source, targetId) => send("theme:merge", { source_id: source.id, target_id: targetId },
  (ack) => { state.themes.delete(source.id); return format(t.done_merged, ack.theme); });

function ungroup(theme) {
  if (!window.confirm(format(t.confirm_ungroup, theme))) return;
  send("theme:delete", { theme_id: theme.id }, () => {
    state.themes.delete(theme.id);
    return t.done_ungrouped;
  });
}

const rename = (theme, label) => send("theme:rename", { theme_id: theme.id, label },
  (ack) => { renaming = null; return format(t.done_renamed, ack.theme); });

const accept = (theme) => send("theme:accept", { theme_id: theme.id },
  (ack) => format(t.done_accepted, ack.theme));

const moves = { assign, unassign };

async function suggest(data, trigger) {
  trigger.disabled = true;
  await send("themes:suggest", data, (ack) => (ack.themes.length
    ? format(t.done_suggested, { count: ack.themes.length }) : t.done_nothing));
  trigger.disabled = false;
}

// --- rendering ---------------------------------------------------------------------------

function noteItem(note, loose = false) {
  const id = `pick-${note.id}`;
  const meta = [tableName(note.table_id), t[`kind_${note.kind}`]].filter(Boolean).join(" · ");
  return el("li", { className: `note kind-${note.kind} theme-note`, draggable: true,
    dataset: { id: note.id }, on: dragHandlers(note) }, [
    el("input", { type: "checkbox", id, checked: selected.has(note.id), dataset: { key: id },
      on: { change: (event) => tick(note.id, event.target.checked) } }),
    el("label", { htmlFor: id, className: "note-text", textContent: note.text }),
    meta ? el("span", { className: "note-meta", textContent: meta }) : null,
    note.same_as ? el("span", { className: "tag tag-linked", textContent: t.linked }) : null,
    loose ? likelyRow(note, { el, button, t, themes: state.themes, assign }) : null,
  ]);
}

function tick(noteId, on) {
  if (on) selected.add(noteId); else selected.delete(noteId);
  refreshControls();
}

function field(label, control) {
  return el("label", { className: "inline-field" }, [el("span", { textContent: label }), control]);
}

function choice(key, options) {
  const select = el("select", { dataset: { key },
    on: { change: (event) => { drafts.set(key, event.target.value); refreshControls(); } } },
  [new Option(t.choose_theme, ""), ...options.map((theme) => new Option(theme.label, theme.id))]);
  select.value = drafts.get(key) ?? "";
  return select;
}

function textInput(key, value) {
  return el("input", { value, maxLength: 200, autocomplete: "off", dataset: { key },
    on: { input: (event) => drafts.set(key, event.target.value) } });
}

function selectionBar(topic, themes) {
  const into = choice(`into-${topic.id}`, themes);
  const nameKey = `name-${topic.id}`;
  return el("div", { className: "selection-bar", attrs: { role: "group", "aria-label": t.selection } }, [
    el("p", { className: "selection-count", dataset: { countOf: topic.id } }),
    el("div", { className: "bar-row" }, [field(t.group_into, into),
      button(t.group, () => assign(Number(into.value), pickedIn(topic.id)),
        { key: `group-${topic.id}`, when: `group:${topic.id}` })]),
    el("div", { className: "bar-row" }, [
      field(t.new_theme_name, textInput(nameKey, drafts.get(nameKey) ?? "")),
      button(t.new_theme, () => createTheme(topic, pickedIn(topic.id), nameKey),
        { key: `create-${topic.id}`, when: `some:${topic.id}` })]),
    el("div", { className: "bar-row" }, [
      button(t.remove, () => unassign(inThemes(pickedIn(topic.id))),
        { key: `remove-${topic.id}`, when: `grouped:${topic.id}` }),
      button(t.clear_selection, () => { forget(pickedIn(topic.id)); render(); },
        { key: `clear-${topic.id}`, when: `some:${topic.id}` })]),
  ]);
}

function renameForm(theme) {
  const key = `rename-${theme.id}`;
  const input = textInput(key, drafts.get(key) ?? theme.label);
  input.required = true;
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { renaming = null; render(); $(`theme-${theme.id}`)?.focus(); }
  });
  const submit = (event) => { event.preventDefault(); rename(theme, input.value); };
  return el("form", { className: "rename-form", on: { submit } }, [
    field(t.theme_name, input),
    el("button", { type: "submit", className: "small primary", textContent: t.save,
      dataset: { key: `save-${theme.id}` } }),
    button(t.cancel, () => { renaming = null; render(); }, { key: `cancel-${theme.id}` })]);
}

function openRename(theme) {
  renaming = theme.id;
  drafts.delete(`rename-${theme.id}`);
  render();
  document.querySelector(`[data-key="rename-${theme.id}"]`)?.focus();
}

function themeCard(theme, themes) {
  const chosen = () => theme.note_ids.filter((id) => selected.has(id));
  // A host's table theme takes only that table's notes: offer merges that fit.
  const targets = themes.filter((other) => other.id !== theme.id
    && (!other.table_id || other.table_id === theme.table_id));
  const target = targets.length ? choice(`merge-${theme.id}`, targets) : null;
  const mergeInto = () => (target.value ? merge(theme, Number(target.value)) : target.focus());
  return el("section", { className: `theme-card${theme.suggested ? " is-suggested" : ""}`,
    dataset: { themeId: theme.id }, attrs: { "aria-labelledby": `theme-${theme.id}` },
    on: dropTarget(theme, theme.topic_id, moves) }, [
    el("h3", { id: `theme-${theme.id}`, tabIndex: -1 }, [
      el("span", { className: "theme-label", textContent: theme.label }), " ",
      el("span", { className: "theme-count", textContent: `– ${mentions(theme.count)}` }),
      theme.suggested ? el("span", { className: "tag tag-suggested", textContent: t.suggested }) : null,
      theme.table_id ? el("span", { className: "tag", textContent: tableName(theme.table_id) }) : null]),
    renaming === theme.id ? renameForm(theme) : null,
    el("div", { className: "theme-actions" }, [
      theme.suggested ? button(t.accept, () => accept(theme), { key: `accept-${theme.id}` }) : null,
      proposedFor(theme) ? button(format(t.use_label, { label: proposedFor(theme) }),
        () => rename(theme, proposedFor(theme)), { key: `propose-${theme.id}` }) : null,
      button(t.rename, () => openRename(theme), { key: `rename-open-${theme.id}` }),
      button(t.split, () => split(theme, chosen(), `name-${theme.topic_id}`),
        { key: `split-${theme.id}`, when: `split:${theme.id}` }),
      button(t.ungroup, () => ungroup(theme), { key: `ungroup-${theme.id}`, className: "small danger" })]),
    target ? el("div", { className: "merge-row" }, [field(t.merge_into, target),
      button(t.merge, mergeInto, { key: `merge-go-${theme.id}` })]) : null,
    el("ul", { className: "notes" },
      theme.note_ids.map((id) => state.notes.get(id)).filter(Boolean).map(noteItem)),
  ]);
}

function topicSection(topic, owner) {
  const notes = [...state.notes.values()].filter((note) => note.topic_id === topic.id);
  const themes = [...state.themes.values()].filter((theme) => theme.topic_id === topic.id)
    .sort((a, b) => a.id - b.id);
  const loose = notes.filter((note) => !owner.has(note.id));
  return el("section", { className: "topic-themes", dataset: { topicId: topic.id },
    attrs: { "aria-labelledby": `topic-${topic.id}` } }, [
    el("div", { className: "topic-head" }, [
      el("h2", { id: `topic-${topic.id}`, tabIndex: -1, textContent: topic.title }),
      button(t.suggest, (event) => suggest({ topic_id: topic.id }, event.currentTarget),
        { key: `suggest-${topic.id}`, className: "" })]),
    notes.length ? selectionBar(topic, themes) : el("p", { className: "quiet", textContent: t.no_notes }),
    el("div", { className: "theme-grid" }, [
      el("section", { className: "theme-card unthemed", attrs: { "aria-labelledby": `loose-${topic.id}` },
        on: dropTarget(null, topic.id, moves) }, [
        el("h3", { id: `loose-${topic.id}` }, [t.not_in_theme, " ",
          el("span", { className: "theme-count", textContent: `(${loose.length})` })]),
        el("p", { className: "hint", textContent: t.drop_to_ungroup }),
        el("ul", { className: "notes" }, loose.map((note) => noteItem(note, true)))]),
      ...themes.map((theme) => themeCard(theme, themes))]),
    code ? null : mergePairs(themes, { el, button, t, themes: state.themes, merge }),
  ]);
}

function render() {
  const active = document.activeElement;
  const memory = active?.dataset?.key ? { key: active.dataset.key, start: active.selectionStart,
    topic: active.closest("[data-topic-id]")?.dataset.topicId } : null;
  const owner = ownerOf();
  $("topics").replaceChildren(...state.topics.map((topic) => topicSection(topic, owner)));
  refreshControls();
  if (!memory) return;
  // A re-render replaces the elements: give the focus back to the same control.
  const again = document.querySelector(`[data-key="${memory.key}"]`);
  if (again && !again.disabled) {
    again.focus();
    if (typeof memory.start === "number" && again.setSelectionRange) {
      again.setSelectionRange(memory.start, memory.start);
    }
  } else {
    $(`topic-${memory.topic}`)?.focus();
  }
}

// --- live --------------------------------------------------------------------------------

const onBroadcast = (apply) => whenLoaded(apply, () => { render(); rankSoon(live, render); });

$("suggest-all")?.addEventListener("click", (event) => suggest({}, event.currentTarget));

live = connectLive({
  auth: () => (code ? { role: "participant", token: token(), lang: app.dataset.lang }
    : { role: "console", workshop_id: Number(app.dataset.workshopId), lang: app.dataset.lang }),
  onStatus: (status) => showStatus($("status"), status),
  // Every (re)connect: read the page's data again (the console snapshot has no themes).
  onSnapshot: () => reload(),
  handlers: {
    "note:added": onBroadcast(({ note }) => { if (!note.hidden) state.notes.set(note.id, note); }),
    "note:edited": onBroadcast(({ note }) => { if (state.notes.has(note.id)) state.notes.set(note.id, note); }),
    "note:hidden": onBroadcast(({ note_id }) => dropNote(note_id)),
    "note:deleted": onBroadcast(({ note_id }) => dropNote(note_id)),
    // A note shown again may sit in a theme: read the themes again.
    "note:shown": onBroadcast(() => reloadSoon()),
    "theme:changed": onBroadcast(({ theme }) => upsertTheme(theme)),
    "theme:deleted": onBroadcast(({ theme_id }) => state.themes.delete(theme_id)),
    "note:linked": onBroadcast(({ note }) => { if (state.notes.has(note.id)) state.notes.set(note.id, note); }),
    // A host's page follows their table: a new host, or a new topic when topics rotate.
    "table:updated": () => reloadSoon(),
    "phase:changed": () => reloadSoon(),
    // A host grouping themes would miss a vote that opens meanwhile: tell them where to vote.
    "ballot:opened": () => { if ($("vote-notice")) $("vote-notice").hidden = false; },
    "ballot:closed": () => { if ($("vote-notice")) $("vote-notice").hidden = true; },
  },
});
