// Placeholder until the page is built in this session.
export function ReportPage() {
  return <h1>ReportPage</h1>;
}
