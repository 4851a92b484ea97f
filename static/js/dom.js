// The few DOM and storage helpers every page shares.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** An element with properties, attributes, data, listeners and children (nulls skipped). */
export function el(tag, { attrs = {}, on = {}, dataset = {}, ...props } = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  Object.assign(node.dataset, dataset);
  for (const [name, handler] of Object.entries(on)) node.addEventListener(name, handler);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** The localStorage keys of one workshop on this device, spelt in one place. */
export function storageKeys(code) {
  return {
    token: `kahvila:${code}:token`,
    outbox: `kahvila:${code}:outbox`,
    draft: `kahvila:${code}:draft`,
  };
}

/** Forget everything this device keeps for a workshop (erased, or removed). */
export function forgetWorkshop(code) {
  Object.values(storageKeys(code)).forEach((key) => localStorage.removeItem(key));
}
