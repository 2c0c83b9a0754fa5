// Reference output from citeproc-js (Zotero's engine) for CSL-JSON items.
// For each item, four notes in one sequence: the item at page 3 (first), another item,
// the item at page 5 (subsequent), the item at page 6 (the same work again at once),
// then the item's bibliography entry.
//   node crosscheck_citeproc.js NODE_MODULES STYLE.csl LOCALE.xml ITEMS.json
const fs = require("fs");
const [, , modules, stylePath, localePath, itemsPath] = process.argv;
const CSL = require(modules + "/citeproc");
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const locale = fs.readFileSync(localePath, "utf8");
const style = fs.readFileSync(stylePath, "utf8");
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };

function cluster(number, id, locator) {
  const item = locator ? { id, locator, label: "page" } : { id };
  return { citationID: "c" + number, citationItems: [item], properties: { noteIndex: number } };
}

const out = {};
for (const item of items) {
  const other = items.find((candidate) => candidate.id !== item.id);
  const engine = new CSL.Engine(sys, style, "en-US");
  engine.setOutputFormat("text");
  engine.updateItems([item.id, other.id]);
  const sequence = [cluster(1, item.id, "3"), cluster(2, other.id), cluster(3, item.id, "5"), cluster(4, item.id, "6")];
  const texts = [];
  const pre = [];
  for (const [index, citation] of sequence.entries()) {
    const result = engine.processCitationCluster(citation, pre, []);
    texts.push(result[1].find((row) => row[0] === index)[1]);
    pre.push([citation.citationID, index + 1]);
  }
  const [meta, entries] = engine.makeBibliography();
  const position = meta.entry_ids.findIndex((ids) => ids[0] === item.id);
  out[item.id] = { first: texts[0], subsequent: texts[2], consecutive: texts[3], bibliography: entries[position].trim() };
}
process.stdout.write(JSON.stringify(out, null, 1));
