#!/usr/bin/env python3
"""Turns a terminal capture (`tmux capture-pane -p -e`: text with SGR colour sequences) into an SVG picture.

Standard library only, so it runs wherever the project builds. Each cell sits on a fixed grid: text runs are
stretched to their cell count (textLength) so the columns line up whatever font the viewer has, and the
block glyphs the dashboard's bars are made of are drawn as rectangles, so bars are crisp and gapless.

    ansi_to_svg.py --columns 100 --rows 28 < capture.txt > picture.svg
"""
import argparse
import html
import re
import sys
import unicodedata

CELL_WIDTH, CELL_HEIGHT, FONT_SIZE, PADDING = 8.4, 17, 14, 10
DEFAULT_FG, DEFAULT_BG = "#d4d4d4", "#1e1e1e"
# The 16 ANSI colours, as a dark terminal theme shows them (VS Code's terminal palette).
PALETTE = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
           "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#e5e5e5"]
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
# Escapes other than SGR (which ends in "m"): cursor moves, titles, charset switches; dropped.
OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-ln-z]|\][^\x07]*\x07|[()][0-9A-Za-z])")


def color_256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (levels[n // 36], levels[n // 6 % 6], levels[n % 6])
    gray = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (gray, gray, gray)


class Style:
    def __init__(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def key(self):
        return (self.fg, self.bg, self.bold, self.dim, self.italic, self.underline, self.reverse)

    def copy(self):
        other = Style()
        other.__dict__.update(self.__dict__)
        return other

    def apply(self, params):
        codes = [int(p) if p else 0 for p in re.split("[;:]", params)] if params else [0]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code == 0:
                self.__init__()
            elif code in (1, 2, 3, 4, 7):
                setattr(self, {1: "bold", 2: "dim", 3: "italic", 4: "underline", 7: "reverse"}[code], True)
            elif code == 22:
                self.bold = self.dim = False
            elif code in (23, 24, 27):
                setattr(self, {23: "italic", 24: "underline", 27: "reverse"}[code], False)
            elif 30 <= code <= 37 or 90 <= code <= 97:
                self.fg = PALETTE[code - 30 if code < 90 else code - 82]
            elif 40 <= code <= 47 or 100 <= code <= 107:
                self.bg = PALETTE[code - 40 if code < 100 else code - 92]
            elif code == 39:
                self.fg = None
            elif code == 49:
                self.bg = None
            elif code in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    value, i = color_256(codes[i + 2]), i + 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    value, i = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]), i + 4
                else:
                    value = None
                setattr(self, "fg" if code == 38 else "bg", value)
            i += 1

    def colors(self):
        fg, bg = self.fg or DEFAULT_FG, self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = bg, fg
        return fg, bg


def cells(line):
    """(character, style, width) for each character of one captured line, escapes applied."""
    style, out, pos = Style(), [], 0
    line = OTHER_ESCAPE.sub("", line.replace("\x1b(B", ""))
    for match in SGR.finditer(line + "\x1b[m"):
        for ch in line[pos:match.start()]:
            width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            out.append((ch, style.copy(), width))
        style.apply(match.group(1))
        pos = match.end()
    return out


def left_block_eighths(ch):
    """How many eighths of a cell a left block fills (█ = 8, ▉ = 7 ... ▏ = 1), or None."""
    code = ord(ch)
    if code == 0x2588:
        return 8
    if 0x2589 <= code <= 0x258F:
        return 0x2590 - code
    return None


class Runs:
    """Rectangles along one row, in cell units; one that starts where the last one of its colour ended extends
    it, so a bar is one shape (no hairline seams between cells when the picture is scaled)."""

    def __init__(self):
        self.items = []

    def add(self, start, length, fill):
        if self.items:
            last_start, last_length, last_fill = self.items[-1]
            if last_fill == fill and abs(last_start + last_length - start) < 1e-9:
                self.items[-1] = (last_start, last_length + length, fill)
                return
        self.items.append((start, length, fill))


def render(lines, columns, rows):
    width, height = columns * CELL_WIDTH + 2 * PADDING, rows * CELL_HEIGHT + 2 * PADDING
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g">' %
           (width, height, width, height),
           '<rect width="100%%" height="100%%" rx="6" fill="%s"/>' % DEFAULT_BG,
           '<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="%d" '
           'xml:space="preserve">' % FONT_SIZE]
    for row, line in enumerate(lines[:rows]):
        y = PADDING + row * CELL_HEIGHT
        rects = Runs()  # backgrounds and block glyphs; neighbours of one colour become one rectangle
        column, run, runs = 0, None, []
        for ch, style, w in cells(line):
            fg, bg = style.colors()
            if bg != DEFAULT_BG:
                rects.add(column, w, bg)
            eighths = left_block_eighths(ch)
            if eighths is not None:
                rects.add(column, w * eighths / 8, fg)
                run = None
            elif ch != " ":
                attrs = (fg, style.bold, style.italic, style.underline, style.dim)
                if run and run["attrs"] == attrs and run["end"] == column:
                    run["text"] += ch
                    run["end"] += w
                else:
                    run = {"attrs": attrs, "start": column, "end": column + w, "text": ch}
                    runs.append(run)
            else:
                run = None
            column += w
        for start, length, fill in rects.items:
            out.append('<rect x="%g" y="%g" width="%g" height="%g" fill="%s"/>' %
                       (PADDING + start * CELL_WIDTH, y, length * CELL_WIDTH, CELL_HEIGHT, fill))
        for r in runs:
            fg, bold, italic, underline, dim = r["attrs"]
            extra = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "") + \
                    (' text-decoration="underline"' if underline else "") + (' opacity="0.6"' if dim else "")
            out.append('<text x="%g" y="%g" fill="%s" textLength="%g" lengthAdjust="spacingAndGlyphs"%s>%s</text>' %
                       (PADDING + r["start"] * CELL_WIDTH, y + CELL_HEIGHT * 0.78, fg,
                        (r["end"] - r["start"]) * CELL_WIDTH, extra, html.escape(r["text"], quote=False)))
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, required=True)
    parser.add_argument("--rows", type=int, required=True)
    args = parser.parse_args()
    text = sys.stdin.read()
    sys.stdout.write(render(text.split("\n"), args.columns, args.rows))


if __name__ == "__main__":
    main()
