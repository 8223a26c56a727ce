#!/usr/bin/env python3
"""Reads a PNG with the standard library only and prints what a screenshot test needs.

usage: png-stats.py FILE.png [--crop X Y W H OUT.png]

Prints one JSON object: width, height, distinct colours, the share of pixels that are not
the most common colour (0 for a blank page), and how many pixels are dark (text and lines).
With --crop, also writes that rectangle to OUT.png (for a person to look at).
"""
import json
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def write_png(path, width, height, channels, rows):
    colour = {3: 2, 4: 6, 1: 0, 2: 4}[channels]
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def main():
    path = sys.argv[1]
    width, height, channels, rows = read_png(path)
    counts = {}
    dark = 0
    for row in rows:
        for x in range(0, len(row), channels):
            px = row[x:x + channels]
            counts[px] = counts.get(px, 0) + 1
            if channels >= 3 and px[0] < 96 and px[1] < 96 and px[2] < 96:
                dark += 1
    total = width * height
    common = max(counts.values())
    print(json.dumps({"width": width, "height": height, "colours": len(counts),
                      "not_background": round(1 - common / total, 4), "dark_pixels": dark}))
    if len(sys.argv) > 2 and sys.argv[2] == "--crop":
        x, y, w, h = (int(v) for v in sys.argv[3:7])
        out = [row[x * channels:(x + w) * channels] for row in rows[y:y + h]]
        write_png(sys.argv[7], w, len(out), channels, out)


if __name__ == "__main__":
    main()
