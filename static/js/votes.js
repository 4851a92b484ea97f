// Dot votes on the phone: the open ballot, my own dots, the buttons to give and take back
// a dot, the themes during a vote on themes, and every table's notes during a vote on all
// notes. "+ Give a dot" is disabled, with the reason said, once all dots are placed.
import { $, el } from "./dom.js";
import { format, mentions, noteElement, softenLongWords, strings, tag } from "./live.js";

const vote = { ballot: null, themes: [], notes: [], mine: {}, left: 0 };
let context = { request: null, say: () => {}, tables: () => [] };

/** Tell the votes how to send events, speak, and read the tables. */
export function initVotes(options) { context = { ...context, ...options }; }

/** Take the vote's state from a snapshot. */
export function setBallot(snapshot) {
  Object.assign(vote, { ballot: snapshot.ballot, themes: snapshot.ballot_themes ?? [],
    notes: snapshot.ballot_notes ?? [], mine: snapshot.my_votes ?? {}, left: snapshot.dots_left ?? 0 });
}

/** The vote closed: no more buttons. */
export function closeBallot() { Object.assign(vote, { ballot: null, themes: [], notes: [] }); }

/** Whether a vote is open now. */
export const voting = () => Boolean(vote.ballot?.open);

const button = (label, onClick) => el("button", { type: "button", className: "small", textContent: label,
  on: { click: onClick } });

/** My dots on an item, a button to give one (disabled when none is left), one to take one back. */
function dotButtons(targetType, targetId) {
  const mine = vote.mine[`${targetType}:${targetId}`] ?? 0;
  const give = button(`+ ${strings.dot}`, () => cast("vote:add", targetType, targetId));
  if (vote.left <= 0) {
    give.disabled = true;
    give.setAttribute("aria-describedby", "vote-bar");
  }
  const parts = [tag(format(strings.dots, { count: mine }), "dot-count"), " ", give];
  if (mine) parts.push(" ", button(`− ${strings.undot}`, () => cast("vote:remove", targetType, targetId)));
  return parts;
}

/** Dot buttons on a note while a vote takes it in (all notes, or this note's table). */
export function voteControls(note) {
  const box = el("div", { className: "note-votes", dataset: { voteTarget: `note:${note.id}` } });
  const ballot = vote.ballot;
  const inScope = ballot?.open && (ballot.scope === "notes" ||
    (ballot.scope === "table" && ballot.scope_id === note.table_id));
  if (inScope && note.id) box.append(...dotButtons("note", note.id));
  return box;
}

async function cast(event, targetType, targetId) {
  const ack = await context.request(event, { target_type: targetType, target_id: targetId });
  if (!ack.ok) { context.say(ack.error.message); renderVoteBar(ack.error.message); return; }
  vote.mine = ack.mine;
  vote.left = ack.dots_left;
  renderVotes();
  // The focus stays on the item: on "+" while dots are left, else on "−".
  document.querySelector(`[data-vote-target="${targetType}:${targetId}"] button:not([disabled])`)?.focus();
}

/** Redraw every dot button, the vote lists and the vote bar. */
export function renderVotes() {
  for (const element of $("notes").querySelectorAll(".note[data-id]")) {
    if (element._note) element.querySelector(".note-votes")?.replaceWith(voteControls(element._note));
  }
  renderThemeVote();
  renderNoteVote();
  renderVoteBar();
}

/** The vote in words: dots each, dots left and, with none left, what to do. */
export function renderVoteBar(extra = "") {
  const open = voting();
  const parts = open ? [format(strings.vote_open, { count: vote.ballot.dots }),
    format(strings.dots_left, { count: vote.left })] : [];
  if (open && vote.left <= 0) parts.push(strings.no_dots_left);
  $("vote-bar").hidden = !open && !extra;
  $("vote-bar").textContent = extra || parts.join(" · ");
}

/** During a vote on themes: the themes, each with its mentions and my dots. */
function renderThemeVote() {
  const open = voting() && vote.ballot.scope === "themes";
  $("theme-vote").hidden = !open;
  if (!open) return;
  $("theme-vote-list").replaceChildren(...vote.themes.map((theme) => el("li", { className: "theme-vote-item" }, [
    el("p", { className: "theme-vote-label", textContent: theme.label }),
    tag(mentions(theme.count), "note-meta"),
    el("div", { className: "note-votes", dataset: { voteTarget: `theme:${theme.id}` } }, dotButtons("theme", theme.id)),
  ])));
}

/** During a vote on all notes: the other tables' notes, by table, each with my dots. */
function renderNoteVote() {
  const open = voting() && vote.ballot.scope === "notes";
  $("note-vote").hidden = !open;
  if (!open) return;
  const shown = new Set([...$("notes").querySelectorAll(".note[data-id]")].map((e) => e.dataset.id));
  const groups = context.tables().map((table) => {
    const notes = vote.notes.filter((n) => n.table_id === table.id && !shown.has(String(n.id)));
    if (!notes.length) return null;
    return el("section", { className: "note-vote-table" }, [
      el("h3", { textContent: table.name }),
      el("ul", { className: "notes" }, notes.map((note) => {
        const item = noteElement(note);
        item.append(voteControls(note));
        return item;
      })),
    ]);
  });
  $("note-vote-tables").replaceChildren(...groups.filter(Boolean));
  $("note-vote-tables").querySelectorAll(".note-text").forEach(softenLongWords);
}
