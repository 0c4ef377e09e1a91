// Placeholder until the page is built in this session.
export function SubmissionPage() {
  return <h1>SubmissionPage</h1>;
}
