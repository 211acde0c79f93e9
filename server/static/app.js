// The newsdex search page. Talks to /api/search and /api/article; the URL
// holds the whole state (q, sort, date, any, page, article) so a search can
// be shared and the back button works. Nothing from the server is inserted as
// HTML: text goes in as text nodes, and the only markup honoured in the
// server's highlighted fields is <mark>.
'use strict';

const PAGE_SIZE = 10;
const FACETS = ['topic', 'source', 'year', 'lang', 'collection'];
const $ = (id) => document.getElementById(id);

const state = { q: '', sort: 'relevance', date: '', any: false, page: 1, article: '' };
let lastResult = null;
let requestSeq = 0;

// --- URL <-> state ---------------------------------------------------------
function readUrl() {
  const p = new URLSearchParams(location.search);
  state.q = p.get('q') || '';
  state.sort = ['relevance', 'newest', 'oldest'].includes(p.get('sort')) ? p.get('sort') : 'relevance';
  state.date = p.get('date') || '';
  state.any = p.get('any') === '1';
  state.page = Math.max(1, parseInt(p.get('page') || '1', 10) || 1);
  state.article = p.get('article') || '';
}

function writeUrl(replace) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.date) p.set('date', state.date);
  if (state.any) p.set('any', '1');
  if (state.page > 1) p.set('page', String(state.page));
  if (state.article) p.set('article', state.article);
  const url = p.toString() ? '/?' + p.toString() : '/';
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
}

function syncForm() {
  $('q').value = state.q;
  $('sort').value = state.sort;
  $('any').checked = state.any;
  const [from, to] = state.date.includes('..') ? state.date.split('..') : [state.date, state.date];
  $('from').value = from || '';
  $('to').value = to || '';
}

function dateFromForm() {
  const from = $('from').value.trim(), to = $('to').value.trim();
  if (!from && !to) return '';
  if (from && from === to) return from;
  return from + '..' + to;
}

// --- safe rendering --------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function unescapeHtml(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);
}

// The searcher's highlighted HTML (escaped text with <mark>…</mark>) as DOM
// nodes: <mark> becomes an element, everything else is text.
function appendMarked(parent, html) {
  let inMark = false;
  for (const piece of (html || '').split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') { inMark = true; continue; }
    if (piece === '</mark>') { inMark = false; continue; }
    if (!piece) continue;
    const text = document.createTextNode(unescapeHtml(piece));
    parent.append(inMark ? el('mark', {}, text) : text);
  }
  return parent;
}

function grouped(n) { return Number(n).toLocaleString('en'); }

// --- search ----------------------------------------------------------------
function apiUrl() {
  const p = new URLSearchParams();
  p.set('q', state.q);
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String((state.page - 1) * PAGE_SIZE));
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.date) p.set('date', state.date);
  if (state.any) p.set('any', '1');
  p.set('facet', FACETS.join(','));
  return '/api/search?' + p.toString();
}

async function fetchJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new Error((body && body.error) || ('HTTP ' + res.status));
  return body;
}

function showError(message) {
  const box = $('error');
  box.textContent = message || '';
  box.hidden = !message;
}

async function runSearch() {
  const seq = ++requestSeq;
  showError('');
  if (!state.q.trim() && !state.date) {
    lastResult = null;
    $('results').replaceChildren();
    $('facets').replaceChildren();
    $('pager').hidden = true;
    $('status').textContent = '';
    return;
  }
  $('status').textContent = 'Searching…';
  try {
    const result = await fetchJson(apiUrl());
    if (seq !== requestSeq) return;  // a newer search has started
    lastResult = result;
    renderResults(result);
  } catch (e) {
    if (seq !== requestSeq) return;
    $('status').textContent = '';
    showError(e.message);
  }
}

function totalText(r) {
  const n = r.estimated_total;
  const word = n === 1 ? 'result' : 'results';
  return (r.total_is_exact === false ? 'about ' : '') + grouped(n) + ' ' + word;
}

