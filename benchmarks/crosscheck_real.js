// citeproc-js (Zotero's engine) on the official Chicago CSL style, for benchmarks/crosscheck_real.py.
//   node crosscheck_real.js NODE_MODULES STYLE.csl LOCALE.xml ITEMS.json OTHER_ID [--fresh]
// ITEMS.json holds CSL-JSON items, OTHER_ID among them (a neutral work cited between two citations
// of each item). For every other item, two note sequences:
//   A: item p. 12 (first, with locator), OTHER, item p. 15 (short), item p. 16 (same work again at once),
//      OTHER, item (short, no locator); then the item's bibliography entry;
//   B: item (first, no locator).
// Prints {id: {form: html}} as JSON; an item the engine cannot process gets {"error": message}.
const fs = require("fs");
const [, , modules, stylePath, localePath, itemsPath, otherId] = process.argv;
const CSL = require(modules + "/citeproc");
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const locale = fs.readFileSync(localePath, "utf8");
const style = fs.readFileSync(stylePath, "utf8");
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };

function cluster(prefix, number, id, locator) {
  const item = locator ? { id, locator, label: "page" } : { id };
  return { citationID: prefix + "-" + number, citationItems: [item], properties: { noteIndex: number } };
}

// One engine for the whole run (building one takes seconds); each sequence starts from
// updateItems and an empty list of earlier citations, so no state carries from one item to the next
// (--fresh builds a new engine per sequence instead, to check that).
const fresh = process.argv.includes("--fresh");
let shared = null;
function engineFor(ids) {
  const engine = fresh || !shared ? new CSL.Engine(sys, style, "en-US") : shared;
  if (!fresh) shared = engine;
  engine.setOutputFormat("html");
  engine.updateItems(ids);
  return engine;
}

function run(ids, sequence) {
  const engine = engineFor(ids);
  const texts = [];
  const pre = [];
  for (const [index, citation] of sequence.entries()) {
    const result = engine.processCitationCluster(citation, pre, []);
    texts.push(result[1].find((row) => row[0] === index)[1]);
    pre.push([citation.citationID, index + 1]);
  }
  return { engine, texts };
}

const out = {};
for (const [n, item] of items.entries()) {
  if (item.id === otherId) continue;
  try {
    const a = run([item.id, otherId], [cluster("a" + n, 1, item.id, "12"), cluster("a" + n, 2, otherId),
      cluster("a" + n, 3, item.id, "15"), cluster("a" + n, 4, item.id, "16"), cluster("a" + n, 5, otherId),
      cluster("a" + n, 6, item.id)]);
    const [meta, entries] = a.engine.makeBibliography();
    const position = meta.entry_ids.findIndex((ids) => ids[0] === item.id);
    const bibliography = position < 0 ? "" : entries[position].trim();  // the style may leave a type out
    const b = run([item.id], [cluster("b" + n, 1, item.id)]);
    out[item.id] = {
      "first-locator": a.texts[0], first: b.texts[0], "short-locator": a.texts[2], "again-locator": a.texts[3],
      short: a.texts[5], bibliography,
    };
  } catch (error) {
    shared = null;
    out[item.id] = { error: String(error && error.message ? error.message : error) };
  }
}
process.stdout.write(JSON.stringify(out, null, 1));
