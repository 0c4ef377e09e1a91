// Placeholder until the page is built in this session.
export function CyclePage() {
  return <h1>CyclePage</h1>;
}
