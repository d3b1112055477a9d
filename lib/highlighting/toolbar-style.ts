/**
 * The selection toolbar's stylesheet. Every property that could hide or restyle the host is fixed
 * with `!important` rules of the shadow tree, which win over the page's own `!important` rules.
 */
/** The selection toolbar's own stylesheet (inside its closed shadow root). */
export const TOOLBAR_CSS = `
:host {
  all: initial !important; display: block !important; position: fixed !important; inset: 0 !important;
  width: auto !important; height: auto !important; max-width: none !important; max-height: none !important;
  margin: 0 !important; padding: 0 !important; border: 0 !important; background: transparent !important;
  overflow: visible !important; pointer-events: none !important; z-index: 2147483647 !important;
  opacity: 1 !important; visibility: visible !important; transform: none !important; filter: none !important;
  clip-path: none !important; mask: none !important; mix-blend-mode: normal !important;
  contain: none !important; content-visibility: visible !important; zoom: 1 !important;
}
.bar {
  position: absolute; display: none; pointer-events: auto; flex-direction: column; gap: 4px;
  max-width: calc(100vw - 8px); box-sizing: border-box; padding: 4px; border-radius: 8px;
  background: #1f2328; box-shadow: 0 4px 16px rgba(0,0,0,.3);
  font: 13px/1.2 system-ui, sans-serif; color: #fff;
}
.bar.open { display: flex; }
[role=toolbar] { display: flex; flex-wrap: wrap; gap: 2px; }
button {
  all: unset; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
  padding: 5px 7px; border-radius: 5px; color: #fff; white-space: nowrap;
}
button:hover { background: rgba(255,255,255,.14); }
button:focus-visible { outline: 2px solid #8ab4f8; outline-offset: 1px; }
.dot { width: 10px; height: 10px; border-radius: 50%; display: inline-block; flex: none;
  font-size: 8px; line-height: 10px; text-align: center; color: #111; font-weight: 700; }
.sep { width: 1px; background: rgba(255,255,255,.25); margin: 3px 2px; }
.status { padding: 2px 6px 4px; color: #ffd7d5; max-width: 36em; white-space: normal; }
.status:empty { display: none; }
`;
