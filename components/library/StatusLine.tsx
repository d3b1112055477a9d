/** What an action came to, under the controls that started it: a status, or an alert when it failed. */
export interface Status {
  kind: 'ok' | 'error';
  text: string;
}

/** Shows a status (polite) or an error (an alert, read out at once); nothing when there is none. */
export function StatusLine({ status }: { status: Status | null }) {
  if (!status) return null;
  return (
    <p class={status.kind === 'error' ? 'notice pre' : 'hint pre'} role={status.kind === 'error' ? 'alert' : 'status'}>
      {status.text}
    </p>
  );
}
