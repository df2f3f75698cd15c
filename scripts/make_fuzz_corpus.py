#!/usr/bin/env python3
"""Seed inputs for the libFuzzer targets of tests/fuzz (one folder per target), written into the
build tree at build time: small valid TIFFs (strips, tiles, BigTIFF, big-endian, pyramids, SubIFDs,
Aperio-like, GeoTIFF) and FITS files (integer, scaled, float, cubes, extensions, RICE_1 and GZIP_1
tile compression) made with struct/zlib, COGs made with GDAL when python3-gdal is importable,
styles, request lines and configuration files. Deterministic: the same files on every run.

usage: make_fuzz_corpus.py OUTDIR
"""

import gzip
import json
import os
import random
import shutil
import struct
import sys
import zlib

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ("style", "http_query", "service_config", "gdal_tiff", "tiff_slide", "fits",
           "png_roundtrip")


def write(outdir, target, name, data):
    folder = os.path.join(outdir, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------------------------
# TIFF


class Ifd:
    """One image: its pixel rows (bytes, interleaved) and how to store them."""

    def __init__(self, width, height, spp=1, bps=8, sample_format=1, tile=None, rows_per_strip=None,
                 compression=1, photometric=None, extra=None, subfile=0, pixels=None):
        self.width, self.height, self.spp, self.bps = width, height, spp, bps
        self.sample_format, self.tile, self.compression = sample_format, tile, compression
        self.rows_per_strip = rows_per_strip or height
        self.photometric = photometric if photometric is not None else (2 if spp >= 3 else 1)
        self.extra = extra or []  # (tag, type, values)
        self.subfile = subfile
        self.sub_ifds = []
        rnd = random.Random(width * 7919 + height * 31 + spp * 7 + bps)
        row = width * spp * bps // 8
        self.pixels = pixels if pixels is not None else bytes(
            (x * 3 + y * 5 + rnd.randrange(4)) & 0xFF for y in range(height) for x in range(row))

    def blocks(self, byteorder):
        """The stored blocks (strips or tiles), compressed, in file order."""
        sample = self.bps // 8
        row_bytes = self.width * self.spp * sample
        data = self.pixels
        if sample > 1 and byteorder == ">":  # pixels are little-endian samples
            data = b"".join(data[i:i + sample][::-1] for i in range(0, len(data), sample))
        out = []
        if self.tile:
            tw, th = self.tile
            for ty in range(0, self.height, th):
                for tx in range(0, self.width, tw):
                    block = bytearray()
                    for y in range(ty, ty + th):
                        line = bytearray(tw * self.spp * sample)
                        if y < self.height:
                            start = y * row_bytes + tx * self.spp * sample
                            chunk = data[start:start + min(tw, self.width - tx) * self.spp * sample]
                            line[:len(chunk)] = chunk
                        block += line
                    out.append(bytes(block))
        else:
            for y in range(0, self.height, self.rows_per_strip):
                end = min(self.height, y + self.rows_per_strip)
                out.append(data[y * row_bytes:end * row_bytes])
        if self.compression == 8:
            out = [zlib.compress(b, 6) for b in out]
        elif self.compression == 32773:
            out = [packbits(b) for b in out]
        return out


def packbits(data):
    out = bytearray()
    for i in range(0, len(data), 128):
        chunk = data[i:i + 128]
        out.append(len(chunk) - 1)
        out += chunk
    return bytes(out)


def tiff(ifds, byteorder="<", bigtiff=False):
    """A TIFF file holding the IFDs in a chain (and their sub_ifds as SubIFDs)."""
    bo = byteorder
    off_fmt, count_fmt, entry_count_fmt = ("Q", "Q", "Q") if bigtiff else ("I", "I", "H")
    entry_size = 20 if bigtiff else 12
    inline = 8 if bigtiff else 4
    types = {1: "B", 3: "H", 4: "I", 12: "d", 16: "Q", 18: "Q"}  # 2 = ASCII
    buf = bytearray()
    if bigtiff:
        buf += (b"II" if bo == "<" else b"MM") + struct.pack(bo + "HHHQ", 43, 8, 0, 0)
        first_ptr = 8
    else:
        buf += (b"II" if bo == "<" else b"MM") + struct.pack(bo + "HI", 42, 0)
        first_ptr = 4

    def pack_values(typ, values):
        if typ == 2:
            return values.encode("latin-1") + b"\0"
        return b"".join(struct.pack(bo + types[typ], v) for v in values)

    def emit(ifd):
        """Writes the data and the IFD of one image (and its SubIFDs first); returns its offset."""
        sub_offsets = [emit(s) for s in ifd.sub_ifds]
        blocks = ifd.blocks(bo)
        offsets = []
        for b in blocks:
            offsets.append(len(buf))
            buf.extend(b)
            if len(buf) % 2:
                buf.append(0)
        long_type = 16 if bigtiff else 4
        entries = [
            (254, 4, [ifd.subfile]),
            (256, 4, [ifd.width]), (257, 4, [ifd.height]),
            (258, 3, [ifd.bps] * ifd.spp), (259, 3, [ifd.compression]),
            (262, 3, [ifd.photometric]), (277, 3, [ifd.spp]), (284, 3, [1]),
            (339, 3, [ifd.sample_format] * ifd.spp),
        ]
        if ifd.tile:
            entries += [(322, 3, [ifd.tile[0]]), (323, 3, [ifd.tile[1]]),
                        (324, long_type, offsets), (325, 4, [len(b) for b in blocks])]
        else:
            entries += [(273, long_type, offsets), (278, 4, [ifd.rows_per_strip]),
                        (279, 4, [len(b) for b in blocks])]
        if sub_offsets:
            entries.append((330, 18 if bigtiff else 4, sub_offsets))
        entries += ifd.extra
        entries.sort(key=lambda e: e[0])
        # Values too long for the entry go before the IFD.
        packed = []
        for tag, typ, values in entries:
            raw = pack_values(typ, values)
            count = len(values) if typ != 2 else len(raw)
            if len(raw) > inline:
                pos = len(buf)
                buf.extend(raw)
                if len(buf) % 2:
                    buf.append(0)
                raw = struct.pack(bo + off_fmt, pos)
            packed.append((tag, typ, count, raw.ljust(inline, b"\0")))
        where = len(buf)
        buf.extend(struct.pack(bo + entry_count_fmt, len(packed)))
        for tag, typ, count, raw in packed:
            buf.extend(struct.pack(bo + "HH" + count_fmt, tag, typ, count) + raw)
        ifd.next_ptr = len(buf)
        buf.extend(struct.pack(bo + off_fmt, 0))
        assert entry_size == 4 + struct.calcsize(count_fmt) + inline
        return where

    ptr = first_ptr
    for ifd in ifds:
        where = emit(ifd)
        struct.pack_into(bo + off_fmt, buf, ptr, where)
        ptr = ifd.next_ptr
    return bytes(buf)


def geokeys_4326(width):
    """GeoTIFF tags placing a raster of `width` pixels over 10 degrees of WGS 84."""
    return [(33550, 12, [10.0 / width, 10.0 / width, 0.0]),
            (33922, 12, [0.0, 0.0, 0.0, 5.0, 45.0, 0.0]),
            (34735, 3, [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326])]


def tiff_seeds(outdir):
    seeds = {}
    seeds["strip_gray8.tif"] = tiff([Ifd(40, 30)])
    seeds["strip_rgb8_be.tif"] = tiff([Ifd(33, 17, spp=3, rows_per_strip=5)], ">")
    seeds["tiled_rgb8_deflate.tif"] = tiff([Ifd(80, 48, spp=3, tile=(16, 16), compression=8)])
    seeds["tiled_gray16.tif"] = tiff([Ifd(48, 40, bps=16, tile=(16, 16))])
    seeds["tiled_float32_be.tif"] = tiff(
        [Ifd(32, 32, bps=32, sample_format=3, tile=(16, 16),
             pixels=b"".join(struct.pack("<f", (x - y) * 0.5)
                             for y in range(32) for x in range(32)),
             extra=[(42113, 2, "-1")])], ">")
    seeds["tiled_int16_packbits.tif"] = tiff(
        [Ifd(32, 16, bps=16, sample_format=2, tile=(16, 16), compression=32773)])
    seeds["bigtiff_tiled_rgba.tif"] = tiff(
        [Ifd(40, 24, spp=4, tile=(16, 16), extra=[(338, 3, [2])])], bigtiff=True)
    seeds["bigtiff_be_strips.tif"] = tiff([Ifd(20, 20, rows_per_strip=7)], ">", bigtiff=True)
    seeds["pyramid_chain.tif"] = tiff([Ifd(128, 96, spp=3, tile=(32, 32), compression=8),
                                       Ifd(64, 48, spp=3, tile=(32, 32), compression=8, subfile=1),
                                       Ifd(32, 24, spp=3, tile=(32, 32), compression=8, subfile=1)])
    top = Ifd(96, 64, tile=(32, 32))
    top.sub_ifds = [Ifd(48, 32, tile=(32, 32), subfile=1), Ifd(24, 16, tile=(16, 16), subfile=1)]
    seeds["pyramid_subifds.tif"] = tiff([top])
    seeds["aperio_like.tif"] = tiff([
        Ifd(128, 64, spp=3, tile=(32, 32), compression=8,
            extra=[(270, 2, "Aperio Image Library v12.0.15 \n128x64 (256x256) JPEG/RGB Q=70"
                            "|AppMag = 20|MPP = 0.4990|Filename = fuzz")]),
        Ifd(32, 16, spp=3, rows_per_strip=16, extra=[(270, 2, "Aperio Image Library thumbnail")]),
        Ifd(64, 32, spp=3, tile=(32, 32)),
        Ifd(24, 12, spp=3, rows_per_strip=12, subfile=1, extra=[(270, 2, "label 24x12")]),
        Ifd(30, 12, spp=3, rows_per_strip=12, subfile=9, extra=[(270, 2, "macro 30x12")])])
    seeds["geotiff_4326.tif"] = tiff([Ifd(64, 64, tile=(32, 32), extra=geokeys_4326(64))])
    # Regression (fuzz_gdal_tiff): a Web Mercator origin of 1e154 kept PROJ busy for minutes.
    seeds["regress_huge_origin_3857.tif"] = tiff([Ifd(96, 64, extra=[
        (33550, 12, [50.0, 50.0, 0.0]), (33922, 12, [0.0, 0.0, 0.0, 2.68e154, 0.0, 0.0]),
        (34735, 3, [1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 3857])])])
    seeds["orientation_6.tif"] = tiff([Ifd(48, 32, spp=3, tile=(16, 16), extra=[(274, 3, [6])])])
    seeds["palette.tif"] = tiff([Ifd(32, 32, photometric=3,
                                     extra=[(320, 3, [i * 257 for i in range(256)] * 3)])])
    for name, data in seeds.items():
        write(outdir, "gdal_tiff", name, data)
        write(outdir, "tiff_slide", name, data)


def gdal_seeds(outdir):
    """COGs and compressed GeoTIFFs written by GDAL (skipped when python3-gdal is missing)."""
    try:
        from osgeo import gdal, osr
    except ImportError:
        print("make_fuzz_corpus: python3-gdal not importable; GDAL-made seeds skipped")
        return
    gdal.UseExceptions()
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # COG's "BLOCKSIZE should be >= 128" warning

    def save(mem, path, creation, cog):
        if cog:
            gdal.GetDriverByName("COG").CreateCopy(path, mem, options=creation)
        else:
            gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=creation)

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3857)

    def make(name, bands, dtype, creation, cog=False, nodata=None, geo=True, size=(96, 64),
             overviews=False):
        mem = gdal.GetDriverByName("MEM").Create("", size[0], size[1], bands, dtype)
        if geo:
            mem.SetGeoTransform([1000000.0, 50.0, 0, 6000000.0, 0, -50.0])
            mem.SetProjection(srs.ExportToWkt())
        for b in range(1, bands + 1):
            band = mem.GetRasterBand(b)
            line = bytes(((x * 5 + b * 40) & 0xFF) for x in range(size[0]))
            band.WriteRaster(0, 0, size[0], size[1], line * size[1], size[0], size[1],
                             gdal.GDT_Byte)
            if nodata is not None:
                band.SetNoDataValue(nodata)
        path = "/vsimem/seed_" + name
        try:
            save(mem, path, creation, cog)
        except RuntimeError as e:  # a codec this GDAL build lacks
            print("make_fuzz_corpus: %s skipped: %s" % (name, e))
            return
        f = gdal.VSIFOpenL(path, "rb")
        gdal.VSIFSeekL(f, 0, 2)
        n = gdal.VSIFTellL(f)
        gdal.VSIFSeekL(f, 0, 0)
        data = gdal.VSIFReadL(1, n, f)
        gdal.VSIFCloseL(f)
        gdal.Unlink(path)
        for target in ("gdal_tiff", "tiff_slide"):
            write(outdir, target, name, data)

    make("cog_jpeg_rgb.tif", 3, gdal.GDT_Byte, ["COMPRESS=JPEG", "BLOCKSIZE=32", "OVERVIEWS=AUTO"],
         cog=True)
    make("cog_deflate_gray.tif", 1, gdal.GDT_Byte, ["COMPRESS=DEFLATE", "BLOCKSIZE=32",
                                                     "PREDICTOR=2"], cog=True, nodata=0)
    make("cog_zstd_uint16.tif", 1, gdal.GDT_UInt16, ["COMPRESS=ZSTD", "BLOCKSIZE=32"], cog=True)
    make("cog_webp_rgba.tif", 4, gdal.GDT_Byte, ["COMPRESS=WEBP", "BLOCKSIZE=32"], cog=True)
    make("gtiff_lzw_float.tif", 1, gdal.GDT_Float32, ["COMPRESS=LZW", "TILED=YES", "BLOCKXSIZE=32",
                                                       "BLOCKYSIZE=32"], nodata=-9999)
    make("gtiff_jpeg_ycbcr_ovr.tif", 3, gdal.GDT_Byte,
         ["COMPRESS=JPEG", "PHOTOMETRIC=YCBCR", "TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32",
          "COPY_SRC_OVERVIEWS=YES"], geo=False, size=(128, 96), overviews=True)
    make("gtiff_lerc_int32.tif", 2, gdal.GDT_Int32, ["COMPRESS=LERC_DEFLATE", "TILED=YES"],
         size=(48, 48))


