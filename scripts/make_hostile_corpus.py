#!/usr/bin/env python3
"""Writes Tessera's hostile corpus: broken, lying and hostile image files for robustness tests.

    scripts/make_hostile_corpus.py OUTDIR

writes about a hundred files into OUTDIR (created when missing) plus OUTDIR/manifest.json,
{"files": [{"name", "kind", "what", "control"}, ...]}, where control=true marks the few valid
files that must still read. Everything is written with the standard library only (struct, zlib),
byte by byte, so the corpus is the same on every machine and needs no numpy or GDAL bindings.
It runs at test time (tests/test_hostile.cpp); nothing binary is committed. Kinds:

  truncated       files cut short in the header, in an IFD or in the pixel data
  bad-offsets     IFD, strip, tile and heap offsets that point outside the file or at garbage
  ifd-cycle       TIFF IFD chains and SubIFDs that loop back on themselves
  absurd-size     widths, heights, band counts and FITS NAXISn far beyond any real image
  bomb            decompression bombs: a few MB that inflate to GBs (TIFF, PNG, FITS tiles)
  sparse-giant    100000 x 100000 TIFFs whose tiles are all absent (with and without overviews)
  fits-lie        FITS headers that lie: ZTILE1 = 0, NAXIS1 = 1e18, BITPIX 7, missing END ...
  heap            tile-compressed FITS whose heap descriptors or compressed tiles are corrupt
  garbage         random bytes or other formats' headers behind an image extension
"""

import json
import os
import random
import struct
import sys
import zlib

FILES = []  # (name, kind, what, control, bytes)


def add(name, kind, what, data, control=False):
    FILES.append((name, kind, what, control, data))


# ---------------------------------------------------------------------------------------------
# Deflate streams that inflate to n zero bytes without building them in memory: after a full
# flush the compressor forgets its history, so compressing the same chunk again gives the same
# bytes, which can be repeated. Checksums of all-zero data are computed directly.

_CHUNK = 1 << 20


def _zero_blocks(wbits):
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = c.compress(bytes(_CHUNK)) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(bytes(_CHUNK)) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    return head, block, tail


def zlib_zeros(n_mb):
    """A zlib stream of n_mb MiB of zeros (n_mb >= 1)."""
    head, block, tail = _zero_blocks(15)
    n = n_mb * _CHUNK
    adler = ((n % 65521) << 16) | 1
    # tail = final empty block + adler32 of the two chunks the compressor saw; replace it.
    return head + block * (n_mb - 1) + tail[:-4] + struct.pack(">I", adler)


def gzip_zeros(n_mb):
    """A gzip stream of n_mb MiB of zeros."""
    head, block, tail = _zero_blocks(31)
    crc = 0
    zero = bytes(_CHUNK)
    for _ in range(n_mb):
        crc = zlib.crc32(zero, crc)
    n = n_mb * _CHUNK
    return head + block * (n_mb - 1) + tail[:-8] + struct.pack("<II", crc, n & 0xFFFFFFFF)


# ---------------------------------------------------------------------------------------------
# TIFF: a small writer that lays out blobs and IFDs and lets every field lie.

BYTE, ASCII, SHORT, LONG, RATIONAL, DOUBLE, LONG8 = 1, 2, 3, 4, 5, 12, 16
_TYPE_SIZE = {BYTE: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8, DOUBLE: 8, LONG8: 8}
_TYPE_FMT = {BYTE: "B", SHORT: "H", LONG: "I", DOUBLE: "d", LONG8: "Q"}


