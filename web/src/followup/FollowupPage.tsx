// Placeholder until the page is built in this session.
export function FollowupPage() {
  return <h1>FollowupPage</h1>;
}
