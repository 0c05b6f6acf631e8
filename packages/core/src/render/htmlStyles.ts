import { paletteVariables } from './xray/xrayPalette.js';
import { xrayTokenCss } from './xray/xrayTokenCss.js';

/**
 * The report's inline CSS: light and dark themes (prefers-color-scheme) of the X-ray palette, the
 * token classes' rules shared with the web app, no external fonts.
 */
export const HTML_CSS = `
:root{color-scheme:light dark;${paletteVariables('light')}}
@media (prefers-color-scheme:dark){:root{${paletteVariables('dark')}}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1100px;margin:0 auto;padding:20px 24px 80px}
h1{font-size:1.35rem;margin:0 0 4px}h2{font-size:1.05rem;margin:28px 0 8px}
.meta,.note{color:var(--muted);font-size:.88rem;margin:0}
.disclaimer{margin:10px 0 0;padding:8px 12px;border-left:4px solid var(--mark);background:var(--panel);font-weight:600}
.warning{margin:10px 0 0;padding:8px 12px;border:1px solid var(--line);border-left:4px solid var(--chart-orange);background:var(--panel)}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;font-size:.85rem;margin:14px 0 8px}
.sw{display:inline-block;padding:0 6px;border-radius:3px;border:1px solid var(--line);margin-right:4px}
.sw:empty{width:14px;height:11px;padding:0;vertical-align:-1px}
.xray{margin-top:10px;font:16px/2.2 ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;white-space:pre-wrap;
word-break:break-word;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:12px 14px}
.t{border-radius:2px;cursor:default;outline-offset:1px}
.xray .t+.t{box-shadow:inset 1px 0 0 var(--edge)}
.t:focus{outline:2px solid var(--focus)}.t:hover{outline:1px solid var(--muted)}
${xrayTokenCss()}
.lcs{outline:1.5px dashed var(--mark);outline-offset:2px;border-radius:3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
#ts-tip{position:absolute;z-index:10;max-width:min(560px,calc(100vw - 16px));background:var(--tipbg);color:var(--fg);
border:1px solid var(--line);border-radius:6px;box-shadow:0 6px 20px rgba(0,0,0,.22);padding:8px 10px;font-size:.82rem;
line-height:1.4;pointer-events:none;white-space:normal}
#ts-tip[hidden]{display:none}
#ts-tip .tt{font:600 .95rem ui-monospace,Menlo,Consolas,monospace}
#ts-tip table{margin-top:6px}
#ts-tip .chosen td{font-weight:700}
table{border-collapse:collapse;font-size:.86rem;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px}
.stat{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 10px}
.stat b{display:block;font-size:1.05rem}.stat span{color:var(--muted);font-size:.8rem}
.chart{display:inline-flex;max-width:100%;border:1px solid var(--line);border-radius:6px;background:var(--panel)}
.chart .scroll{overflow-x:auto;flex:1}
.chart svg text{fill:var(--muted);font:11px ui-monospace,Menlo,Consolas,monospace}
.chart .grid{stroke:var(--line)}.chart .b1{fill:var(--bar1)}.chart .b2{fill:var(--bar2)}
.chart .pick{fill:var(--mark)}.chart g.bar{cursor:pointer}.chart g.bar:hover rect.hit{fill:var(--line);opacity:.5}
a{color:var(--focus)}
kbd{border:1px solid var(--line);border-radius:3px;padding:0 4px;font-size:.8rem;background:var(--panel)}
`;