class Tiff:
    """Classic (or BigTIFF) little-endian TIFF. Blobs are placed first, then IFDs in order;
    IFD entries name blobs by key ("@key") for offsets, so lies are written explicitly."""

    def __init__(self, big=False):
        self.big = big
        self.blobs = []  # (key, bytes)
        self.ifds = []  # list of list of (tag, type, values)
        self.next_override = {}  # ifd index -> explicit next-IFD offset (or "@ifdN")

    def blob(self, key, data):
        self.blobs.append((key, data))
        return "@" + key

    def ifd(self, entries):
        self.ifds.append(entries)
        return len(self.ifds) - 1

    def build(self):
        hdr = 16 if self.big else 8
        pos = hdr
        where = {}
        body = bytearray()
        for key, data in self.blobs:
            if pos % 2:
                body += b"\0"
                pos += 1
            where[key] = pos
            body += data
            pos += len(data)
        # IFD sizes are known up front; out-of-line values go after each IFD.
        ifd_pos = []
        ifd_bytes = []
        for i, entries in enumerate(self.ifds):
            if pos % 2:
                body += b"\0"
                pos += 1
            ifd_pos.append(pos)
            where["ifd%d" % i] = pos
            n = len(entries)
            size = (8 + n * 20 + 8) if self.big else (2 + n * 12 + 4)
            pos += size
            extra_start = pos
            ifd_bytes.append((size, extra_start))
            # reserve out-of-line space
            for tag, typ, vals in entries:
                raw = self._values(typ, vals, where, resolve=False)
                if len(raw) > (8 if self.big else 4):
                    pos += len(raw) + (len(raw) % 2)
        # second pass: serialise IFDs now that every position is known
        out = bytearray()
        if self.big:
            out += b"II" + struct.pack("<HHHQ", 43, 8, 0, ifd_pos[0] if ifd_pos else 0)
        else:
            out += b"II" + struct.pack("<HI", 42, ifd_pos[0] if ifd_pos else 0)
        out += body
        for i, entries in enumerate(self.ifds):
            while len(out) < ifd_pos[i]:
                out += b"\0"
            size, extra = ifd_bytes[i]
            entries = sorted(entries, key=lambda e: e[0])
            head = bytearray()
            tail = bytearray()
            head += struct.pack("<Q" if self.big else "<H", len(entries))
            inline = 8 if self.big else 4
            for tag, typ, vals in entries:
                raw = self._values(typ, vals, where)
                count = self._count(typ, vals)
                if len(raw) <= inline:
                    field = raw + bytes(inline - len(raw))
                else:
                    off = extra + len(tail)
                    field = struct.pack("<Q" if self.big else "<I", off)
                    tail += raw + bytes(len(raw) % 2)
                head += struct.pack("<HHQ" if self.big else "<HHI", tag, typ, count) + field
            nxt = self.next_override.get(i, ifd_pos[i + 1] if i + 1 < len(ifd_pos) else 0)
            if isinstance(nxt, str):
                nxt = where[nxt[1:]]
            head += struct.pack("<Q" if self.big else "<I", nxt)
            out += head + tail
        return bytes(out)

    @staticmethod
    def _count(typ, vals):
        if isinstance(vals, tuple) and len(vals) == 2 and vals[0] == "count":
            return vals[1]  # a lying count with no data behind it
        if typ == ASCII:
            return len(vals) + 1
        if isinstance(vals, (bytes, bytearray)):
            return len(vals) // _TYPE_SIZE[typ]
        return len(vals) if isinstance(vals, list) else 1

    def _values(self, typ, vals, where, resolve=True):
        if isinstance(vals, tuple) and len(vals) == 2 and vals[0] == "count":
            return struct.pack("<I", 0x7FFFFFF0)  # points far past the end
        if typ == ASCII:
            return vals.encode("latin-1") + b"\0"
        if isinstance(vals, (bytes, bytearray)):
            return bytes(vals)
        if not isinstance(vals, list):
            vals = [vals]
        out = bytearray()
        for v in vals:
            if isinstance(v, str) and v.startswith("@"):
                v = where.get(v[1:], 0) if resolve else 0
            if typ == RATIONAL:
                out += struct.pack("<II", int(v * 1000), 1000)
            else:
                fmt = _TYPE_FMT[typ]
                if fmt in "BHIQ":
                    v = int(v) & ((1 << (8 * struct.calcsize(fmt))) - 1)
                out += struct.pack("<" + fmt, v)
        return bytes(out)


def strip_ifd(w, h, offsets, counts, bps=8, spp=1, compression=1, photometric=1, rows=None,
              extra=()):
    e = [
        (256, LONG, w),
        (257, LONG, h),
        (258, SHORT, [bps] * spp if spp <= 16 else bps),
        (259, SHORT, compression),
        (262, SHORT, photometric),
        (273, LONG, offsets),
        (277, SHORT, spp),
        (278, LONG, rows if rows is not None else h),
        (279, LONG, counts),
    ]
    e += list(extra)
    return e


def tile_ifd(w, h, tw, th, offsets, counts, bps=8, spp=1, compression=1, photometric=1,
             extra=(), typ=LONG):
    e = [
        (256, LONG, w),
        (257, LONG, h),
        (258, SHORT, [bps] * spp),
        (259, SHORT, compression),
        (262, SHORT, photometric),
        (277, SHORT, spp),
        (322, LONG, tw),
        (323, LONG, th),
        (324, typ, offsets),
        (325, typ, counts),
    ]
    e += list(extra)
    return e


def valid_tiff(w=64, h=48):
    t = Tiff()
    px = bytes((x * 3 + y * 5) & 255 for y in range(h) for x in range(w))
    o = t.blob("px", px)
    t.ifd(strip_ifd(w, h, [o], [len(px)]))
    return t.build()


def valid_tiled_tiff(w=512, h=512, tile=256, compression=8):
    t = Tiff()
    offs, counts = [], []
    for ty in range(0, h, tile):
        for tx in range(0, w, tile):
            raw = bytes(((tx + x) ^ (ty + y)) & 255 for y in range(tile) for x in range(tile))
            data = zlib.compress(raw) if compression == 8 else raw
            offs.append(t.blob("t%d_%d" % (tx, ty), data))
            counts.append(len(data))
    t.ifd(tile_ifd(w, h, tile, tile, offs, counts, compression=compression))
    return t.build()


