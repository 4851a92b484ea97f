// What the machine offers while gathering themes: for each note in no theme the themes it
// most likely belongs to, a proposed label per theme (its most central note's words), and
// on the console pairs of alike themes to merge. The machine ranks; people decide.
import { format } from "./live.js";

export const ranking = { likely: {}, labels: {}, merges: [] };
let timer = null;

/** Ask the server for a fresh ranking shortly (changes come in bursts), then `onRanked`. */
export function rankSoon(live, onRanked) {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const ack = await live.request("themes:rank", {}).catch(() => null);
    if (!ack?.ok) return;
    Object.assign(ranking, { likely: ack.likely, labels: ack.labels, merges: ack.merges });
    onRanked();
  }, 400);
}

/** The ids of the themes a note in no theme most likely belongs to, most likely first. */
export const likelyFor = (noteId) => ranking.likely[String(noteId)] ?? [];

/** The proposed label of a theme when it differs from its label, else null. */
export function proposedFor(theme) {
  const label = ranking.labels[String(theme.id)];
  return label && label !== theme.label ? label : null;
}

/** Merge pairs [source, target] whose themes are both among `themeIds`, most alike first. */
export const mergesAmong = (themeIds) => ranking.merges
  .filter(([a, b]) => themeIds.has(a) && themeIds.has(b));

// One tap moves a lone note into a theme the machine finds likely.
export function likelyRow(note, { el, button, t, themes, assign }) {
  const ids = likelyFor(note.id).filter((id) => themes.has(id));
  if (!ids.length) return null;
  return el("div", { className: "likely-themes", attrs: { role: "group", "aria-label": t.likely_themes } },
    ids.map((id) => button(format(t.move_to, themes.get(id)), () => assign(id, [note.id]),
      { key: `likely-${note.id}-${id}` })));
}

// The console: alike themes of one topic (across tables and rounds), most alike first.
export function mergePairs(topicThemes, { el, button, t, themes, merge }) {
  const pairs = mergesAmong(new Set(topicThemes.map((theme) => theme.id)));
  if (!pairs.length) return null;
  return el("section", { className: "merge-pairs" }, [
    el("h3", { textContent: t.merge_pairs }),
    el("ul", {}, pairs.map(([a, b]) => el("li", {}, [button(format(t.merge_pair,
      { source: themes.get(a).label, target: themes.get(b).label }),
    () => merge(themes.get(a), b), { key: `pair-${a}-${b}` })])))]);
}
