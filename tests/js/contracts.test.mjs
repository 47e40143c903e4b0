// The browser's half of the contract (kb/site/browser_contract.py): the site's own scripts,
// loaded by Node as they are (each is a classic script that also exports its functions), with
// the data Python generates for the site, on the examples of tests/fixtures/contracts/.
// Run by `make contracts` and by tests/test_contracts.py (so `make test` runs it too):
//   node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const searchText = require("../../docs/assets/kb-search.js");
const { Pinyin } = require("../../docs/assets/submit-id.js");
const { checker } = require("../../docs/assets/submit-check.js");
// the vendored bundle the page loads, as it is (a classic script defining KbJsonSchema)
vm.runInThisContext(readFileSync(`${repo}docs/assets/vendor/cfworker-json-schema.js`, "utf8"));

const fixture = (name) => JSON.parse(readFileSync(`${repo}tests/fixtures/contracts/${name}.json`, "utf8"));
const python = process.env.KB_PYTHON || `${repo}.venv/bin/python`;
const pythonEnv = { ...process.env, PYTHONPATH: `${repo}scripts`, NO_MKDOCS_2_WARNING: "1" };
// KB_CONTRACT_DATA: a file holding the data already (tests/test_contracts.py computes it in its own
// process); otherwise Python prints it
const generated = JSON.parse(process.env.KB_CONTRACT_DATA
  ? readFileSync(process.env.KB_CONTRACT_DATA, "utf8")
  : execFileSync(python, ["-m", "kb.site.browser_contract"], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28, env: pythonEnv }));

const search = fixture("search_text");
const engine = searchText.engine(generated.search);

test("text is normalized as the index normalizes it", () => {
  for (const [text, normalized] of search.normalize) assert.equal(searchText.normalize(text, engine), normalized, text);
});

test("normalized text is cut into the index's runs", () => {
  for (const [text, runs] of search.runs) assert.deepEqual(searchText.runs(text, engine), runs, text);
});

test("a query is split into the fixture's tokens", () => {
  for (const [query, tokens] of search.tokens) assert.deepEqual(searchText.splitQuery(query, engine).tokens, tokens, query);
});

test("a text holding the query's terms side by side is closer than one holding them apart", () => {
  for (const [query, text, close] of search.closeness) {
    assert.equal(searchText.closeness(text, searchText.splitQuery(query, engine), engine), close, `${query} in ${text}`);
  }
});

test("tokens hash to the index's shards", () => {
  for (const [token, hash] of search.fnv1a) assert.equal(searchText.fnv1a(token, engine), hash, token);
});

const ids = fixture("ids");
const pinyin = new Pinyin(generated.pinyin);

test("the form proposes the id make new gives", () => {
  for (const { province, county, model, id } of ids.cases) assert.equal(pinyin.caseId(province, county, model), id, model);
});

test("place slugs agree with make new's over the whole gazetteer", () => {
  const names = Object.keys(generated.placeSlugs);
  const disagree = names.filter((name) => pinyin.placeSlug(name) !== generated.placeSlugs[name]);
  assert.ok(names.length > 2000, `${names.length} names`);
  assert.ok(1 - disagree.length / names.length >= ids.minimumPlaceAgreement,
    `${disagree.length} of ${names.length} differ: ${disagree.slice(0, 20).join(" ")}`);
});

const judge = checker(generated.submit, globalThis.KbJsonSchema.Validator, new Pinyin(generated.submit.pinyin));

test("the form judges every broken example as make validate does; what it accepts, make validate accepts", () => {
  const judged = generated.formVerdicts.filter((verdict) => verdict.judged);
  // every code the form can meet (kb.check.rules: all but NOT_IN_THE_FORM) has an example judged here
  assert.deepEqual([...new Set(judged.flatMap((verdict) => verdict.codes))].sort(), generated.formCodes);
  // KB_FORM_ACCEPTED: an empty folder the files are left in, for the caller to run make validate on
  // (tests/test_contracts.py does, in its own process); otherwise make validate runs here
  const handedOver = process.env.KB_FORM_ACCEPTED;
  const accepted = handedOver || mkdtempSync(join(tmpdir(), "kb-form-"));
  for (const name of readdirSync(`${repo}cases`)) copyFileSync(`${repo}cases/${name}`, join(accepted, name));
  const differ = [];
  for (const verdict of judged) {
    const result = judge.check(verdict.values);
    const codes = [...new Set(result.problems.map((problem) => problem.code))].sort();
    if (!codes.length) {
      // accepted: the file the form writes (which may have repaired the example, as the form does
      // with "92个" when the unit is 个 or with an empty line) goes to make validate below
      // one file each, beside the library it links to: an id and a case number of its own
      result.read.meta.id = `form-accepted-${judged.indexOf(verdict)}`;
      if (result.read.meta.serial) result.read.meta.serial = { number: String(1000 + judged.indexOf(verdict)) };
      writeFileSync(join(accepted, `${result.read.meta.id}.md`), judge.caseFile(result.read));
    } else if (codes.join(" ") !== verdict.codes.join(" ")) {
      differ.push({ file: verdict.file, validator: verdict.codes.join(" "), form: codes.join(" ") });
    }
  }
  assert.deepEqual(differ, []);
  if (handedOver) return;
  try {
    execFileSync(python, ["-m", "kb", "validate", "--cases", accepted], { cwd: repo, encoding: "utf8", env: pythonEnv });
  } catch (error) {
    assert.fail(`make validate refuses files the form accepted:\n${error.stdout}`);
  } finally {
    rmSync(accepted, { recursive: true, force: true });
  }
});
