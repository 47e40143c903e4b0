// Splits queries as the header search box does (docs/assets/kb-search.js), for the property test
// of tests/test_contracts.py: one process for many examples. The first line of stdin is the
// data of search/core.js; every further line is a query (a JSON string), answered by one line
// on stdout: the query's tokens (a JSON array).
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const searchText = createRequire(import.meta.url)("../../docs/assets/kb-search.js");
let engine = null;
for await (const line of createInterface({ input: process.stdin })) {
  if (!engine) engine = searchText.engine(JSON.parse(line));
  else process.stdout.write(JSON.stringify(searchText.splitQuery(JSON.parse(line), engine).tokens) + "\n");
}