def tiff_cases():
    good = valid_tiff()
    add("control_strip.tif", "control", "valid 64x48 grey strip TIFF", good, control=True)
    add("control_tiled.tif", "control", "valid 512x512 deflate tiled TIFF", valid_tiled_tiff(),
        control=True)

    # --- truncation
    tiled = valid_tiled_tiff()
    add("trunc_header.tif", "truncated", "only the byte-order mark", b"II*\0")
    add("trunc_empty.tif", "truncated", "a zero-byte .tif", b"")
    add("trunc_ifd.tif", "truncated", "cut inside the first IFD", good[: len(good) - 40])
    add("trunc_pixels.tif", "truncated", "tiled TIFF cut halfway through its tiles",
        tiled[: len(tiled) // 2])
    add("trunc_bigtiff_header.tif", "truncated", "BigTIFF header cut short", b"II+\0\x08\0\0\0")

    # --- bad offsets
    t = Tiff()
    t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [0x7FFFFF00], [64 * 48]))
    add("badoff_strip.tif", "bad-offsets", "strip offset 2 GB past the end", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [0xFFFFFFF0]))
    add("badoff_bytecount.tif", "bad-offsets", "strip byte count of 4 GB", t.build())

    data = bytearray(good)
    struct.pack_into("<I", data, 4, 0xFFFFFF00)
    add("badoff_ifd.tif", "bad-offsets", "first IFD offset past the end", bytes(data))

    data = bytearray(good)
    struct.pack_into("<I", data, 4, 1)
    add("badoff_ifd_odd.tif", "bad-offsets", "first IFD offset inside the header", bytes(data))

    t = Tiff()
    t.blob("px", bytes(16))
    offs = [0x40000000 + i * 977 for i in range(4)]
    t.ifd(tile_ifd(512, 512, 256, 256, offs, [65536] * 4, compression=8))
    add("badoff_tiles.tif", "bad-offsets", "tile offsets far past the end", t.build())

    t = Tiff()
    o = t.blob("px", b"\xff" * 4096)
    t.ifd(tile_ifd(512, 512, 256, 256, [o] * 4, [4096] * 4, compression=8))
    add("badoff_tiles_garbage.tif", "bad-offsets", "deflate tiles that are garbage bytes",
        t.build())

    t = Tiff()
    o = t.blob("px", bytes(256))
    t.ifd(tile_ifd(512, 512, 256, 256, [o], [256]))
    add("badoff_tile_count.tif", "bad-offsets", "one tile offset for four tiles", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48], extra=[(270, ASCII, ("count", 0x7FFFFFF0))]))
    add("badoff_tag_count.tif", "bad-offsets", "ImageDescription with a 2 GB count", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48], extra=[(34735, SHORT, [1, 1, 0, 65535, 1024, 0, 1,
                                                                      1])]))
    add("badoff_geokeys.tif", "bad-offsets", "GeoKeyDirectory claiming 65535 keys", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48], photometric=3,
                    extra=[(320, SHORT, [0] * 7)]))
    add("badoff_colormap.tif", "bad-offsets", "palette image with a 7-entry ColorMap", t.build())

    # --- IFD cycles
    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48]))
    t.ifd(strip_ifd(32, 24, [o], [32 * 24], extra=[(254, LONG, 1)]))
    t.next_override[1] = "@ifd0"
    add("cycle_two.tif", "ifd-cycle", "IFD1 links back to IFD0", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48]))
    t.next_override[0] = "@ifd0"
    add("cycle_self.tif", "ifd-cycle", "IFD0 links to itself", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48], extra=[(330, LONG, ["@ifd0"])]))
    add("cycle_subifd.tif", "ifd-cycle", "SubIFDs pointing at the parent IFD", t.build())

    t = Tiff()
    o = t.blob("px", bytes(256 * 256))
    for i in range(3):
        t.ifd(tile_ifd(512 >> i, 512 >> i, 256, 256, [o] * (4 if i == 0 else 1),
                       [256 * 256] * (4 if i == 0 else 1),
                       extra=[(254, LONG, 1 if i else 0)]))
    t.next_override[2] = "@ifd1"
    add("cycle_pyramid.tif", "ifd-cycle", "tiled pyramid whose last level links back", t.build())

    t = Tiff(big=True)
    o = t.blob("px", bytes(64 * 48))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48]))
    t.ifd(strip_ifd(64, 48, [o], [64 * 48]))
    t.next_override[1] = "@ifd0"
    add("cycle_bigtiff.tif", "ifd-cycle", "BigTIFF IFD cycle", t.build())

    # --- absurd sizes
    for name, w, h, what in [
        ("absurd_width.tif", 0xFFFFFFFF, 1, "width 2^32-1"),
        ("absurd_zero.tif", 0, 0, "width and height 0"),
        ("absurd_square.tif", 2000000000, 2000000000, "2e9 x 2e9 single strip"),
    ]:
        t = Tiff()
        o = t.blob("px", bytes(64))
        t.ifd(strip_ifd(w, h, [o], [64]))
        add(name, "absurd-size", what, t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(strip_ifd(64, 48, [o], [64], spp=65535, bps=8))
    add("absurd_bands.tif", "absurd-size", "65535 samples per pixel", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(strip_ifd(64, 48, [o], [64], bps=255))
    add("absurd_bits.tif", "absurd-size", "255 bits per sample", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(tile_ifd(64, 48, 0, 0, [o], [64]))
    add("absurd_tile_zero.tif", "absurd-size", "tile width and height 0", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(tile_ifd(64, 48, 0x40000000, 0x40000000, [o], [64]))
    add("absurd_tile_huge.tif", "absurd-size", "2^30 x 2^30 tiles", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(strip_ifd(100000, 100000, [o], [64], rows=1))
    add("absurd_strips.tif", "absurd-size", "100000 rows, one strip per row, one offset",
        t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(strip_ifd(64, 48, [o], [64], compression=9999))
    add("absurd_compression.tif", "absurd-size", "unknown compression 9999", t.build())

    t = Tiff()
    o = t.blob("px", b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03" + bytes(200))
    t.ifd(strip_ifd(64, 48, [o], [212], compression=7, spp=3, photometric=6))
    add("absurd_jpeg_strip.tif", "absurd-size", "JPEG strip whose SOF says 65535 x 65535",
        t.build())

    t = Tiff()
    o = t.blob("px", b"\x80\x00\x01" * 300)
    t.ifd(strip_ifd(64, 48, [o], [900], compression=5, extra=[(317, SHORT, 2)]))
    add("absurd_lzw.tif", "garbage", "LZW strip of garbage with a predictor", t.build())

    t = Tiff()
    o = t.blob("px", bytes([0x81, 0x00] * 100))
    t.ifd(strip_ifd(64, 48, [o], [200], compression=32773))
    add("absurd_packbits.tif", "garbage", "PackBits runs that overrun the strip", t.build())

    t = Tiff()
    o = t.blob("px", bytes(64))
    t.ifd(strip_ifd(64, 48, [o], [64], spp=3, bps=8,
                    extra=[(284, SHORT, 2)]))  # planar separate, one strip for three planes
    add("absurd_planar.tif", "bad-offsets", "planar RGB with one strip for three planes",
        t.build())

    # Aperio-like description on broken tiles: goes to the slide reader.
    t = Tiff()
    o = t.blob("px", b"\xff\xd8\xff\xdb" + bytes(100))
    t.ifd(tile_ifd(4096, 4096, 256, 256, [o] * 256, [104] * 256, spp=3, compression=7,
                   photometric=6,
                   extra=[(270, ASCII, "Aperio Image Library v12.0.5\r\n4096x4096 [0,0 4096x4096]"
                                       " (256x256) JPEG/RGB Q=70|AppMag = 20|MPP = 0.5")]))
    add("svs_garbage.svs", "garbage", "Aperio SVS whose JPEG tiles are garbage", t.build())

    # --- decompression bombs
    t = Tiff()
    bomb = zlib_zeros(1024)  # 1 GiB of zeros in ~1 MB
    o = t.blob("px", bomb)
    t.ifd(strip_ifd(32768, 32768, [o], [len(bomb)], compression=8))
    add("bomb_strip.tif", "bomb", "one deflate strip inflating to 1 GiB", t.build())

    t = Tiff()
    bomb = zlib_zeros(1024)
    o = t.blob("px", bomb)
    t.ifd(tile_ifd(256, 256, 256, 256, [o], [len(bomb)], compression=8))
    add("bomb_tile.tif", "bomb", "a 256x256 deflate tile whose stream inflates to 1 GiB",
        t.build())

    t = Tiff()
    bomb = zlib_zeros(64)
    offs = [t.blob("b", bomb)] * 64
    t.ifd(tile_ifd(8192 * 4, 8192 * 4, 4096, 4096, offs, [len(bomb)] * 64, compression=8))
    add("bomb_tiles.tif", "bomb", "32768^2 of 4096^2 deflate tiles sharing one bomb", t.build())

    # --- sparse giants
    n = (100000 + 255) // 256
    t = Tiff(big=True)
    t.ifd(tile_ifd(100000, 100000, 256, 256, [0] * (n * n), [0] * (n * n), typ=LONG8))
    add("sparse_giant.tif", "sparse-giant", "100000^2 BigTIFF with every tile absent", t.build())

    t = Tiff(big=True)
    t.ifd(tile_ifd(100000, 100000, 256, 256, [0] * (n * n), [0] * (n * n), typ=LONG8))
    size = 100000
    while size > 256:
        size = (size + 1) // 2
        k = (size + 255) // 256
        raw = zlib.compress(bytes(256 * 256))
        o = t.blob("ov%d" % size, raw)
        t.ifd(tile_ifd(size, size, 256, 256, [o] * (k * k), [len(raw)] * (k * k),
                       compression=8, typ=LONG8, extra=[(254, LONG, 1)]))
    add("sparse_giant_overviews.tif", "sparse-giant",
        "100000^2 sparse BigTIFF with a full overview pyramid", t.build())

    t = Tiff()
    t.ifd(strip_ifd(100000, 100000, [0], [0]))
    add("sparse_giant_strip.tif", "sparse-giant", "100000^2 in one absent strip", t.build())


# ---------------------------------------------------------------------------------------------
# FITS: headers of 80-character cards in 2880-byte blocks; tile-compressed images in BINTABLEs.


def card(key, value=None, comment=None):
    if value is None:
        s = key.ljust(80)
    else:
        if isinstance(value, bool):
            v = ("T" if value else "F").rjust(20)
        elif isinstance(value, int):
            v = str(value).rjust(20)
        elif isinstance(value, float):
            v = repr(value).upper().rjust(20)
        elif isinstance(value, str) and value.startswith("="):
            v = value[1:].rjust(20)  # verbatim
        else:
            v = ("'" + value.replace("'", "''").ljust(8) + "'").ljust(20)
        s = key.ljust(8) + "= " + v
        if comment:
            s += " / " + comment
    return s[:80].ljust(80)


def header(cards, end=True):
    text = "".join(cards) + (card("END") if end else "")
    pad = (-len(text)) % 2880
    return (text + " " * pad).encode("ascii")


def pad_data(data):
    return data + bytes((-len(data)) % 2880)


def fits_image(w, h, bitpix=16, extra=(), data=None):
    cards = [card("SIMPLE", True), card("BITPIX", bitpix), card("NAXIS", 2),
             card("NAXIS1", w), card("NAXIS2", h)] + list(extra)
    if data is None:
        fmt = {8: "B", 16: "h", 32: "i", -32: "f", -64: "d"}[bitpix]
        data = struct.pack(">%d%s" % (w * h, fmt), *[(x + 2 * y) % 100 for y in range(h)
                                                        for x in range(w)])
    return header(cards) + pad_data(data)


def empty_primary():
    return header([card("SIMPLE", True), card("BITPIX", 8), card("NAXIS", 0),
                   card("EXTEND", True)])


def compressed_hdu(w=64, h=32, ztile=(64, 1), cmp="GZIP_1", zbitpix=8, tiles=None,
                   descriptors=None, heap_extra=b"", overrides=None, drop=()):
    """A tile-compressed image HDU. tiles: compressed bytes per tile (default: GZIP_1 of a
    gradient); descriptors: (nelem, offset) per row to write instead of the true ones."""
    tw, th = ztile
    ntx = (w + tw - 1) // tw if tw > 0 else 1
    nty = (h + th - 1) // th if th > 0 else 1
    if tiles is None:
        tiles = []
        bpp = {8: 1, 16: 2, 32: 4}[zbitpix]
        fmt = {8: "B", 16: "h", 32: "i"}[zbitpix]
        for ty in range(nty):
            for tx in range(ntx):
                rows = min(th, h - ty * th)
                cols = min(tw, w - tx * tw)
                vals = [(tx * tw + x + ty * th + y) % 100 for y in range(rows)
                        for x in range(cols)]
                raw = struct.pack(">%d%s" % (len(vals), fmt), *vals)
                assert len(raw) == rows * cols * bpp
                tiles.append(gzip_bytes(raw))
    heap = bytearray()
    desc = []
    for t in tiles:
        desc.append((len(t), len(heap)))
        heap += t
    heap += heap_extra
    if descriptors is not None:
        desc = descriptors
    rows = len(desc)
    table = b"".join(struct.pack(">ii", n, o) for n, o in desc)
    maxlen = max([n for n, _ in desc] + [1])
    kv = [
        ("XTENSION", "BINTABLE"), ("BITPIX", 8), ("NAXIS", 2), ("NAXIS1", 8), ("NAXIS2", rows),
        ("PCOUNT", len(heap)), ("GCOUNT", 1), ("TFIELDS", 1), ("TTYPE1", "COMPRESSED_DATA"),
        ("TFORM1", "1PB(%d)" % max(0, maxlen)), ("ZIMAGE", True), ("ZBITPIX", zbitpix),
        ("ZNAXIS", 2), ("ZNAXIS1", w), ("ZNAXIS2", h), ("ZTILE1", tw), ("ZTILE2", th),
        ("ZCMPTYPE", cmp),
    ]
    overrides = overrides or {}
    cards = []
    for k, v in kv:
        if k in drop:
            continue
        cards.append(card(k, overrides.get(k, v)))
    for k, v in overrides.items():
        if k not in dict(kv):
            cards.append(card(k, v))
    return header(cards) + pad_data(table + bytes(heap))


def gzip_bytes(raw):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(raw) + c.flush()


def fits_cases():
    add("control.fits", "control", "valid 64x32 16-bit FITS", fits_image(64, 32), control=True)
    add("control_gzip.fz", "control", "valid GZIP_1 tile-compressed 64x32 FITS",
        empty_primary() + compressed_hdu(), control=True)
    add("control_two_hdus.fits", "control", "valid primary + IMAGE extension",
        fits_image(16, 16) + header([card("XTENSION", "IMAGE"), card("BITPIX", -32),
                                     card("NAXIS", 2), card("NAXIS1", 8), card("NAXIS2", 8),
                                     card("PCOUNT", 0), card("GCOUNT", 1)])
        + pad_data(struct.pack(">64f", *range(64))), control=True)

    good = fits_image(64, 32)
    # --- truncation
    add("fits_trunc_header.fits", "truncated", "header cut mid-card", good[:1000])
    add("fits_trunc_data.fits", "truncated", "header says 64x32 but half the data is there",
        good[: 2880 + 1000])
    add("fits_no_end.fits", "fits-lie", "a header block without END",
        header([card("SIMPLE", True), card("BITPIX", 16), card("NAXIS", 2),
                card("NAXIS1", 10), card("NAXIS2", 10)], end=False))
    add("fits_only_simple.fits", "truncated", "just 'SIMPLE  ='", b"SIMPLE  =")

    # --- header lies
    def lie(name, what, cards, data=b""):
        add(name, "fits-lie", what, header(cards) + pad_data(data))

    base = [card("SIMPLE", True), card("BITPIX", 16)]
    lie("fits_naxis1_1e18.fits", "NAXIS1 = 1e18",
        base + [card("NAXIS", 2), card("NAXIS1", 1000000000000000000), card("NAXIS2", 1)],
        bytes(2880))
    lie("fits_naxis1_1e18_2d.fits", "NAXIS1 = 1e18, NAXIS2 = 1e18",
        base + [card("NAXIS", 2), card("NAXIS1", 1000000000000000000),
                card("NAXIS2", 1000000000000000000)])
    lie("fits_naxis_2p31.fits", "NAXISn = 2^31 on every axis",
        base + [card("NAXIS", 2), card("NAXIS1", 2147483648), card("NAXIS2", 2147483648)])
    lie("fits_naxis_999.fits", "NAXIS = 999", base + [card("NAXIS", 999)] +
        [card("NAXIS%d" % i, 2) for i in range(1, 30)])
    lie("fits_naxis_negative.fits", "NAXIS1 = -5",
        base + [card("NAXIS", 2), card("NAXIS1", -5), card("NAXIS2", 10)], bytes(2880))
    lie("fits_naxis_cube.fits", "a 10x10 cube of 10^9 planes",
        base + [card("NAXIS", 3), card("NAXIS1", 10), card("NAXIS2", 10),
                card("NAXIS3", 1000000000)], bytes(2880 * 2))
    lie("fits_bitpix_7.fits", "BITPIX = 7",
        [card("SIMPLE", True), card("BITPIX", 7), card("NAXIS", 2), card("NAXIS1", 8),
         card("NAXIS2", 8)], bytes(64))
    lie("fits_bitpix_text.fits", "BITPIX = 'sixteen'",
        [card("SIMPLE", True), card("BITPIX", "sixteen"), card("NAXIS", 2),
         card("NAXIS1", 8), card("NAXIS2", 8)], bytes(128))
    lie("fits_bscale_zero.fits", "BSCALE = 0 and BLANK out of range",
        base + [card("NAXIS", 2), card("NAXIS1", 8), card("NAXIS2", 8), card("BSCALE", 0.0),
                card("BZERO", "=1E400"), card("BLANK", 99999999)], bytes(128))
    lie("fits_naxis1_text.fits", "NAXIS1 = 1.5E300 (a float)",
        base + [card("NAXIS", 2), card("NAXIS1", "=1.5E300"), card("NAXIS2", 4)], bytes(2880))
    lie("fits_wcs_lies.fits", "CRPIX/CDELT of NaN, CTYPE of garbage",
        base + [card("NAXIS", 2), card("NAXIS1", 8), card("NAXIS2", 8),
                card("CTYPE1", "RA---XYZ"), card("CTYPE2", "DEC--XYZ"),
                card("CRPIX1", "=NAN"), card("CDELT1", 0.0), card("CDELT2", "=1E999"),
                card("CRVAL1", 1e300), card("CRVAL2", 400.0)], bytes(128))
    many = b""
    for i in range(300):
        many += header([card("XTENSION", "IMAGE"), card("BITPIX", 8), card("NAXIS", 2),
                        card("NAXIS1", 4), card("NAXIS2", 4), card("PCOUNT", 0),
                        card("GCOUNT", 1)]) + pad_data(bytes(16))
    add("fits_many_hdus.fits", "absurd-size", "300 tiny IMAGE extensions",
        header([card("SIMPLE", True), card("BITPIX", 8), card("NAXIS", 0),
                card("EXTEND", True)]) + many)
    add("fits_ext_pcount.fits", "fits-lie", "IMAGE extension with PCOUNT = 2^62",
        empty_primary() + header([card("XTENSION", "IMAGE"), card("BITPIX", 8),
                                  card("NAXIS", 2), card("NAXIS1", 4), card("NAXIS2", 4),
                                  card("PCOUNT", 4611686018427387904), card("GCOUNT", 1)])
        + pad_data(bytes(16)))

    # --- tile-compressed lies (ZTILE1 = 0 is the known SIGFPE in cfitsio)
    P = empty_primary()

    def fz(name, what, kind="fits-lie", **kw):
        add(name, kind, what, P + compressed_hdu(**kw))

    fz("fz_ztile1_zero.fz", "ZTILE1 = 0", overrides={"ZTILE1": 0})
    fz("fz_ztile2_zero.fz", "ZTILE2 = 0", overrides={"ZTILE2": 0})
    fz("fz_ztile_negative.fz", "ZTILE1 = -64", overrides={"ZTILE1": -64})
    fz("fz_ztile_huge.fz", "ZTILE1 = ZTILE2 = 2^31-1",
       overrides={"ZTILE1": 2147483647, "ZTILE2": 2147483647})
    fz("fz_znaxis1_1e18.fz", "ZNAXIS1 = 1e18", overrides={"ZNAXIS1": 1000000000000000000})
    fz("fz_znaxis_2p31.fz", "ZNAXIS1 = ZNAXIS2 = 2^31",
       overrides={"ZNAXIS1": 2147483648, "ZNAXIS2": 2147483648})
    fz("fz_znaxis_zero.fz", "ZNAXIS = 0", overrides={"ZNAXIS": 0})
    fz("fz_znaxis_99.fz", "ZNAXIS = 99", overrides={"ZNAXIS": 99})
    fz("fz_zbitpix_3.fz", "ZBITPIX = 3", overrides={"ZBITPIX": 3})
    fz("fz_zcmptype_bogus.fz", "ZCMPTYPE = 'BOGUS_9'", overrides={"ZCMPTYPE": "BOGUS_9"})
    fz("fz_no_zcmptype.fz", "ZCMPTYPE missing", drop=("ZCMPTYPE",))
    fz("fz_rice_blocksize0.fz", "RICE_1 with BLOCKSIZE = 0",
       overrides={"ZCMPTYPE": "RICE_1", "ZNAME1": "BLOCKSIZE", "ZVAL1": 0})
    fz("fz_rice_garbage.fz", "RICE_1 tiles of random bytes", overrides={"ZCMPTYPE": "RICE_1"},
       tiles=[bytes(random.Random(i).randrange(256) for _ in range(40)) for i in range(32)])
    rice16 = {"ZCMPTYPE": "RICE_1", "ZNAME1": "BLOCKSIZE", "ZVAL1": 32, "ZNAME2": "BYTEPIX",
              "ZVAL2": 2}
    fz("fz_rice_lost_bits.fz", "RICE_1 tiles: a Rice-coded block, then zeros (cfitsio's "
       "decoder ran past them looking for a one bit)",
       overrides=rice16, zbitpix=16, tiles=[b"\x00\x00\x20" + bytes(37)] * 32)
    fz("fz_rice_one_byte.fz", "RICE_1 tiles of one byte each", overrides=rice16, zbitpix=16,
       tiles=[b"\x01"] * 32)
    fz("fz_rice_zvals_swapped.fz", "RICE_1 with ZVAL1/ZVAL2 swapped (read as cfitsio does)",
       overrides=dict(rice16, ZVAL1=2, ZVAL2=32), zbitpix=16, tiles=[bytes(3)] * 32)
    fz("fz_hcompress_garbage.fz", "HCOMPRESS_1 tile of random bytes",
       overrides={"ZCMPTYPE": "HCOMPRESS_1", "ZTILE2": 32}, ztile=(64, 32),
       tiles=[bytes(random.Random(7).randrange(256) for _ in range(300))])
    fz("fz_plio_garbage.fz", "PLIO_1 tiles of random bytes", overrides={"ZCMPTYPE": "PLIO_1"},
       zbitpix=16,
       tiles=[bytes(random.Random(i).randrange(256) for _ in range(24)) for i in range(32)])
    fz("fz_tile_count.fz", "fewer table rows than tiles",
       descriptors=[(10, 0)] * 3)
    fz("fz_tform_bogus.fz", "TFORM1 = '1QX(9)'", overrides={"TFORM1": "1QX(9)"})
    fz("fz_naxis2_lie.fz", "table NAXIS2 = 2^31 rows", overrides={"NAXIS2": 2147483647})

    # --- heap corruption
    fz("heap_offset_out.fz", "heap descriptors pointing 1 GB past the heap", kind="heap",
       descriptors=[(40, 1 << 30)] * 32)
    fz("heap_length_huge.fz", "heap descriptors of 2^31-1 bytes", kind="heap",
       descriptors=[(2147483647, 0)] * 32)
    fz("heap_negative.fz", "negative heap offsets and lengths", kind="heap",
       descriptors=[(-100, -4096)] * 32)
    fz("heap_overlap.fz", "every descriptor overlapping the same short bytes", kind="heap",
       descriptors=[(5, 3)] * 32)
    fz("heap_garbage_gzip.fz", "GZIP_1 tiles of random bytes", kind="heap",
       tiles=[bytes(random.Random(100 + i).randrange(256) for _ in range(50))
              for i in range(32)])
    gz = gzip_bytes(bytes(range(64)))
    fz("heap_truncated_gzip.fz", "GZIP_1 tiles cut in half", kind="heap",
       tiles=[gz[: len(gz) // 2]] * 32)
    fz("heap_theap_lie.fz", "THEAP past the end of the file", kind="heap",
       overrides={"THEAP": 1 << 40})
    fz("heap_pcount_lie.fz", "PCOUNT larger than the file", kind="heap",
       overrides={"PCOUNT": 1 << 40})
    big = gzip_zeros(64)
    fz("heap_tile_bomb.fz", "a GZIP_1 tile of 64x1 that inflates to 64 MiB", kind="bomb",
       tiles=[big] + [gzip_bytes(bytes(64))] * 31)
    fz("heap_wrong_size.fz", "GZIP_1 tiles that inflate to 3 bytes instead of 64", kind="heap",
       tiles=[gzip_bytes(b"abc")] * 32)
    fz("heap_zscale_lie.fz", "quantized float tiles with ZSCALE/ZZERO columns missing",
       kind="heap", zbitpix=32, overrides={"ZBITPIX": -32, "ZQUANTIZ": "SUBTRACTIVE_DITHER_1",
                                           "ZDITHER0": -99})


# ---------------------------------------------------------------------------------------------
# Other formats (GDAL drivers other than GTiff: the fragile ones).


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(w, h, idat, colour=0, depth=8, extra=b""):
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth,
                                                                  colour, 0, 0, 0))
            + extra + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))


def other_cases():
    raw = b"".join(b"\0" + bytes((x + y) & 255 for x in range(32)) for y in range(32))
    ok = png(32, 32, zlib.compress(raw))
    add("control.png", "control", "valid 32x32 grey PNG", ok, control=True)
    add("png_truncated.png", "truncated", "PNG cut inside IDAT", ok[:60])
    add("png_huge_ihdr.png", "absurd-size", "IHDR 2^31-1 x 2^31-1", png(0x7FFFFFFF, 0x7FFFFFFF,
                                                                          zlib.compress(raw)))
    add("png_bomb.png", "bomb", "20000x20000 grey PNG in ~400 kB (400 MB of pixels)",
        png(20000, 20000, zlib_zeros(382)))
    add("png_bad_crc.png", "garbage", "PNG with every CRC wrong",
        ok[:29] + b"\xde\xad\xbe\xef" + ok[33:])
    add("png_bad_plte.png", "garbage", "palette PNG with a 1000-entry PLTE",
        png(32, 32, zlib.compress(raw), colour=3, extra=png_chunk(b"PLTE", bytes(3000))))

    add("jpeg_truncated.jpg", "truncated", "JPEG SOI + half a header",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01")
    add("jpeg_huge_sof.jpg", "absurd-size", "JPEG SOF of 65535 x 65535 and no scan data",
        b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
        + b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00" + bytes(64) + b"\xff\xd9")
    add("gif_bad.gif", "garbage", "GIF 65535x65535 with an LZW code size of 12",
        b"GIF89a\xff\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\xff\xff\xff\xff\x00\x0c\x02\xff\xff"
        + b"\x00;")
    add("bmp_huge.bmp", "absurd-size", "BMP header of 2^31-1 x -2^31 pixels",
        b"BM" + struct.pack("<IHHI", 70, 0, 0, 54) + struct.pack("<IiiHHIIiiII", 40, 0x7FFFFFFF,
                                                                 -0x80000000, 1, 24, 0, 0, 0,
                                                                 0, 0, 0) + bytes(16))
    add("jp2_garbage.jp2", "garbage", "JP2 signature box then random bytes",
        b"\x00\x00\x00\x0cjP  \r\n\x87\n" + bytes(random.Random(5).randrange(256)
                                                  for _ in range(2000)))
    add("j2k_huge.j2k", "absurd-size", "J2K codestream SIZ of 2^32-1 x 2^32-1, 16384 comps",
        b"\xff\x4f\xff\x51\x00\x2f\x00\x00" + struct.pack(">IIIIIIIIH", 0xFFFFFFFF, 0xFFFFFFFF,
                                                          0, 0, 1, 1, 0, 0, 16384)
        + bytes(64) + b"\xff\xd9")
    add("vrt_self.vrt", "ifd-cycle", "VRT whose band source is itself",
        b'<VRTDataset rasterXSize="64" rasterYSize="64"><VRTRasterBand dataType="Byte" band="1">'
        b'<SimpleSource><SourceFilename relativeToVRT="1">vrt_self.vrt</SourceFilename>'
        b'<SourceBand>1</SourceBand></SimpleSource></VRTRasterBand></VRTDataset>')
    add("vrt_huge.vrt", "absurd-size", "VRT of 2^31-1 squared with a 10^6-band list",
        b'<VRTDataset rasterXSize="2147483647" rasterYSize="2147483647">'
        + b'<VRTRasterBand dataType="Float64" band="1000000"/>' + b"</VRTDataset>")
    add("vrt_zero.vrt", "sparse-giant", "VRT raw band reading /dev/zero as 1e6 x 1e6",
        b'<VRTDataset rasterXSize="1000000" rasterYSize="1000000">'
        b'<VRTRasterBand dataType="Byte" band="1" subClass="VRTRawRasterBand">'
        b'<SourceFilename relativetoVRT="0">/dev/zero</SourceFilename><ImageOffset>0'
        b'</ImageOffset><PixelOffset>1</PixelOffset><LineOffset>1000000</LineOffset>'
        b'</VRTRasterBand></VRTDataset>')
    add("asc_huge.asc", "absurd-size", "ASCII grid header of 10^9 x 10^9 cells",
        b"ncols 1000000000\nnrows 1000000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n")
    add("asc_truncated.asc", "truncated", "ASCII grid 100x100 with three values",
        b"ncols 100\nnrows 100\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n")
    add("ers_huge.ers", "absurd-size", "ER Mapper header of 2^31 lines over a missing file",
        b"DatasetHeader Begin\n Version = \"6.0\"\n DataSetType = ERStorage\n DataType = Raster\n"
        b" ByteOrder = LSBFirst\n RasterInfo Begin\n  CellType = IEEE8ByteReal\n"
        b"  NrOfLines = 2147483647\n  NrOfCellsPerLine = 2147483647\n  NrOfBands = 9999\n"
        b" RasterInfo End\nDatasetHeader End\n")
    add("nitf_garbage.ntf", "garbage", "NITF 2.1 file header then garbage",
        b"NITF02.10" + bytes(random.Random(9).randrange(32, 127) for _ in range(1200)))
    add("hdf_garbage.hdf", "garbage", "HDF4 magic then garbage",
        b"\x0e\x03\x13\x01" + bytes(random.Random(11).randrange(256) for _ in range(2000)))
    add("nc_garbage.nc", "garbage", "netCDF classic magic with absurd dimensions",
        b"CDF\x01" + struct.pack(">II", 0, 10) + struct.pack(">I", 2) + struct.pack(">I", 1)
        + b"x\0\0\0" + struct.pack(">I", 0x7FFFFFFF) + bytes(200))
    add("img_garbage.img", "garbage", "HFA (Erdas Imagine) magic then garbage",
        b"EHFA_HEADER_TAG\0" + struct.pack("<I", 0x7FFFFFF0) + bytes(random.Random(3).randrange(
            256) for _ in range(500)))
    add("xpm_huge.xpm", "absurd-size", "XPM of 100000 x 100000 with 2^31 colours",
        b'/* XPM */\nstatic char *x[] = {\n"100000 100000 2147483647 1",\n" c #000000",\n};\n')
    add("random.tif", "garbage", "random bytes named .tif",
        bytes(random.Random(1).randrange(256) for _ in range(4096)))
    add("random.fits", "garbage", "random bytes named .fits",
        bytes(random.Random(2).randrange(256) for _ in range(5760)))
    add("text.png", "garbage", "a text file named .png", b"this is not a picture\n" * 40)
    add("tiff_named.fits", "garbage", "a valid TIFF named .fits", valid_tiff())
    add("fits_named.tif", "garbage", "a valid FITS named .tif", fits_image(16, 16))


def main():
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    tiff_cases()
    fits_cases()
    other_cases()
    manifest = []
    names = set()
    for name, kind, what, control, data in FILES:
        assert name not in names, name
        names.add(name)
        tmp = os.path.join(out, "." + name + ".part")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(out, name))
        manifest.append({"name": name, "kind": kind, "what": what, "control": control,
                         "size": len(data)})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"files": manifest}, f, indent=1)
    print("%d files in %s" % (len(manifest), out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
