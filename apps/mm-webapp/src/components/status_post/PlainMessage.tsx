// What an untrusted or unreadable status post shows: its `message` as text. React escapes it,
// so nothing the author wrote can become markup.
const MAX_CHARS = 16_383;

export function PlainMessage({ text }: { text: string }) {
  return (
    <div
      className="livestatus-plain"
      data-testid="livestatus-plain"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
    >
      {text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text}
    </div>
  );
}
