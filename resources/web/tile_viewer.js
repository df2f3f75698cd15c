// Tessera's flat tile viewer: draws an image's native pixel tiles (tiles/{z}/{x}/{y}.png) on a
// canvas with drag to pan and wheel to zoom, painting the coarsest tile underneath while finer
// tiles load. For images that are not georeferenced. Sets document.title = 'ready' when every
// visible tile has loaded.
//
//   import {TileViewer} from '/web/app/tile_viewer.js';
//   const v = new TileViewer(canvas, {apiBase, params}); await v.init(); v.setParams({...});
import {withParams} from '/web/app/style_builder.js';

export class TileViewer {
  constructor(canvas, {apiBase, params = {}}) {
    this.canvas = canvas;
    this.apiBase = apiBase;
    this.params = params;
    this.cache = new Map();  // url -> {img, ok}
    this.dragging = null;
  }

  async init() {
    const meta = await (await fetch(withParams(`${this.apiBase}/tiles/metadata`,
                                               {token: this.params.token}))).json();
    this.levels = meta.levels;
    this.sizeX = meta.size_x;
    this.sizeY = meta.size_y;
    this.tileSize = meta.tile_size || 256;
    this.fit();
    this.canvas.addEventListener('mousedown', (e) => { this.dragging = {x: e.clientX, y: e.clientY}; });
    window.addEventListener('mouseup', () => { this.dragging = null; });
    window.addEventListener('mousemove', (e) => {
      if (!this.dragging) return;
      this.cx -= (e.clientX - this.dragging.x) / this.scale;
      this.cy -= (e.clientY - this.dragging.y) / this.scale;
      this.dragging = {x: e.clientX, y: e.clientY};
      this.draw();
    });
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const f = Math.exp(-e.deltaY * 0.002);
      const r = this.canvas.getBoundingClientRect();
      const mx = this.cx + (e.clientX - r.left - r.width / 2) / this.scale;
      const my = this.cy + (e.clientY - r.top - r.height / 2) / this.scale;
      this.scale = Math.min(8, Math.max(this.minScale / 2, this.scale * f));
      this.cx = mx - (e.clientX - r.left - r.width / 2) / this.scale;
      this.cy = my - (e.clientY - r.top - r.height / 2) / this.scale;
      this.draw();
    }, {passive: false});
    window.addEventListener('resize', () => this.draw());
    this.draw();
  }

  fit() {
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    this.scale = this.minScale = Math.min(w / this.sizeX, h / this.sizeY) * 0.95;
    this.cx = this.sizeX / 2;
    this.cy = this.sizeY / 2;
  }

  setParams(params) {
    this.params = params;
    this.cache.clear();
    this.draw();
  }

  tile(z, x, y) {
    const url = withParams(`${this.apiBase}/tiles/${z}/${x}/${y}.png`, this.params);
    let t = this.cache.get(url);
    if (!t) {
      t = {img: new Image(), ok: false, done: false};
      t.img.onload = () => { t.ok = t.done = true; this.draw(); };
      t.img.onerror = () => { t.done = true; this.draw(); };
      t.img.src = url;
      this.cache.set(url, t);
      if (this.cache.size > 600) this.cache.delete(this.cache.keys().next().value);
    }
    return t;
  }

  drawLevel(ctx, z, w, h) {
    const span = this.tileSize * Math.pow(2, this.levels - 1 - z);  // full-res pixels per tile
    const x0 = this.cx - w / 2 / this.scale, y0 = this.cy - h / 2 / this.scale;
    const x1 = this.cx + w / 2 / this.scale, y1 = this.cy + h / 2 / this.scale;
    const nx = Math.ceil(this.sizeX / span), ny = Math.ceil(this.sizeY / span);
    let complete = true;
    for (let ty = Math.max(0, Math.floor(y0 / span)); ty < Math.min(ny, Math.ceil(y1 / span)); ty++) {
      for (let tx = Math.max(0, Math.floor(x0 / span)); tx < Math.min(nx, Math.ceil(x1 / span)); tx++) {
        const t = this.tile(z, tx, ty);
        if (!t.done) complete = false;
        if (!t.ok) continue;
        const sx = (tx * span - this.cx) * this.scale + w / 2;
        const sy = (ty * span - this.cy) * this.scale + h / 2;
        const size = span * this.scale;
        ctx.drawImage(t.img, sx, sy, size + 0.5, size + 0.5);
      }
    }
    return complete;
  }

  draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    if (this.canvas.width !== w * dpr) { this.canvas.width = w * dpr; this.canvas.height = h * dpr; }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.imageSmoothingEnabled = this.scale < 1;
    const z = Math.max(0, Math.min(this.levels - 1,
                                   this.levels - 1 + Math.ceil(Math.log2(this.scale * dpr) - 1e-9)));
    if (z > 0) this.drawLevel(ctx, 0, w, h);  // coarse backdrop while finer tiles load
    const complete = this.drawLevel(ctx, z, w, h);
    document.title = complete ? 'ready' : 'loading';
  }
}
