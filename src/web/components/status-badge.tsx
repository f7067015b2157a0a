/**
 * A status word with a coloured dot. The word stays in the text colour (readable on any row
 * background); the colour only repeats what the word says.
 */
export function StatusBadge({ color, children }: { color: string; children: string }) {
  return (
    <span className="status">
      <span className="status-dot" style={{ background: `var(--mantine-color-${color}-7)` }} aria-hidden="true" />
      {children}
    </span>
  );
}
