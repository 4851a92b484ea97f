// Drag and drop on the themes page, for a mouse: a note (or every ticked note of
// its topic) onto a theme, or back into "not in a theme". The checkboxes and the
// selection bar do the same for keyboards and touch screens.
import { ownerOf, selected, state } from "./themes_state.js";

let dragged = null; // {ids, topicId} while notes are dragged

/** Listeners for a note's list item. */
export function dragHandlers(note) {
  return {
    dragstart: (event) => {
      const ids = selected.has(note.id)
        ? [...selected].filter((id) => state.notes.get(id)?.topic_id === note.topic_id) : [note.id];
      dragged = { ids, topicId: note.topic_id };
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", ids.join(","));
    },
    dragend: endDrag,
  };
}

function endDrag() {
  dragged = null;
  document.querySelectorAll(".drop-over").forEach((node) => node.classList.remove("drop-over"));
}

function accepts(theme, topicId) {
  if (!dragged || dragged.topicId !== topicId) return false;
  // A table's theme (a host's) takes that table's notes only.
  return !theme?.table_id
    || dragged.ids.every((id) => state.notes.get(id)?.table_id === theme.table_id);
}

/** Listeners for a theme's card (theme null: the topic's "not in a theme" card). */
export function dropTarget(theme, topicId, { assign, unassign }) {
  return {
    dragover: (event) => {
      if (!accepts(theme, topicId)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      event.currentTarget.classList.add("drop-over");
    },
    dragleave: (event) => {
      if (!event.currentTarget.contains(event.relatedTarget)) {
        event.currentTarget.classList.remove("drop-over");
      }
    },
    drop: (event) => {
      event.preventDefault();
      const ids = accepts(theme, topicId) ? dragged.ids : [];
      endDrag();
      const owner = ownerOf();
      if (theme && ids.some((id) => owner.get(id) !== theme.id)) assign(theme.id, ids);
      if (!theme && ids.some((id) => owner.has(id))) unassign(ids.filter((id) => owner.has(id)));
    },
  };
}
