// Lints Cypher statements with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, pinned in package.json).
//
// Usage: node tests/cypher_lint.mjs input.json
// input.json: {"schema": {labels, relationshipTypes, propertyKeys}, "statements": [{name, text, params}]}
// Prints one JSON object per problem and exits 1 when any statement has an
// error-severity diagnostic (syntax errors, undefined variables, undeclared
// parameters) or uses a label, relationship type or property the schema
// does not know (the linter reports those as warnings; we treat them as errors).
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const ERROR = 1;
const UNKNOWN_NAME = /is not present in the database/;

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let problems = 0;
for (const statement of input.statements) {
  const parameters = Object.fromEntries(statement.params.map((name) => [name, null]));
  const dbSchema = { ...input.schema, parameters };
  const { diagnostics } = lintCypherQuery(statement.text, dbSchema, { consoleCommandsEnabled: true });
  for (const d of diagnostics) {
    if (d.severity === ERROR || UNKNOWN_NAME.test(d.message)) {
      problems += 1;
      const line = d.range.start.line + 1;
      console.log(JSON.stringify({ statement: statement.name, line, column: d.range.start.character + 1, message: d.message }));
    }
  }
}
console.error(`cypher lint: ${input.statements.length} statement(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
