/**
 * The consistency page's inline script (plain ES2017, no dependencies): shows the tooltip of a
 * sentence or fact (`.u`, `data-u` = `s3` / `f1`) below it on hover and keyboard focus, built with
 * textContent only from the JSON in #cs-data; Esc hides it. Uses the X-ray page's #ts-tip, and hides
 * it only when it shows a unit, so it can sit beside the token X-ray's script on one page.
 */
export const CONSISTENCY_HTML_SCRIPT = `(function(){
var data=JSON.parse(document.getElementById('cs-data').textContent);
var tip=document.getElementById('ts-tip');var current=null;
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=text;if(cls)e.className=cls;return e;}
function unitOf(n){return n&&n.closest?n.closest('.u'):null;}
function show(u){
  var id=u.dataset.u;var d=(id[0]==='f'?data.f:data.s)[+id.slice(1)];if(!d)return;
  tip.replaceChildren();
  var head=el('div');head.appendChild(el('span',d.text,'tt'));head.appendChild(el('span',' '+d.what,'note'));tip.appendChild(head);
  tip.appendChild(el('div',d.support));
  if(d.versions.length){var list=el('ul',null,'versions');d.versions.forEach(function(v){
    var li=el('li',null,v[1]?'yes':'no');li.appendChild(el('span',v[1]?'\\u2713 ':'\\u2717 ','vm'));
    li.appendChild(el('span','sample '+v[0]+': ','note'));li.appendChild(el('span',v[2]||'(no matching sentence)'));list.appendChild(li);});
    tip.appendChild(list);}
  tip.hidden=false;
  var rects=u.getClientRects();var last=rects.length?rects[rects.length-1]:u.getBoundingClientRect();
  tip.style.top=(last.bottom+window.scrollY+6)+'px';tip.style.left='0px';
  var max=window.scrollX+document.documentElement.clientWidth-tip.offsetWidth-8;
  tip.style.left=Math.max(window.scrollX+8,Math.min(last.left+window.scrollX,max))+'px';
  if(current&&current!==u)current.removeAttribute('aria-describedby');
  u.setAttribute('aria-describedby','ts-tip');current=u;
}
function hide(){if(!current)return;tip.hidden=true;current.removeAttribute('aria-describedby');current=null;}
document.addEventListener('mouseover',function(e){var u=unitOf(e.target);if(u)show(u);});
document.addEventListener('mouseout',function(e){var u=unitOf(e.target);if(u&&!u.contains(e.relatedTarget)){var f=unitOf(document.activeElement);if(f)show(f);else hide();}});
document.addEventListener('focusin',function(e){var u=unitOf(e.target);if(u)show(u);else hide();});
document.addEventListener('focusout',function(e){if(!unitOf(e.relatedTarget))hide();});
document.addEventListener('keydown',function(e){if(e.key==='Escape')hide();});
})();`;
