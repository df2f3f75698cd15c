#!/usr/bin/python3
"""Generates Tessera's colour and palette tables (core/style/data/*.json).

The tables are what large_image's getPaletteColors consults, taken from the authoritative
Python packages so the C++ port resolves names exactly as large_image does:

  colors_pil.json             PIL.ImageColor.colormap (CSS colour names), as #rrggbb
  colors_matplotlib.json      matplotlib.colors.get_named_colors_mapping() through
                              matplotlib.colors.to_hex (CSS4, xkcd:, tab:, single letters),
                              plus the default colour cycle used by "C0".."C9"
  colormaps_matplotlib.json   every colormap in matplotlib.colormaps (including _r), sampled
                              as large_image does: [to_hex(cmap(i)) for i in range(cmap.N)]
  palettable_<family>.json    every palette large_image's _recursePalettablePalettes finds in
                              palettable (the .hex_colors of each), one file per family

Palette values are the concatenated 6-digit hex colours without '#'; a value "~NAME" means
"the entry NAME of the same file, reversed" and is only written when that is exactly true.

Run once after the Debian packages change, with the system interpreter:
    apt-get install -y python3-matplotlib python3-palettable
    /usr/bin/python3 scripts/gen_palettes.py
The output is deterministic (sorted keys) so regenerating with the same packages is a no-op.
"""

import json
import os
import re
import sys
import types
from operator import attrgetter

import matplotlib
import matplotlib.colors
import palettable
import PIL
import PIL.ImageColor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'core', 'style', 'data')
HEX6 = re.compile(r'^#[0-9a-f]{6}$')


def pil_hex(color):
    """Normalises a colour through PIL exactly as large_image does; returns 'rrggbb'."""
    rgba = PIL.ImageColor.getcolor(str(color), 'RGBA')
    if rgba[3] != 255:
        sys.exit(f'unexpected alpha in {color!r}: the table format has no alpha')
    return '%02x%02x%02x' % rgba[:3]


def write_json(name, source, entries, extra=None):
    """Writes {"generator", "source", [extra...], "entries": {...}} with one entry a line."""
    lines = ['{',
             '  "generator": "scripts/gen_palettes.py",',
             '  "source": %s,' % json.dumps(source)]
    for key, value in (extra or {}).items():
        lines.append('  %s: %s,' % (json.dumps(key), json.dumps(value)))
    lines.append('  "entries": {')
    keys = sorted(entries)
    for i, key in enumerate(keys):
        comma = ',' if i + 1 < len(keys) else ''
        lines.append('    %s: %s%s' % (json.dumps(key), json.dumps(entries[key]), comma))
    lines += ['  }', '}']
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'{name}: {len(entries)} entries')


def with_reversals(tables):
    """Replaces NAME_r tables that are exactly NAME reversed by '~NAME'."""
    out = {}
    for name, colors in tables.items():
        base = name[:-2] if name.endswith('_r') else None
        if base is not None and base in tables and tables[base][::-1] == colors:
            out[name] = '~' + base
        else:
            out[name] = ''.join(colors)
    return out


def pil_colors():
    entries = {}
    for name in PIL.ImageColor.colormap:
        entries[name] = '#' + pil_hex(name)
    write_json('colors_pil.json', 'Pillow %s PIL.ImageColor.colormap' % PIL.__version__,
               entries)


def matplotlib_colors():
    mapping = matplotlib.colors.get_named_colors_mapping()
    entries = {name: matplotlib.colors.to_hex(name) for name in mapping}
    for value in entries.values():
        assert HEX6.match(value), value
    cycle = [matplotlib.colors.to_hex(c) for c in
             matplotlib.rcParamsDefault['axes.prop_cycle'].by_key()['color']]
    write_json('colors_matplotlib.json',
               'matplotlib %s colors.get_named_colors_mapping() via colors.to_hex'
               % matplotlib.__version__, entries, {'cycle': cycle})


def matplotlib_colormaps():
    tables = {}
    for name in matplotlib.colormaps:
        cmap = matplotlib.colormaps.get_cmap(name)
        hexes = [matplotlib.colors.to_hex(cmap(i)) for i in range(cmap.N)]
        tables[name] = [pil_hex(h) for h in hexes]
    write_json('colormaps_matplotlib.json',
               'matplotlib %s colormaps: [to_hex(cmap(i)) for i in range(cmap.N)]'
               % matplotlib.__version__, with_reversals(tables))


def recurse_palettable(module, palettes, root=None, depth=0):
    """The walk of large_image's _recursePalettablePalettes."""
    for key in dir(module):
        if not key.startswith('_'):
            attr = getattr(module, key)
            if isinstance(attr, types.ModuleType) and depth < 3:
                recurse_palettable(attr, palettes, root + '.' + key if root else key, depth + 1)
            elif root and isinstance(getattr(attr, 'hex_colors', None), list):
                palettes.add(root + '.' + key)


def palettable_palettes():
    names = set()
    recurse_palettable(palettable, names)
    families = {}
    for name in names:
        colors = [pil_hex(c) for c in attrgetter(name)(palettable).hex_colors]
        families.setdefault(name.split('.')[0], {})[name] = colors
    for family, tables in sorted(families.items()):
        write_json('palettable_%s.json' % family,
                   'palettable %s (%s): .hex_colors' % (palettable.__version__, family),
                   with_reversals(tables))


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith('.json'):
            os.remove(os.path.join(OUT, old))
    pil_colors()
    matplotlib_colors()
    matplotlib_colormaps()
    palettable_palettes()


if __name__ == '__main__':
    main()
