// The workshop form's table and topic rows: add one, remove one, by mouse or keyboard.
// Without this script the "Add" buttons ask the server for one more row, and an empty
// row is skipped, so the form works either way; the server takes any number of rows.
const MAX_ROWS = 40;
const words = JSON.parse(document.getElementById("form-rows-strings").textContent);

/** Give a cloned row the field names and ids of row `index` (tables-3-name …). */
function reindex(row, kind, index) {
  const pattern = new RegExp(`^${kind}-\\d+-`);
  for (const element of row.querySelectorAll("[id], [for], [name], [aria-describedby]")) {
    for (const attribute of ["id", "for", "name", "aria-describedby"]) {
      const value = element.getAttribute(attribute);
      if (value) element.setAttribute(attribute, value.split(" ")
        .map((part) => part.replace(pattern, `${kind}-${index}-`)).join(" "));
    }
  }
  row.dataset.index = String(index);
}

/** Empty a row's fields and forget its errors. */
function clear(row) {
  for (const input of row.querySelectorAll("input, textarea")) {
    if (input.type === "checkbox") input.checked = false;
    else input.value = "";
    input.removeAttribute("aria-invalid");
  }
  row.querySelectorAll(".error").forEach((error) => error.remove());
  row.querySelectorAll(".has-error").forEach((field) => field.classList.remove("has-error"));
}

/** Number the remove buttons "Remove table 1 …" and keep the add button within the limit. */
function renumber(list, kind, add) {
  const rows = [...list.querySelectorAll(":scope > .row")];
  rows.forEach((row, position) => {
    const remove = row.querySelector(".remove-row");
    remove.hidden = false;
    remove.setAttribute("aria-label", words[kind].replace("%(number)s", String(position + 1)));
  });
  add.disabled = rows.length >= MAX_ROWS;
}

function addRow(list, kind, add) {
  const rows = [...list.querySelectorAll(":scope > .row")];
  const next = Math.max(...rows.map((row) => Number(row.dataset.index))) + 1;
  const row = rows[rows.length - 1].cloneNode(true);
  reindex(row, kind, next);
  clear(row);
  list.append(row);
  renumber(list, kind, add);
  row.querySelector("input, textarea").focus();
}

function removeRow(list, kind, add, row) {
  const rows = [...list.querySelectorAll(":scope > .row")];
  if (rows.length === 1) { clear(row); row.querySelector("input, textarea").focus(); return; }
  const neighbour = row.nextElementSibling ?? row.previousElementSibling;
  row.remove();
  renumber(list, kind, add);
  // Focus stays where the person is working: on the next row's remove button.
  neighbour.querySelector(".remove-row").focus();
}

for (const list of document.querySelectorAll("[data-rows]")) {
  const kind = list.dataset.rows;
  const add = document.querySelector(`button[name="add_row"][value="${kind}"]`);
  add.type = "button";  // the script adds rows in place; no round trip to the server
  add.addEventListener("click", () => addRow(list, kind, add));
  list.addEventListener("click", (event) => {
    const remove = event.target.closest(".remove-row");
    if (remove) removeRow(list, kind, add, remove.closest(".row"));
  });
  renumber(list, kind, add);
}