function renderResults(r) {
  const status = $('status');
  status.replaceChildren(totalText(r) + ' (' + r.took_ms.toFixed(1) + ' ms)');
  if (r.relaxed) status.append(el('div', {}, 'No article has all the words; showing those that match the most.'));
  if (r.suggestion) {
    const link = el('a', { href: '#' }, r.suggestion);
    link.addEventListener('click', (ev) => { ev.preventDefault(); newSearch({ q: r.suggestion }); });
    status.append(el('div', { class: 'suggestion' }, 'Did you mean: ', link, '?'));
  }
  for (const note of r.notes || []) status.append(el('div', {}, 'Note: ' + note));

  const list = $('results');
  list.replaceChildren();
  for (const hit of r.hits) list.append(renderHit(hit));
  renderFacets(r.facets || {});
  renderPager(r);
}

function renderHit(hit) {
  const key = hit.collection + '/' + hit.id;
  const link = el('a', { href: '/?' + new URLSearchParams({ q: state.q, article: key }).toString() });
  appendMarked(link, hit.title_html || '(untitled)');
  link.addEventListener('click', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey) return;  // a new tab gets the URL
    ev.preventDefault();
    openArticle(key, true);
  });
  const meta = [];
  if (hit.date) meta.push(hit.date);
  if (hit.source) meta.push(hit.source);
  meta.push(key);
  if (hit.topics && hit.topics.length) meta.push(hit.topics.join(', '));
  const h2 = el('h2', {}, link);
  const similar = hit.similar_total || (hit.similar ? hit.similar.length : 0);
  if (similar > 0) h2.append(el('span', { class: 'similar', title: 'near-duplicates collapsed into this result' }, '+' + grouped(similar) + ' similar'));
  return el('li', { class: 'hit' }, h2,
    el('p', { class: 'meta' }, meta.join(' · ')),
    appendMarked(el('p', { class: 'snippet' }), hit.snippet));
}

