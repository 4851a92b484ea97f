// Fitting the board's text to the screen. The board never scrolls: each table's notes (and
// its crystallisation) shrink together until they fit their column, never below the
// projector's smallest size; anything above a column that grows (a banner, a message, the
// crystallisation, dot counts) refits it, because each column is watched for size changes.

// 0.93rem is 20 px on a 1080p projector (the board's rem is 2 % of the screen height).
const SMALLEST = 0.93;

/** Step a box's font size down from `largest` until `fits()` holds or the smallest size is reached. */
export function shrinkToFit(element, largest, fits, smallest = SMALLEST) {
  let size = largest;
  element.style.fontSize = `${size}rem`;
  while (!fits() && size > smallest) {
    size = Math.max(smallest, size - 0.05);
    element.style.fontSize = `${size}rem`;
  }
  return fits();
}

const overflows = (box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;

const ROW = 2; // px: the grid row the notes span (see .board-table .notes)

/** Pack the notes like a wall: each spans as many 2 px rows as it is tall, its margin included. */
function pack(list) {
  for (const note of list.children) note.style.gridRowEnd = "";
  for (const note of list.children) {
    const margin = parseFloat(getComputedStyle(note).marginBottom);
    note.style.gridRowEnd = `span ${Math.ceil((note.getBoundingClientRect().height + margin) / ROW)}`;
  }
}

/** Fit one table's column (its notes and crystallisation share one size) at most `largest`. */
function fitColumn(section, largest) {
  const list = section.querySelector(".notes");
  list.classList.remove("clipped");
  const fits = shrinkToFit(section, largest, () => { pack(list); return !overflows(list) && !overflows(section); });
  if (!fits) {
    // Even the smallest size does not fit: the newest notes stay in view.
    list.classList.add("clipped");
    list.scrollTop = list.scrollHeight;
  }
  return parseFloat(section.style.fontSize);
}

/**
 * Fit every visible column, then give them all the smallest size found, so that no
 * table's notes look less important than another's; and the results lists when up.
 */
export function fitAll(container) {
  const focused = container.classList.contains("focused");
  const sections = [...container.querySelectorAll(".board-table:not([hidden])")];
  const most = Math.max(1, ...sections.map((s) => s.querySelector(".notes").children.length));
  const largest = focused ? 2.6 : Math.max(SMALLEST, Math.min(1.6, 3.2 / Math.sqrt(most)));
  const sizes = sections.map((section) => fitColumn(section, largest));
  const common = Math.min(largest, ...sizes);
  for (const section of sections) fitColumn(section, common);
  for (const list of document.querySelectorAll(".board-theme-vote:not([hidden]) ol, .board-results:not([hidden]) ol")) {
    shrinkToFit(list, 1.6, () => !overflows(list.parentElement));
  }
}

/** Refit on the next frame after any change of size: of the window, a column or a results list. */
export function watchFit(container) {
  let queued = false;
  const queue = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fitAll(container); });
  };
  // Refitting changes font sizes inside the columns, not the columns' own boxes, so
  // the observer does not feed itself.
  const observer = new ResizeObserver(queue);
  const observeAll = () => {
    for (const box of document.querySelectorAll(".board-table, .board-theme-vote, .board-results")) observer.observe(box);
  };
  new MutationObserver(() => { observeAll(); queue(); }).observe(container, { childList: true });
  observeAll();
  window.addEventListener("resize", queue);
  return queue;
}
