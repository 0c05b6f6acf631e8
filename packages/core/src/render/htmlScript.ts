import { TOOLTIP_COLUMNS } from './xray/tokenTooltip.js';

/**
 * The report's inline script (plain ES2017, no dependencies). Shows the tooltip of a token below its
 * line on hover and keyboard focus, built with textContent only (never innerHTML) from the JSON in
 * #ts-data; `n` / `p` focus the next / previous flagged token; Esc hides the tooltip; clicking a
 * chart bar or a table link with data-goto focuses that token.
 */
export const HTML_SCRIPT = `(function(){
var data=JSON.parse(document.getElementById('ts-data').textContent);
var tip=document.getElementById('ts-tip');
var toks=Array.prototype.slice.call(document.querySelectorAll('.t'));
var flagged=toks.filter(function(t){return t.classList.contains('f');});
var current=null;
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=text;if(cls)e.className=cls;return e;}
function tokenOf(n){return n&&n.closest?n.closest('.t'):null;}
function show(t){
  var d=data[+t.dataset.i];if(!d)return;
  tip.replaceChildren();
  var head=el('div');head.appendChild(el('span',d.t,'tt'));head.appendChild(el('span',' '+d.w,'note'));
  tip.appendChild(head);
  tip.appendChild(el('div',d.stats));
  if(d.clues.length){var cl=el('div');d.clues.forEach(function(c){cl.appendChild(el('span',c[0],'mk'));cl.appendChild(document.createTextNode(' '+c[1]+' '));});tip.appendChild(cl);}
  if(d.alts.length){
    var tb=el('table');var hr=el('tr');${JSON.stringify(TOOLTIP_COLUMNS)}.forEach(function(h,i){hr.appendChild(el('th',h,i&&i<3?'num':''));});tb.appendChild(hr);
    d.alts.forEach(function(a){var r=el('tr',null,a[4]?'chosen':'');r.appendChild(el('td',(a[4]?'\\u25b8 ':'')+a[0],'mono'));r.appendChild(el('td',a[1],'num'));r.appendChild(el('td',a[2],'num'));r.appendChild(el('td',a[3],'mono'));tb.appendChild(r);});
    tip.appendChild(tb);
  }
  tip.appendChild(el('div',d.mass,'note'));
  tip.hidden=false;
  var rects=t.getClientRects();var last=rects.length?rects[rects.length-1]:t.getBoundingClientRect();
  var line=t.closest('.xray');var lh=line?parseFloat(getComputedStyle(line).lineHeight)||0:0;
  var fs=parseFloat(getComputedStyle(t).fontSize)||0;var extra=lh>fs?(lh-fs)/2:0;
  tip.style.top=(last.bottom+window.scrollY+extra+2)+'px';tip.style.left='0px';
  var max=window.scrollX+document.documentElement.clientWidth-tip.offsetWidth-8;
  tip.style.left=Math.max(window.scrollX+8,Math.min(last.left+window.scrollX,max))+'px';
  if(current&&current!==t)current.removeAttribute('aria-describedby');
  t.setAttribute('aria-describedby','ts-tip');current=t;
}
function hide(){tip.hidden=true;if(current)current.removeAttribute('aria-describedby');current=null;}
document.addEventListener('mouseover',function(e){var t=tokenOf(e.target);if(t)show(t);});
document.addEventListener('mouseout',function(e){var t=tokenOf(e.target);if(t&&!t.contains(e.relatedTarget)){var f=tokenOf(document.activeElement);if(f)show(f);else hide();}});
document.addEventListener('focusin',function(e){var t=tokenOf(e.target);if(t)show(t);else hide();});
document.addEventListener('focusout',function(e){if(!tokenOf(e.relatedTarget))hide();});
function focusToken(i){var t=document.getElementById('t'+i);if(t){t.focus();t.scrollIntoView({block:'nearest'});}}
document.addEventListener('click',function(e){var g=e.target.closest&&e.target.closest('[data-goto]');if(g){e.preventDefault();focusToken(g.getAttribute('data-goto'));}});
document.addEventListener('keydown',function(e){
  if(e.ctrlKey||e.metaKey||e.altKey)return;
  if(e.key==='Escape'){hide();return;}
  if((e.key!=='n'&&e.key!=='p')||!flagged.length)return;
  var a=tokenOf(document.activeElement);var at=a?+a.dataset.i:-1;var next=null;
  if(e.key==='n'){next=flagged.find(function(t){return +t.dataset.i>at;})||flagged[0];}
  else{for(var k=flagged.length-1;k>=0;k--){if(at<0||+flagged[k].dataset.i<at){next=flagged[k];break;}}next=next||flagged[flagged.length-1];}
  e.preventDefault();focusToken(next.dataset.i);
});
})();`;
