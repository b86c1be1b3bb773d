// The report's print stylesheet (inline: the HTML is self-contained). A4 with margins that leave room for the
// PDF header and footer; every section starts on a new page.
export const REPORT_CSS = `
@page { size: A4; margin: 18mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 10pt; line-height: 1.55; color: #1a1a1a; }
h1 { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 22pt; margin: 30mm 0 6mm; text-align: center; }
h2 { font-size: 15pt; border-bottom: 2px solid #2166ac; padding-bottom: 2mm; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; color: #2166ac; }
section.chapter { break-before: page; }
.cover .sub { text-align: center; font-size: 12pt; color: #444; }
.cover dl { margin: 10mm auto 8mm; width: 150mm; display: grid; grid-template-columns: 38mm 1fr; gap: 1.5mm 4mm; font-size: 9.5pt; }
.cover dt { color: #555; }
.cover dd { margin: 0; word-break: break-all; }
nav.toc { width: 130mm; margin: 8mm auto 0; }
nav.toc h2 { text-align: center; border: none; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li { display: flex; align-items: baseline; font-size: 12pt; margin: 2.5mm 0; }
nav.toc a { color: #1a1a1a; text-decoration: none; }
nav.toc .dots { flex: 1; border-bottom: 1px dotted #888; margin: 0 2mm; }
nav.toc .pg { min-width: 10mm; text-align: right; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.6pt; }
th, td { border: 0.5px solid #999; padding: 0.6mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e8eef6; font-weight: bold; }
td:has(> .num-cell) { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
table.compact { font-size: 8pt; }
table.compact td, table.compact th { padding: 0.3mm 1.2mm; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 3mm 0 5mm; }
.card { border: 1px solid #c6d4e6; border-radius: 2mm; padding: 2.5mm 3mm; background: #f6f9fc; }
.card .k { font-size: 8.5pt; color: #555; }
.card .v { font-size: 15pt; font-weight: bold; color: #143d6b; }
.card .d { font-size: 8.5pt; color: #333; }
figure { margin: 3mm 0 5mm; break-inside: avoid; text-align: center; }
figcaption { font-size: 9pt; color: #444; margin-top: 1mm; }
figure svg { max-width: 100%; height: auto; }
.note { font-size: 8.5pt; color: #444; border-left: 3px solid #f4a582; padding-left: 2mm; margin: 2mm 0 4mm; }
.tag { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-size: 8pt; }
.tag.est { background: #fde0c5; }
.tag.rep { background: #d9f0d3; }
.status { display: inline-block; min-width: 4mm; padding: 0 1mm; border-radius: 1mm; font-size: 7.5pt; color: #111; text-align: center; }
.grid td { padding: 0.2mm 0.8mm; font-size: 7.5pt; }
.hash { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 8pt; word-break: break-all; }
.muted { color: #666; }
.nowrap, table.ranking td, table.grid td { white-space: nowrap; }
`;
