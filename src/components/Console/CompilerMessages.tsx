import type { CompilerDiagnostic } from '../../toolchains/types.ts';

/** Props of the compiler message list. */
export interface CompilerMessagesProps {
  messages: readonly CompilerDiagnostic[];
  /** Opens a file at a position (a click on a message that names one). */
  onOpen(file: string, line: number, column: number): void;
}

/** The last compile's errors and warnings under the console, each one a link to its line. */
export function CompilerMessages({ messages, onOpen }: CompilerMessagesProps) {
  if (messages.length === 0) return null;
  return (
    <ul className="compiler-messages" aria-label="Compiler messages">
      {messages.map((m, i) => {
        const where = m.file === undefined ? '' : `${m.file}:${m.line}:${m.column}: `;
        const text = `${where}${m.severity}: ${m.message}`;
        return (
          <li key={i} className={`compiler-message compiler-message-${m.severity}`}>
            {m.file !== undefined && m.line > 0 ? (
              <button
                type="button"
                title={`Go to ${m.file}, line ${m.line}`}
                onClick={() => onOpen(m.file!, m.line, Math.max(1, m.column))}
              >
                {text}
              </button>
            ) : (
              <span>{text}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