# ---------------------------------------------------------------------------------------------
# FITS


def card(key, value=None, comment=None):
    if key == "END":
        return "END".ljust(80)
    if value is None:
        text = key.ljust(80)
    else:
        if isinstance(value, bool):
            v = ("T" if value else "F").rjust(20)
        elif isinstance(value, str):
            v = ("'" + value.ljust(8) + "'").ljust(20)
        elif isinstance(value, float):
            v = ("%.10G" % value).rjust(20)
        else:
            v = str(value).rjust(20)
        text = key.ljust(8) + "= " + v
        if comment:
            text += " / " + comment
    return text[:80].ljust(80)


def header(cards):
    text = "".join(card(*c) for c in cards) + card("END")
    data = text.encode("ascii")
    return data + b" " * (-len(data) % 2880)


def pad(data):
    return data + b"\0" * (-len(data) % 2880)


FMT = {8: "B", 16: "h", 32: "i", 64: "q", -32: "f", -64: "d"}


def image_data(bitpix, values):
    return pad(struct.pack(">" + FMT[bitpix] * len(values), *values))


def image_hdu(bitpix, naxes, values, primary=True, extra=()):
    cards = [("SIMPLE", True)] if primary else [("XTENSION", "IMAGE"), ]
    cards += [("BITPIX", bitpix), ("NAXIS", len(naxes))]
    cards += [("NAXIS%d" % (i + 1), n) for i, n in enumerate(naxes)]
    if primary:
        cards.append(("EXTEND", True))
    else:
        cards += [("PCOUNT", 0), ("GCOUNT", 1)]
    cards += list(extra)
    return header(cards) + (image_data(bitpix, values) if naxes else b"")


