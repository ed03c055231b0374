import './fieldProblems.css';

/** What is wrong with a field, in words, right under it; nothing when the field is fine. */
export function FieldProblem({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field-problem">
      {messages.join(' · ')}
    </p>
  );
}
