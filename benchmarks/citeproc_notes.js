// citeproc-js (Zotero's engine) doing what `dossier notes` + `dossier bibliography` do:
// a full note for every item, then the sorted bibliography, as text. For benchmarks/run.py.
//   node citeproc_notes.js NODE_MODULES STYLE.csl LOCALE.xml ITEMS.json
const fs = require("fs");
const [, , modules, stylePath, localePath, itemsPath] = process.argv;
const CSL = require(modules + "/citeproc");
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const list = Array.isArray(items) ? items : items.items;
const byId = Object.fromEntries(list.map((item) => [item.id, item]));
const sys = { retrieveLocale: () => fs.readFileSync(localePath, "utf8"), retrieveItem: (id) => byId[id] };
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), "en-US");
engine.setOutputFormat("text");
engine.updateItems(list.map((item) => item.id));
let notes = 0;
for (const item of list) {
  const text = engine.makeCitationCluster([{ id: item.id }]);
  if (text) notes += 1;
}
const [, entries] = engine.makeBibliography();
if (notes !== list.length || entries.length !== list.length) {
  console.error(`notes ${notes}, bibliography ${entries.length}, items ${list.length}`);
  process.exit(1);
}
