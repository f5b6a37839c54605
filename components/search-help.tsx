import { QUERY_SYNTAX } from '@/lib/library/search';

/** The search box's query syntax, shown under it on request (the popup and the library page). */
export function SearchHelp() {
  return (
    <table class="help" data-testid="search-help">
      <tbody>
        {QUERY_SYNTAX.map((s) => (
          <tr key={s.example}>
            <td>
              <code>{s.example}</code>
            </td>
            <td>{s.meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
