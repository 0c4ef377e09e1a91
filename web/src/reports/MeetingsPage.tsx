// Placeholder until the page is built in this session.
export function MeetingsPage() {
  return <h1>MeetingsPage</h1>;
}
