// Placeholder until the page is built in this session.
export function ReportsPage() {
  return <h1>ReportsPage</h1>;
}
