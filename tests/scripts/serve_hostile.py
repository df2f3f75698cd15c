#!/usr/bin/env python3
"""Hostile clients against a real `tessera serve` process, as a user would try it from outside.

Starts `tessera serve` on a generated COG, then: a million-'[' style, a 64 MiB request header,
a body declared as 50 GB, 400 idle connections, 100 pipelined requests (answers in order),
`wrk` bursts when wrk is installed, and SIGTERM (the server must drain and exit within 5 s).
After each attack a plain tile must come back 200 within 2 s. Exit 0 when everything held.

usage: serve_hostile.py TESSERA_EXE [--bursts N]
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

try:
    from osgeo import gdal
except ImportError:  # pragma: no cover
    print("python3-gdal is missing (Debian package python3-gdal; run with /usr/bin/python3)")
    sys.exit(1)

FAILED = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what, flush=True)
    if not cond:
        FAILED.append(what)


def make_cog(path):
    drv = gdal.GetDriverByName("MEM")
    ds = drv.Create("", 2048, 2048, 1, gdal.GDT_UInt16)
    ds.SetGeoTransform([500000, 10, 0, 4500000, 0, -10])
    ds.SetProjection('PROJCS["WGS 84 / UTM zone 21N",GEOGCS["WGS 84",DATUM["WGS_1984",'
                     'SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],'
                     'UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
                     'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",-57],'
                     'PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],'
                     'PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","32621"]]')
    import array
    row = array.array("H", [(x * 7) % 8000 for x in range(2048)])
    band = ds.GetRasterBand(1)
    for y in range(0, 2048, 256):
        data = array.array("H", [])
        for j in range(256):
            data.extend(array.array("H", [(v + (y + j) * 3) % 8000 for v in row]))
        band.WriteRaster(0, y, 2048, 256, data.tobytes())
    gdal.GetDriverByName("COG").CreateCopy(path, ds, options=["COMPRESS=DEFLATE"])


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def http_get(port, target, timeout=2.0):
    """One GET on a fresh connection; returns (status, seconds) or (0, seconds)."""
    t0 = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0
    except OSError:
        status = 0
    return status, time.monotonic() - t0


def tile_ok(port, after):
    status, secs = http_get(port, "/api/image/1/tiles/0/0/0.png")
    check(status == 200 and secs < 2.0, f"plain tile 200 within 2 s after {after} "
          f"(got {status} in {secs:.2f} s)")


def start_server(exe, cog):
    port = free_port()
    proc = subprocess.Popen([exe, "serve", cog, "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for _ in range(200):
        if http_get(port, "/api/image/1/tiles/metadata", 0.5)[0] == 200:
            return proc, port
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    raise SystemExit(f"tessera serve did not start: {proc.stderr.read()}")


def read_status(s, timeout=10.0):
    s.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0


def attacks(exe, cog):
    proc, port = start_server(exe, cog)
    try:
        # A million '[' in the style parameter.
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"GET /api/image/1/tiles/0/0/0.png?style=" + b"%5B" * 1000000 +
                      b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            st = read_status(s)
        check(st in (400, 414), f"million-[ style refused ({st})")
        tile_ok(port, "a million-[ style")

        # A 64 MiB header, sent as fast as the server takes it.
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.settimeout(10)
            try:
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (64 << 20))
            except OSError:
                pass
            st = read_status(s)
        check(st in (431, 0), f"64 MiB header refused ({st})")
        tile_ok(port, "a 64 MiB header")

        # A body declared as 50 GB.
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"PUT /api/large-image/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Length: 50000000000\r\n\r\n" + b"x" * 65536)
            st = read_status(s)
        check(st == 413, f"50 GB body refused with 413 ({st})")
        tile_ok(port, "a 50 GB declared body")

        # 400 idle connections held open.
        idle = []
        for _ in range(400):
            try:
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
            except OSError:
                break
        check(len(idle) == 400, f"400 idle connections opened ({len(idle)})")
        tile_ok(port, "400 idle connections (still open)")
        for s in idle:
            s.close()

        # 100 pipelined requests of different sizes: answers in request order.
        targets = [f"/api/image/1/tiles/{z}/0/0.png" if i % 2 else
                   f"/api/image/1/data/pixel?left={i}&top={i}"
                   for i, z in ((i, i % 4) for i in range(100))]
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall("".join(f"GET {t} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" for t in targets)
                      .encode())
            f = s.makefile("rb")
            in_order = True
            for i, t in enumerate(targets):
                line = f.readline()
                headers = {}
                while True:
                    h = f.readline()
                    if h in (b"\r\n", b""):
                        break
                    k, _, v = h.decode().partition(":")
                    headers[k.strip().lower()] = v.strip()
                body = f.read(int(headers.get("content-length", "0")))
                want = "image/png" if i % 2 else "application/json"
                if not line.startswith(b"HTTP/1.1 200") or headers.get("content-type") != want:
                    in_order = False
                if not (i % 2) and f'"left"' not in body.decode(errors="replace") and \
                        str(i) not in body.decode(errors="replace"):
                    in_order = False
        check(in_order, "100 pipelined answers in request order")
        tile_ok(port, "100 pipelined requests")

        # wrk bursts (when installed).
        wrk = shutil.which("wrk")
        if wrk:
            subprocess.run([wrk, "-t2", "-c64", "-d2s", f"http://127.0.0.1:{port}/api/image/1/tiles/2/1/1.png"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
            check(proc.poll() is None, "server alive after a wrk burst")
            tile_ok(port, "a wrk burst")

        # SIGTERM: drain and exit within 5 s.
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            rc = None
        secs = time.monotonic() - t0
        check(rc == 0 and secs < 5.0, f"SIGTERM: exit 0 within 5 s (rc {rc}, {secs:.2f} s)")
    finally:
        if proc.poll() is None:
            proc.kill()


def bursts(exe, cog, n):
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk not installed: bursts skipped")
        return
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lua.write('local i = 0\nrequest = function()\n  i = i + 1\n'
              '  local z = i % 4\n  local n = 2 ^ z\n'
              '  return wrk.format("GET", "/api/image/1/tiles/" .. z .. "/" .. (i % n) .. "/" .. '
              '(math.floor(i / n) % n) .. ".png")\nend\n')
    lua.close()
    for b in range(n):
        proc, port = start_server(exe, cog)
        try:
            subprocess.run([wrk, "-t2", "-c8", "-d5s", "-s", lua.name, f"http://127.0.0.1:{port}/"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
            check(proc.poll() is None, f"burst {b + 1}/{n}: server alive")
            tile_ok(port, f"burst {b + 1}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    os.unlink(lua.name)


def main():
    exe = sys.argv[1]
    n = int(sys.argv[sys.argv.index("--bursts") + 1]) if "--bursts" in sys.argv else 0
    with tempfile.TemporaryDirectory() as d:
        cog = os.path.join(d, "cog.tif")
        make_cog(cog)
        os.environ["TESSERA_THUMBNAIL_CACHE"] = "off"
        attacks(exe, cog)
        bursts(exe, cog, n)
    print(f"{len(FAILED)} failed" if FAILED else "all checks held")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
