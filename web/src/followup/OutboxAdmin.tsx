// Placeholder until the page is built in this session.
export function OutboxAdmin() {
  return <h1>OutboxAdmin</h1>;
}