def rice_encode(values, bytepix, blocksize=32):
    """cfitsio's Rice coding (fits_rcomp*) of integer samples of `bytepix` bytes."""
    fsbits, fsmax, bbits = {1: (3, 6, 8), 2: (4, 14, 16), 4: (5, 25, 32)}[bytepix]
    bits = []

    def out(value, n):
        for i in range(n - 1, -1, -1):
            bits.append((value >> i) & 1)

    mask = (1 << bbits) - 1
    last = values[0]
    out(last & mask, bbits)
    for start in range(0, len(values), blocksize):
        block = values[start:start + blocksize]
        diffs = []
        for v in block:
            d = (v - last) & mask  # differences wrap at the sample width
            if d >= 1 << (bbits - 1):
                d -= 1 << bbits
            diffs.append((~(d << 1)) & mask if d < 0 else (d << 1))
            last = v
        total = sum(diffs)
        dpsum = max(0, (total - len(block) // 2 - 1) // len(block))
        psum, fs = dpsum >> 1, 0
        while psum > 0:
            psum >>= 1
            fs += 1
        if fs >= fsmax:
            out(fsmax + 1, fsbits)
            for d in diffs:
                out(d, bbits)
        elif fs == 0 and total == 0:
            out(0, fsbits)
        else:
            out(fs + 1, fsbits)
            for d in diffs:
                bits.extend([0] * (d >> fs) + [1])
                if fs:
                    out(d & ((1 << fs) - 1), fs)
    bits.extend([0] * (-len(bits) % 8))
    return bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))


