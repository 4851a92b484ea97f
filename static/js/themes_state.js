// What the themes page knows: topics, tables, visible notes, themes and the
// notes ticked; read whole over HTTP after every (re)connect, then kept up to
// date by broadcasts. A note is in one theme at most, here as on the server.

export const state = { topics: [], tables: new Map(), notes: new Map(), themes: new Map() };
export const selected = new Set();

let loading = false;
let buffered = [];

/** Put a theme as the server sent it; whatever notes it now holds leave the others. */
export function upsertTheme(theme) {
  const taken = new Set(theme.note_ids);
  for (const other of state.themes.values()) {
    if (other.id !== theme.id && other.note_ids.some((id) => taken.has(id))) {
      other.note_ids = other.note_ids.filter((id) => !taken.has(id));
      other.count = other.note_ids.length;
    }
  }
  state.themes.set(theme.id, theme);
}

/** A note hidden or deleted: it leaves the page and its theme's count. */
export function dropNote(noteId) {
  state.notes.delete(noteId);
  selected.delete(noteId);
  for (const theme of state.themes.values()) {
    theme.note_ids = theme.note_ids.filter((id) => id !== noteId);
    theme.count = theme.note_ids.length;
  }
}

/** note id → the id of the theme it is in. */
export function ownerOf() {
  const owner = new Map();
  for (const theme of state.themes.values()) theme.note_ids.forEach((id) => owner.set(id, theme.id));
  return owner;
}

export const isLoading = () => loading;

/**
 * Read the page's data from `url` (with `headers`, such as a host's token). Broadcasts
 * that arrive meanwhile (see `whenLoaded`) are applied afterwards when they are newer
 * than what was read. Returns true, or the server's reason ("" when it gave none).
 */
export async function load(url, headers = {}) {
  loading = true;
  try {
    const response = await fetch(url, { credentials: "same-origin",
      headers: { Accept: "application/json", ...headers } });
    const view = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(view.error?.message ?? "");
    state.topics = view.topics;
    state.tables = new Map(view.tables.map((table) => [table.id, table]));
    state.notes = new Map(view.notes.map((note) => [note.id, note]));
    state.themes = new Map(view.themes.map((theme) => [theme.id, theme]));
    [...selected].filter((id) => !state.notes.has(id)).forEach((id) => selected.delete(id));
    const newer = buffered.filter(([, payload]) => !(payload?.seq <= view.seq));
    buffered = [];
    loading = false;
    newer.forEach(([apply, payload]) => apply(payload));
    return true;
  } catch (error) {
    buffered = [];
    loading = false;
    return error.message ?? "";
  }
}

/** A broadcast handler that waits while the page's data is being read, then `done()`. */
export function whenLoaded(apply, done) {
  return (payload) => {
    if (loading) buffered.push([apply, payload]);
    else { apply(payload); done(); }
  };
}
