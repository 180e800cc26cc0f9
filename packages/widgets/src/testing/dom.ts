// Finding things the way a user does: by label, by button name, by visible text,
// through every open shadow root.

const mounted: Element[] = [];

/** Adds an element to the page (removed by `cleanup()`). */
export function mount<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  mounted.push(element);
  return element;
}

/** Adds some markup to the page (removed by `cleanup()`). */
export function mountHtml(markup: string): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.innerHTML = markup;
  document.body.append(wrapper);
  mounted.push(wrapper);
  return wrapper;
}

export function cleanup(): void {
  for (const element of mounted.splice(0)) element.remove();
}

/** Every element matching `selector` under `root`, including inside open shadow roots. */
export function deepQueryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const found: E[] = [...root.querySelectorAll<E>(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll<E>(element.shadowRoot, selector));
  }
  return found;
}

/** The text a user sees under `node`, shadow roots included, whitespace collapsed. */
export function visibleText(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node): void => {
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof Element && current.shadowRoot) walk(current.shadowRoot);
    for (const child of current.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const norm = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The form control whose label reads `text`. */
export function byLabel(root: ParentNode, text: string): HTMLInputElement {
  const label = deepQueryAll<HTMLLabelElement>(root, 'label').find((l) => norm(l.textContent) === text);
  if (!label)
    throw new Error(
      `No label « ${text} » (labels: ${deepQueryAll(root, 'label')
        .map((l) => norm(l.textContent))
        .join(' | ')})`,
    );
  const control = label.control;
  if (!(control instanceof HTMLInputElement)) throw new Error(`Label « ${text} » is tied to no input`);
  return control;
}

/** The button whose name reads `name`. */
export function byButton(root: ParentNode, name: string): HTMLButtonElement {
  const button = deepQueryAll<HTMLButtonElement>(root, 'button').find((b) => norm(b.textContent) === name);
  if (!button)
    throw new Error(
      `No button « ${name} » (buttons: ${deepQueryAll(root, 'button')
        .map((b) => norm(b.textContent))
        .join(' | ')})`,
    );
  return button;
}

export function hasButton(root: ParentNode, name: string): boolean {
  return deepQueryAll<HTMLButtonElement>(root, 'button').some((b) => norm(b.textContent) === name);
}

/** Types into a field as a user would: the value changes and `input` fires. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Polls until `check` stops throwing (or returns a truthy value), then returns its result. */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<NonNullable<T>> {
  const start = performance.now();
  let lastError: unknown = new Error('condition never became true');
  for (;;) {
    try {
      const result = check();
      if (result) return result as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() - start > timeoutMs) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the text a user sees under `node` contains `text`. */
export function waitForText(node: Node, text: string, timeoutMs = 3000): Promise<true> {
  return waitFor(() => {
    const seen = visibleText(node);
    if (!seen.includes(text)) throw new Error(`Text « ${text} » never appeared; seen: « ${seen} »`);
    return true as const;
  }, timeoutMs);
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Resolves with the next `name` event fired on `target`. */
export function nextEvent<E extends Event>(target: EventTarget, name: string): Promise<E> {
  return new Promise((resolve) => target.addEventListener(name, (event) => resolve(event as E), { once: true }));
}

/** The form control (input, select or textarea) whose label reads `text`. */
export function byLabelControl<E extends HTMLElement = HTMLSelectElement | HTMLTextAreaElement | HTMLInputElement>(
  root: ParentNode,
  text: string,
): E {
  const label = deepQueryAll<HTMLLabelElement>(root, 'label').find((l) => norm(l.textContent) === text);
  if (!label?.control)
    throw new Error(
      `No control labelled « ${text} » (labels: ${deepQueryAll(root, 'label')
        .map((l) => norm(l.textContent))
        .join(' | ')})`,
    );
  return label.control as E;
}

/** The fieldset (or `role="group"`) whose legend or label reads `name`. */
export function byGroup(root: ParentNode, name: string): HTMLElement {
  const fieldset = deepQueryAll<HTMLFieldSetElement>(root, 'fieldset').find(
    (f) => norm(f.querySelector('legend')?.textContent ?? '') === name,
  );
  if (fieldset) return fieldset;
  const group = deepQueryAll<HTMLElement>(root, '[role="group"][aria-labelledby]').find((g) => {
    const labelled = (g.getRootNode() as ParentNode & { getElementById?(id: string): Element | null }).getElementById?.(
      g.getAttribute('aria-labelledby') ?? '',
    );
    return norm(labelled?.textContent ?? '') === name;
  });
  if (!group) throw new Error(`No group « ${name} »`);
  return group;
}

/** Picks an option of a select as a user would: the value changes and `change` fires. */
export function choose(select: HTMLSelectElement, value: string): void {
  select.focus();
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
