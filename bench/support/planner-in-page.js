/**
 * Runs in the page: times `count` « Sélection automatique » clicks and `count` plain
 * re-renders of the planner grid, each until the update is done and laid out.
 */
async (count) => {
  const find = (root, selector) => {
    const direct = root.querySelector(selector);
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot ? find(el.shadowRoot, selector) : null;
      if (inner) return inner;
    }
    return null;
  };
  const planner = find(document, 'pf-booking-planner');
  const button = (name) => [...planner.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
  const settle = async () => {
    await planner.updateComplete;
    void planner.shadowRoot.querySelector('table').offsetHeight; // style and layout included
  };
  const pattern = [];
  const plain = [];
  let chosen = '';
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    button('Sélection automatique').click();
    await settle();
    pattern.push(performance.now() - t0);
    chosen = planner.shadowRoot.querySelector('.count')?.textContent ?? '';
    const t1 = performance.now();
    planner.requestUpdate();
    await settle();
    plain.push(performance.now() - t1);
    button('Effacer mes choix')?.click();
    await settle();
  }
  return { pattern, plain, chosen };
};
