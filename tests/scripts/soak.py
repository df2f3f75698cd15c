#!/usr/bin/env python3
"""Soak benchmark: `wrk` over mixed routes against one `tessera serve` for SOAK_SECONDS (default
600). Prints requests/s, p50/p99 latency, the non-2xx count and the server's RSS after warm-up
and at the end; fails (exit 1) when any answer was not 2xx/3xx, the server died, or RSS grew by
5 % or more. Also prints cached-tile and uncached styled-tile throughput with `wrk -t2 -c64`.

usage: soak.py TESSERA_EXE
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from serve_hostile import make_cog, start_server  # noqa: E402

MIXED = r'''
local paths = {
  "/api/image/1/tiles/0/0/0.png", "/api/image/1/tiles/3/2/5.png", "/api/image/1/tiles/metadata",
  "/api/image/1/info/metadata", "/api/image/1/data/thumbnail.png?max_width=256",
  "/api/image/1/data/pixel?left=100&top=200", "/api/image/1/data/histogram?bins=64",
  "/api/image/1/tiles/4/3/3.png?projection=EPSG:3857", "/api/large-image/sources",
}
local i = 0
request = function()
  i = i + 1
  if i % 10 == 0 then
    local s = string.format("%%7B%%22band%%22%%3A1%%2C%%22min%%22%%3A%d%%2C%%22max%%22%%3A8000%%2C%%22palette%%22%%3A%%22viridis%%22%%7D", i % 1000)
    return wrk.format("GET", "/api/image/1/tiles/2/" .. (i % 4) .. "/" .. (i % 3) .. ".png?style=" .. s)
  end
  return wrk.format("GET", paths[(i % #paths) + 1])
end
'''

UNCACHED = r'''
local i = 0
request = function()
  i = i + 1
  local z = 1 + (i % 3)
  local n = 2 ^ z
  local s = string.format("%%7B%%22band%%22%%3A1%%2C%%22min%%22%%3A0%%2C%%22max%%22%%3A%d%%2C%%22palette%%22%%3A%%22viridis%%22%%7D", 7000 + i)
  return wrk.format("GET", "/api/image/1/tiles/" .. z .. "/" .. (i % n) .. "/" .. (math.floor(i / n) % n) .. ".png?style=" .. s)
end
'''


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wrk(args, script=None):
    cmd = ["wrk", "--latency"] + args
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def lat(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    return rps, lat("50"), lat("99"), int(m.group(1)) if m else 0, errors.group(0) if errors else ""


def main():
    if not shutil.which("wrk"):
        print("SKIP: wrk is not installed")
        return 0
    exe = sys.argv[1]
    seconds = int(os.environ.get("SOAK_SECONDS", "600"))
    with tempfile.TemporaryDirectory() as d:
        cog = os.path.join(d, "cog.tif")
        make_cog(cog)
        os.environ["TESSERA_THUMBNAIL_CACHE"] = "off"
        mixed = os.path.join(d, "mixed.lua")
        open(mixed, "w").write(MIXED)
        uncached = os.path.join(d, "uncached.lua")
        open(uncached, "w").write(UNCACHED)
        proc, port = start_server(exe, cog)
        base = f"http://127.0.0.1:{port}"
        try:
            rps, p50, p99, bad, err = wrk(["-t2", "-c64", "-d10s", base + "/api/image/1/tiles/2/1/1.png"])
            print(f"cached tile       : {rps:9.0f} req/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms  non-2xx {bad} {err}")
            rps, p50, p99, bad, err = wrk(["-t2", "-c64", "-d10s", base + "/"], uncached)
            print(f"uncached viridis  : {rps:9.0f} req/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms  non-2xx {bad} {err}")
            wrk(["-t2", "-c32", "-d20s", base + "/"], mixed)  # warm-up: caches fill
            start = rss_kib(proc.pid)
            rps, p50, p99, bad, err = wrk(["-t2", "-c32", f"-d{seconds}s", "--timeout", "10s", base + "/"], mixed)
            end = rss_kib(proc.pid)
            alive = proc.poll() is None
            growth = (end - start) / start * 100 if start else 0
            print(f"soak {seconds} s mixed: {rps:9.0f} req/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms  "
                  f"non-2xx {bad} {err}")
            print(f"RSS after warm-up {start / 1024:.1f} MiB, at end {end / 1024:.1f} MiB "
                  f"(growth {growth:+.2f} %), server alive: {alive}")
            ok = alive and bad == 0 and growth < 5.0
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print("soak: ok" if ok else "soak: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