def compressed_hdu(width, height, zbitpix, values, cmptype, tile_rows=1, extname="SCI"):
    """A tile-compressed image (BINTABLE, one row of tiles per `tile_rows` image rows)."""
    tiles = []
    for y in range(0, height, tile_rows):
        tile = values[y * width:min(height, y + tile_rows) * width]
        if cmptype == "RICE_1":
            tiles.append(rice_encode(tile, zbitpix // 8))
        else:
            tiles.append(gzip.compress(struct.pack(">" + FMT[zbitpix] * len(tile), *tile), 6,
                                       mtime=0))
    table = bytearray()
    heap = bytearray()
    for t in tiles:
        table += struct.pack(">ii", len(t), len(heap))
        heap += t
    cards = [("XTENSION", "BINTABLE"), ("BITPIX", 8), ("NAXIS", 2), ("NAXIS1", 8),
             ("NAXIS2", len(tiles)), ("PCOUNT", len(heap)), ("GCOUNT", 1), ("TFIELDS", 1),
             ("TTYPE1", "COMPRESSED_DATA"), ("TFORM1", "1PB(%d)" % max(len(t) for t in tiles)),
             ("ZIMAGE", True), ("ZBITPIX", zbitpix), ("ZNAXIS", 2), ("ZNAXIS1", width),
             ("ZNAXIS2", height), ("ZTILE1", width), ("ZTILE2", tile_rows), ("ZCMPTYPE", cmptype)]
    if cmptype == "RICE_1":
        cards += [("ZNAME1", "BLOCKSIZE"), ("ZVAL1", 32), ("ZNAME2", "BYTEPIX"),
                  ("ZVAL2", zbitpix // 8)]
    if zbitpix < 0:
        cards.append(("ZQUANTIZ", "NONE"))
    cards.append(("EXTNAME", extname))
    return header(cards) + pad(bytes(table + heap))


def fits_seeds(outdir):
    w, h = 24, 16
    ramp = [(x * 7 + y * 3) % 200 for y in range(h) for x in range(w)]
    wcs = [("CTYPE1", "RA---TAN"), ("CTYPE2", "DEC--TAN"), ("CRPIX1", 12.0), ("CRPIX2", 8.0),
           ("CRVAL1", 150.0), ("CRVAL2", 2.0), ("CDELT1", -0.001), ("CDELT2", 0.001)]
    empty_primary = header([("SIMPLE", True), ("BITPIX", 8), ("NAXIS", 0), ("EXTEND", True)])
    seeds = {
        "uint8.fits": image_hdu(8, [w, h], ramp),
        "int16_wcs.fits": image_hdu(16, [w, h], [v - 100 for v in ramp], extra=wcs),
        "uint16_bzero.fits": image_hdu(16, [w, h], [v * 100 - 32768 for v in ramp],
                                       extra=[("BZERO", 32768), ("BSCALE", 1)]),
        "int32_blank.fits": image_hdu(32, [w, h], [-1 if i % 9 == 0 else v for i, v in
                                                   enumerate(ramp)], extra=[("BLANK", -1)]),
        "int64.fits": image_hdu(64, [w, h], [v * 1000000 for v in ramp]),
        "float32_nan.fits": image_hdu(-32, [w, h], [float("nan") if i % 11 == 0 else v * 0.25
                                                    for i, v in enumerate(ramp)]),
        "float64_scaled.fits": image_hdu(-64, [w, h], [v * 1e-3 for v in ramp],
                                         extra=[("BSCALE", 2.0), ("BZERO", -1.5)]),
        "cube3.fits": image_hdu(16, [w, h, 3], ramp * 3),
        "extensions.fits": empty_primary + image_hdu(16, [w, h], ramp, primary=False,
                                                     extra=[("EXTNAME", "SCI")])
        + image_hdu(-32, [w // 2, h // 2], [float(v) for v in ramp[:w * h // 4]], primary=False,
                    extra=[("EXTNAME", "ERR")]),
        "rice_int16.fits": empty_primary + compressed_hdu(w, h, 16, ramp, "RICE_1"),
        "rice_int32_tiles4.fits": empty_primary + compressed_hdu(w, h, 32,
                                                                 [v * 40000 for v in ramp],
                                                                 "RICE_1", tile_rows=4),
        "rice_uint8.fits": empty_primary + compressed_hdu(w, h, 8, ramp, "RICE_1"),
        "gzip_int16.fits": empty_primary + compressed_hdu(w, h, 16, ramp, "GZIP_1", tile_rows=8),
        "gzip_float32.fits": empty_primary + compressed_hdu(w, h, -32, [v * 0.5 for v in ramp],
                                                            "GZIP_1", tile_rows=16),
    }
    for name, data in seeds.items():
        write(outdir, "fits", name, data)


# ---------------------------------------------------------------------------------------------
# Text inputs

STYLES = [
    {}, {"band": 1}, {"band": 2, "min": 0, "max": 255},
    {"band": 1, "palette": "viridis", "min": "auto", "max": "auto"},
    {"band": 1, "palette": ["#000", "#ff0000", "rgba(0, 255, 0, 0.5)"], "scheme": "discrete"},
    {"band": "red", "min": "min:0.02", "max": "max:0.98"},
    {"bands": [{"band": 1, "palette": "#f00"}, {"band": 2, "palette": "#0f0"},
               {"band": 3, "palette": "#00f"}]},
    {"bands": [{"band": 1, "palette": "matplotlib.Plasma_6", "composite": "lighten"},
               {"band": 4, "palette": ["#0000", "#ffff"], "composite": "multiply"}]},
    {"band": 1, "nodata": -7000, "min": "full", "max": "full", "clamp": False},
    {"band": 1, "frame": 1, "framedelta": -1},
    {"dtype": "uint16", "band": 1, "min": 0, "max": 60000},
    {"dtype": "float", "bands": [{"band": 1}]},
    {"axis": 1, "band": 1},
    {"band": "palette"},
]


def text_seeds(outdir):
    for i, s in enumerate(STYLES):
        write(outdir, "style", "style%02d.json" % i, json.dumps(s))
    write(outdir, "style", "not_json.txt", "{\"band\": 1,")

    requests = [
        "/api/image/1/tiles/0/0/0.png?style=%7B%22band%22%3A1%7D&projection=EPSG:3857",
        "/api/image/1/tiles/fzxy/2/3/1/0.jpeg?band=1&min=auto&max=10&palette=viridis",
        "/api/image-file/abc/data/region.tif?left=0&top=0&right=0.5&bottom=0.5&units=fraction"
        "&width=256&height=256&encoding=PNG",
        "/api/image/1/data/pixel?left=10.5&top=+3&units=EPSG:4326",
        "/api/image/1/data/histogram?bins=32&density=yes&onlyMinMax=0&frame=2",
        "/api/image/1/data/thumbnail.webp?max_width=64&max_height=64&style={}",
        "/api/image/1/bands/2?source=tiff",
        "/api/library/7/tiles/metadata?cmap=magma&nodata=null&scheme=discrete",
        "HEAD /api/image/1/tiles/corners/1/0/1",
        "POST /api/image/1/jobs/region?left=1&right=2&top=1&bottom=2",
        "PUT /api/large-image/settings",
        "/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=1&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=64&HEIGHT=64"
        "&FORMAT=image/png",
        "/wmts/1.0.0/1/default/WebMercatorQuad/3/2/1.png",
        "/api/image/1/dzi_files/8/0_0.png",
        "/api/image/%31/tiles/0/0/0.png?token=abc&band=%2B1&min=1e400",
        # Regressions found by fuzz_http_query.
        "/api/image/1/tiles/fzxy/2/3/1/0.jpeg?band=1&min=a@ut%B4o&max=10",  # not UTF-8: was a 500
    ]
    for i, r in enumerate(requests):
        write(outdir, "http_query", "request%02d.txt" % i, r)

    data = os.path.join(SOURCE_DIR, "core", "formats", "data")
    formats = open(os.path.join(data, "formats.conf"), encoding="utf-8").read()
    crs = open(os.path.join(data, "crs.conf"), encoding="utf-8").read()
    write(outdir, "service_config", "defaults.conf", formats + "\0" + crs)
    write(outdir, "service_config", "override.conf",
          "GTiff,image/tiff,ro,.tiff\nPNG,image/x-png,rw,png\nnative,*,PNG\nnative,FITS,png\n"
          "NoSuchDriver,application/x-none,rw,.none\n\0EPSG:4326, 3857\n32601-32610 # utm\n")
    write(outdir, "service_config", "bad_lines.conf",
          "GTiff,image/tiff,rw\nJPEG,imagejpeg,rw,.jpg\nWEBP,image/webp,xx,.webp\n\0"
          "4326-3857\nEPSG:\n1-20000\n")

    rnd = random.Random(13)
    for i, n in enumerate((16, 64, 300, 1200)):
        noise = bytes(rnd.randrange(256) for _ in range(n))
        write(outdir, "png_roundtrip", "image%d.bin" % i, noise)
    write(outdir, "png_roundtrip", "flat.bin", b"\x40\x40\x03\x01\x09" + b"\x00" * 8)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    outdir = sys.argv[1]
    for target in TARGETS:  # start afresh: no stale seeds from an older version of this script
        shutil.rmtree(os.path.join(outdir, target), ignore_errors=True)
    tiff_seeds(outdir)
    gdal_seeds(outdir)
    fits_seeds(outdir)
    text_seeds(outdir)


if __name__ == "__main__":
    main()
