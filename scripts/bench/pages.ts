/**
 * Generated pages for the extraction benchmark: a realistic announcement repeated with filler prose,
 * navigation and tables until the page reaches the size asked, so large-page behaviour is measured on
 * something shaped like the web rather than one giant text node.
 */
const WORDS =
  'culture policy research network cooperation development report study cities regional heritage creative economy education museum library archive digital access participation diversity'.split(
    ' ',
  );

function prose(seed: number, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += WORDS[(seed * 31 + i * 7) % WORDS.length] + (i % 13 === 12 ? '. ' : ' ');
  return out;
}

function block(i: number): string {
  return `<div class="entry">
  <h3><a href="/publications/${i}.html">Regional Cultural Cooperation in Europe, Volume ${i}</a></h3>
  <p>By Institute for Development and International Relations, Zagreb, ${1990 + (i % 30)}, ${80 + (i % 300)} pages</p>
  <p>${prose(i, 120)}</p>
  <table><tr><td>Keywords</td><td>${prose(i + 1, 12)}</td></tr><tr><td>Posted</td><td>${1 + (i % 28)} March 2018</td></tr></table>
  <ul class="tags">${Array.from({ length: 6 }, (_, k) => `<li><a href="/tag/${k}">${WORDS[(i + k) % WORDS.length]}</a></li>`).join('')}</ul>
</div>`;
}

/** An HTML document of about `bytes` bytes (UTF-8). */
export function generatePage(bytes: number): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New publications — Network</title></head><body>
<header><nav>${Array.from({ length: 20 }, (_, k) => `<a href="/s/${k}">Section ${k}</a>`).join(' | ')}</nav></header>
<main><h1>New publications</h1>`;
  const tail = '</main><footer><p>© 2018 Network. All rights reserved.</p></footer></body></html>';
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const b = block(i);
    parts.push(b);
    size += b.length;
  }
  parts.push(tail);
  return parts.join('\n');
}