// --- facets as filters -----------------------------------------------------
// A facet value is a filter in the query language (topic:grain), so the query
// box always shows what is searched and the URL shares it.
function filterTerm(name, value) {
  return /^[\p{L}\p{N}._-]+$/u.test(value) ? name + ':' + value : name + ':"' + value.replace(/"/g, '') + '"';
}

function hasFilter(term) { return (' ' + state.q + ' ').includes(' ' + term + ' '); }

function toggleFilter(name, value) {
  if (name === 'year') {
    const on = state.date === value;
    newSearch({ date: on ? '' : value });
    return;
  }
  const term = filterTerm(name, value);
  const q = hasFilter(term)
    ? (' ' + state.q + ' ').replace(' ' + term + ' ', ' ').trim()
    : (state.q.trim() + ' ' + term).trim();
  newSearch({ q });
}

function renderFacets(facets) {
  const aside = $('facets');
  aside.replaceChildren();
  for (const name of FACETS) {
    const values = facets[name];
    if (!values || !values.length) continue;
    const list = el('ul');
    for (const v of values) {
      const pressed = name === 'year' ? state.date === v.value : hasFilter(filterTerm(name, v.value));
      const button = el('button', { type: 'button', 'aria-pressed': String(pressed), 'data-facet': name, 'data-value': v.value },
        el('span', {}, v.value), el('span', { class: 'count' }, grouped(v.count)));
      button.addEventListener('click', () => toggleFilter(name, v.value));
      list.append(el('li', {}, button));
    }
    aside.append(el('section', {}, el('h3', {}, name), list));
  }
}

// --- paging ----------------------------------------------------------------
function renderPager(r) {
  const pages = Math.max(1, Math.ceil(r.estimated_total / PAGE_SIZE));
  $('pager').hidden = pages <= 1 && state.page === 1;
  $('prev').disabled = state.page <= 1;
  $('next').disabled = state.page >= pages || r.hits.length < PAGE_SIZE;
  $('page-label').textContent = 'Page ' + state.page + ' of ' + (r.total_is_exact === false ? 'about ' : '') + grouped(pages);
}

function goPage(delta) {
  state.page = Math.max(1, state.page + delta);
  writeUrl(false);
  runSearch().then(() => { const first = document.querySelector('.hit h2 a'); if (first) first.focus(); });
}

// --- the article view ------------------------------------------------------
async function openArticle(key, push) {
  state.article = key;
  if (push) writeUrl(false);
  const slash = key.indexOf('/');
  const url = '/api/article/' + encodeURIComponent(key.slice(0, slash)) + '/' + encodeURIComponent(key.slice(slash + 1));
  showError('');
  try {
    const a = await fetchJson(url);
    if (state.article !== key) return;
    $('article-title').textContent = a.title || '(untitled)';
    const meta = [a.date, a.source, (a.authors || []).join(', '), a.collection + '/' + a.id,
      (a.topics || []).join(', '), (a.places || []).join(', ')].filter(Boolean);
    const metaNode = $('article-meta');
    metaNode.replaceChildren(meta.join(' · '));
    if (a.url && /^https?:\/\//i.test(a.url)) {
      metaNode.append(' · ', el('a', { href: a.url, rel: 'noopener noreferrer nofollow' }, 'original'));
    }
    const body = $('article-body');
    body.replaceChildren();
    // The server splits paragraphs (the one rule, as --show does).
    for (const para of (a.paragraphs || [])) body.append(el('p', {}, para));
    showArticle(true);
  } catch (e) {
    showError(e.message);
  }
}

function showArticle(on) {
  $('article').hidden = !on;
  document.querySelector('.layout').hidden = on;
  $('status').hidden = on;
  if (on) $('article').focus(); else state.article = '';
}

function closeArticle() {
  if ($('article').hidden) return;
  showArticle(false);
  writeUrl(false);
  const link = document.querySelector('.hit.current h2 a') || document.querySelector('.hit h2 a');
  if (link) link.focus();
}

// --- wiring ----------------------------------------------------------------
function newSearch(change) {
  Object.assign(state, change, { page: 1, article: '' });
  showArticle(false);
  syncForm();
  writeUrl(false);
  runSearch();
}

function moveCurrent(delta) {
  const hits = [...document.querySelectorAll('.hit')];
  if (!hits.length) return;
  let i = hits.findIndex((h) => h.classList.contains('current'));
  i = Math.min(hits.length - 1, Math.max(0, i + delta));
  hits.forEach((h) => h.classList.remove('current'));
  hits[i].classList.add('current');
  hits[i].querySelector('h2 a').focus();
}

function load() {
  readUrl();
  syncForm();
  showArticle(false);
  runSearch();
  if (state.article) openArticle(state.article, false);
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const id of ['from', 'to']) if (!$(id).checkValidity()) { showError('Dates are YYYY, YYYY-MM or YYYY-MM-DD'); return; }
    newSearch({ q: $('q').value.trim(), sort: $('sort').value, any: $('any').checked, date: dateFromForm() });
  });
  for (const id of ['sort', 'any']) $(id).addEventListener('change', () => $('search').requestSubmit());
  $('prev').addEventListener('click', () => goPage(-1));
  $('next').addEventListener('click', () => goPage(1));
  $('back').addEventListener('click', closeArticle);
  window.addEventListener('popstate', load);
  document.addEventListener('keydown', (ev) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (ev.key === 'Escape') { if (typing) document.activeElement.blur(); closeArticle(); return; }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === '/') { ev.preventDefault(); $('q').focus(); $('q').select(); }
    else if (ev.key === 'j' && $('article').hidden) moveCurrent(1);
    else if (ev.key === 'k' && $('article').hidden) moveCurrent(-1);
  });
  load();
});
