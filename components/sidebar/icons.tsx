/** Small inline icons (SVG: no icon font, no remote load, render the same everywhere). */

/** A waste-bin icon; decorative, the button carries the name. */
export function TrashIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6 1h4a1 1 0 0 1 1 1v1h3v1.5H2V3h3V2a1 1 0 0 1 1-1Zm0 2h4V2.5H6V3ZM3.5 5.5h9l-.7 8.6A1 1 0 0 1 10.8 15H5.2a1 1 0 0 1-1-.9l-.7-8.6Zm3 1.5v6h1V7h-1Zm2 0v6h1V7h-1Z"
      />
    </svg>
  );
}
