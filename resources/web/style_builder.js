// Tessera style builder: a panel that builds a large_image style ({"bands": [{band, frame,
// palette, min, max}, ...]}) from the image's frames/bands (info/frames) and the colormaps
// (api/large-image/colormaps), as django-large-image's colors.html does, and helpers that put
// the style into tile URLs. An ES module so every viewer page can include it.
//
//   import {StyleBuilder, pageParams, withParams} from '/web/app/style_builder.js';
//   const sb = new StyleBuilder(element, {apiBase, largeImageBase, initial: pageParams(),
//                                         onChange: (style) => ...});
//   await sb.init();

// The page's own query parameters (style, band, palette, token, ...).
export function pageParams() {
  return new URLSearchParams(window.location.search);
}

// Sets (or, for null/'' values, removes) query parameters of a URL template, keeping the
// {z}/{x}/{y} placeholders unescaped (like updateTileUrlOption in django-large-image).
export function withParams(url, params) {
  const [path, query = ''] = url.split('?');
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// Forwards the page query (minus keys in `skip`) into a parameter object.
export function forwardedParams(skip = []) {
  const out = {};
  for (const [k, v] of pageParams()) if (!skip.includes(k)) out[k] = v;
  return out;
}

// UI colour names mapped as colors.html does (CSS "green" is #008000; the UI means #0f0).
const UI_COLORS = {green: '#0f0'};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

export class StyleBuilder {
  constructor(container, {apiBase, largeImageBase = '/api/large-image', initial = pageParams(),
                          onChange = () => {}} = {}) {
    this.container = container;
    this.apiBase = apiBase;
    this.largeImageBase = largeImageBase;
    this.onChange = onChange;
    this.bands = [];      // [{frame, index, name}]
    this.palettes = [];   // names
    this.rows = [];       // [{band, frame, palette, min, max}]
    try {
      const s = initial.get('style');
      const style = s ? JSON.parse(s) : null;
      if (style && Array.isArray(style.bands)) this.rows = style.bands.map((b) => ({...b}));
      else if (style && style.band !== undefined) this.rows = [{...style}];
      else if (initial.get('band') && initial.get('band') !== '0') {
        this.rows = [{band: parseInt(initial.get('band'), 10),
                      palette: initial.get('palette') || initial.get('cmap') || undefined,
                      min: initial.get('min') || undefined, max: initial.get('max') || undefined}];
      }
    } catch (e) {
      console.warn('style builder: ignoring malformed style', e);
    }
  }

  async init() {
    const token = pageParams().get('token');
    const q = token ? `?token=${encodeURIComponent(token)}` : '';
    const [frames, colormaps] = await Promise.all([
      fetch(`${this.apiBase}/info/frames${q}`).then((r) => r.json()).catch(() => ({frames: []})),
      fetch(`${this.largeImageBase}/colormaps${q}`).then((r) => r.json()).catch(() => ({})),
    ]);
    const list = frames.frames || [];
    list.forEach((f, fi) => (f.bands || []).forEach((b) => this.bands.push(
        {frame: list.length > 1 ? fi : undefined, index: b.index, name: b.name || ''})));
    this.palettes = [...(colormaps.simple || []), ...(colormaps.matplotlib || [])];
    for (const [family, names] of Object.entries(colormaps.palettable || {})) {
      if (Array.isArray(names)) this.palettes.push(...names);
      else if (names && typeof names === 'object') this.palettes.push(...Object.keys(names).map((n) => `${family}.${n}`));
    }
    this.render();
  }

  // The style object, or null when no band is configured (the default style applies).
  style() {
    const bands = this.rows.filter((r) => r.band).map((r) => {
      const b = {band: Number(r.band)};
      if (r.frame !== undefined && r.frame !== '' && r.frame !== null) b.frame = Number(r.frame);
      if (r.palette) b.palette = UI_COLORS[r.palette] || r.palette;
      for (const k of ['min', 'max']) {
        if (r[k] === undefined || r[k] === '') continue;
        b[k] = isNaN(Number(r[k])) ? r[k] : Number(r[k]);
      }
      return b;
    });
    return bands.length ? {bands} : null;
  }

  changed() {
    this.onChange(this.style());
  }

  render() {
    this.container.replaceChildren();
    this.container.classList.add('tessera-style-builder');
    const table = el('div', {class: 'sb-rows'});
    this.rows.forEach((row, i) => {
      const bandSel = el('select', {'aria-label': 'band', onchange: (e) => {
        const [f, b] = e.target.value.split(':');
        row.frame = f === '' ? undefined : Number(f);
        row.band = Number(b);
        this.changed();
      }});
      for (const b of this.bands) {
        const value = `${b.frame ?? ''}:${b.index}`;
        const o = el('option', {value}, `${b.frame !== undefined ? `frame ${b.frame} ` : ''}band ${b.index}${b.name ? ` (${b.name})` : ''}`);
        if (Number(row.band) === b.index && (row.frame ?? '') === (b.frame ?? '')) o.selected = true;
        bandSel.append(o);
      }
      if (!this.bands.length) bandSel.append(el('option', {value: `:${row.band}`}, `band ${row.band}`));
      const pal = el('select', {'aria-label': 'palette', onchange: (e) => { row.palette = e.target.value; this.changed(); }},
                     el('option', {value: ''}, '(default)'));
      for (const p of this.palettes) {
        const o = el('option', {value: p}, p);
        if (row.palette === p) o.selected = true;
        pal.append(o);
      }
      const num = (k) => el('input', {type: 'text', size: '6', placeholder: k, value: row[k] ?? '',
                                     'aria-label': k, onchange: (e) => { row[k] = e.target.value; this.changed(); }});
      const remove = el('button', {type: 'button', title: 'Remove', onclick: () => {
        this.rows.splice(i, 1); this.render(); this.changed(); }}, '×');
      table.append(el('div', {class: 'sb-row'}, bandSel, pal, num('min'), num('max'), remove));
    });
    const add = el('button', {type: 'button', onclick: () => {
      const b = this.bands[this.rows.length % Math.max(1, this.bands.length)] || {index: 1};
      const defaults = ['red', 'green', 'blue'];
      this.rows.push({band: b.index, frame: b.frame,
                      palette: this.bands.length > 1 ? defaults[this.rows.length % 3] : 'viridis'});
      this.render(); this.changed();
    }}, 'Add band');
    const clear = el('button', {type: 'button', onclick: () => { this.rows = []; this.render(); this.changed(); }},
                     'Default style');
    this.container.append(el('div', {class: 'sb-title'}, 'Style'), table, el('div', {class: 'sb-actions'}, add, clear));
  }
}
