// Placeholder until the page is built in this session.
export function DeviationsPage() {
  return <h1>DeviationsPage</h1>;
}
