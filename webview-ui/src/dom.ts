// The only way the form builds DOM: elements, attributes and text nodes. No HTML strings anywhere,
// so a connection name like `<img src=x onerror=…>` can only ever be text.

export type Attrs = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, ...children);
  return e;
}

export function setAttrs(e: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) e.removeAttribute(k);
    else e.setAttribute(k, v === true ? '' : v);
  }
}

export function append(parent: Node, ...children: (Node | string | null | undefined | false)[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces an element's content with plain text; unchanged text is left alone so live regions stay quiet. */
export function setText(e: Element, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

/** `{0}`-style placeholders, filled as text (never markup). */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

// Pointer tracking: whether a mouse button is down right now, and what waits for its release.
let pointerDown = false;
let afterRelease: (() => void)[] = [];
document.addEventListener('pointerdown', () => (pointerDown = true), true);
for (const type of ['pointerup', 'pointercancel'] as const) {
  document.addEventListener(
    type,
    () => {
      pointerDown = false;
      const queued = afterRelease;
      afterRelease = [];
      // After the click that this release completes has been dispatched.
      if (queued.length) setTimeout(() => queued.forEach((fn) => fn()), 0);
    },
    true,
  );
}

/**
 * Runs `fn` now, or — when a mouse button is down — once it is released. Leaving a field by clicking
 * a button below it shows the field's error; rendered at mousedown, the message would push the
 * button away from under the pointer and the click would be lost.
 */
export function afterPointerRelease(fn: () => void): void {
  if (pointerDown) afterRelease.push(fn);
  else fn();
}
