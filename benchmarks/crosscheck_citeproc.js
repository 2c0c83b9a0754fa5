// Reference output from citeproc-js (Zotero's engine) for CSL-JSON items:
// for each item, the first note (locator 3), a subsequent note (locator 5) and the bibliography entry.
//   node crosscheck_citeproc.js NODE_MODULES STYLE.csl LOCALE.xml ITEMS.json
const fs = require("fs");
const [, , modules, stylePath, localePath, itemsPath] = process.argv;
const CSL = require(modules + "/citeproc");
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const locale = fs.readFileSync(localePath, "utf8");
const style = fs.readFileSync(stylePath, "utf8");
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };
const out = {};
for (const item of items) {
  const engine = new CSL.Engine(sys, style, "en-US");
  engine.setOutputFormat("text");
  engine.updateItems([item.id]);
  const first = engine.processCitationCluster(
    { citationID: "c1", citationItems: [{ id: item.id, locator: "3", label: "page" }], properties: { noteIndex: 1 } }, [], []);
  const later = engine.processCitationCluster(
    { citationID: "c2", citationItems: [{ id: item.id, locator: "5", label: "page" }], properties: { noteIndex: 2 } },
    [["c1", 1]], []);
  const bibliography = engine.makeBibliography();
  out[item.id] = {
    first: first[1].find((row) => row[0] === 0)[1],
    subsequent: later[1].find((row) => row[0] === 1)[1],
    bibliography: bibliography[1][0].trim(),
  };
}
process.stdout.write(JSON.stringify(out, null, 1));
