// The board's vote screens: the themes with their dots during a vote on themes, and
// after a vote closes its results, ranked with their dots, until 0 or Escape.
import { format, mentions, strings } from "./live.js";
import { $, el } from "./dom.js";

const TOP = 8; // as many as the room reads at a glance

/** A dot count as a badge, with its number in words for screen readers. */
export function dotBadge(count) {
  const badge = el("span", { className: "dots", textContent: `● ${count}` });
  badge.setAttribute("aria-label", format(strings.dot_total, { count }));
  return badge;
}

/** A theme as a line: its label, its mentions and, in a vote, its dots. */
export function themeItem(theme, dots) {
  const item = el("li", { className: "board-theme" }, [
    el("span", { className: "theme-label", textContent: theme.label }), " ",
    el("span", { className: "theme-count", textContent: mentions(theme.count) })]);
  item.dataset.themeId = theme.id;
  const total = dots.get(`theme:${theme.id}`) ?? 0;
  if (total) item.append(" ", dotBadge(total));
  return item;
}

/** The vote on themes over the columns while it runs, and its results once it closed. */
export function renderThemeVote(ballot, themes, topics, dots, byWeight) {
  const voting = ballot?.scope === "themes";
  $("theme-vote").hidden = !voting;
  if (!voting) return false;
  const topic = topics.get(ballot.scope_id);
  const title = ballot.open ? (topic ? format(strings.themes_of, topic) : strings.vote_on_themes)
    : (topic ? format(strings.results_of, topic) : strings.theme_results);
  $("theme-vote-title").textContent = title;
  const inScope = [...themes.values()].filter((t) => ballot.scope_id == null || t.topic_id === ballot.scope_id);
  $("theme-vote-list").replaceChildren(...inScope.sort(byWeight).map((t) => themeItem(t, dots)));
  return true;
}

/** After a vote on notes closes: its top notes, ranked, with their dots and tables. */
export function renderNoteResults(ballot, totals, notes, tables) {
  const showing = Boolean(ballot && !ballot.open && ballot.scope !== "themes");
  $("vote-results").hidden = !showing;
  if (!showing) return false;
  const ranked = totals.filter((t) => t.target_type === "note" && notes.has(t.target_id))
    .sort((a, b) => b.count - a.count || a.target_id - b.target_id).slice(0, TOP);
  $("vote-results-list").replaceChildren(...ranked.map((total) => {
    const note = notes.get(total.target_id);
    return el("li", { className: "board-result" }, [dotBadge(total.count), " ",
      el("span", { className: "result-text", textContent: note.text }), " ",
      el("span", { className: "result-table", textContent: tables.get(note.table_id)?.name ?? "" })]);
  }));
  if (!ranked.length) $("vote-results-list").append(el("li", { className: "board-result", textContent: strings.no_dots }));
  return true;
}
