// What the machine offers while gathering themes: for each note in no theme the themes it
// most likely belongs to, a proposed label per theme (its most central note's words), and
// on the console pairs of alike themes to merge. The machine ranks; people decide.
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
