#!/usr/bin/env python3
"""textcheck.py: independent checks of herald-tui's plain-text output.

  textcheck.py widths MAX [--wide] < dump     every line fits in MAX columns
  textcheck.py clean < dump                   no control characters at all
  textcheck.py kinsoku < dump                 no line starts with a closing
                                              mark or ends with an opening one
  textcheck.py lossless SOURCE < dump         every character of SOURCE's text
                                              appears in the dump, in order
  textcheck.py sweep HERALD SOURCE LO HI      --dump SOURCE at every width
                                              LO..HI in both ambiguous modes:
                                              widths, kinsoku, clean, lossless

Widths come from Python's unicodedata, not from herald-tui, so a bug in
herald-tui's width function cannot hide itself.
"""
import re
import sys
import unicodedata

NOT_START = set("、。，．：；！？）〕］｝〉》」』】〗〙〟”’｣")
NOT_END = set("（〔［｛〈《「『【〖〘〝“‘｢")


def width(s, wide):
    w = 0
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Cf") or ch == "\u200b":
            continue
        eaw = unicodedata.east_asian_width(ch)
        if eaw in ("W", "F") or (wide and eaw == "A"):
            w += 2
        else:
            w += 1
    return w


def lines():
    data = sys.stdin.buffer.read()
    text = data.decode("utf-8")  # raises on invalid UTF-8: a failure
    return text.split("\n")


def cmd_widths(args):
    limit = int(args[0])
    wide = "--wide" in args
    bad = 0
    for i, line in enumerate(lines(), 1):
        w = width(line, wide)
        if w > limit:
            print("line %d is %d columns (max %d): %s" % (i, w, limit, line))
            bad += 1
    return 1 if bad else 0


def cmd_clean(args):
    data = sys.stdin.buffer.read()
    text = data.decode("utf-8")
    bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F
           or c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
    if bad:
        print("control characters in output: %r" % sorted(set(bad))[:10])
        return 1
    return 0


def cmd_kinsoku(args):
    bad = 0
    for i, line in enumerate(lines(), 1):
        s = line.strip()
        if len(s) <= 1:
            continue
        if s[0] in NOT_START or s[-1] in NOT_END:
            print("line %d breaks the kinsoku rules: %s" % (i, line))
            bad += 1
    return 1 if bad else 0


FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def content(text):
    """The characters a reader must see: Markdown syntax and spaces out,
    ASCII punctuation folded to the full-width forms herald-tui may use."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"^\s{0,3}[-*+]\s+", "", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        for ch in line:
            if ch.isspace() or ch == "\u3000":
                continue
            out.append(FULL.get(ch, ch))
    return out


def cmd_lossless(args):
    src = content(open(args[0], encoding="utf-8").read())
    dump = content(sys.stdin.read())
    j = 0
    for i, ch in enumerate(src):
        while j < len(dump) and dump[j] != ch:
            j += 1
        if j == len(dump):
            ctx = "".join(src[max(0, i - 10):i + 10])
            print("lost or out of order: %r at source char %d (near %s)" % (ch, i, ctx))
            return 1
        j += 1
    # Nothing duplicated: no stretch of the source shows up more often in
    # the dump than in the source.
    s, d = "".join(src), "".join(dump)
    for i in range(0, max(0, len(s) - 12), 37):
        snip = s[i:i + 12]
        if d.count(snip) > s.count(snip):
            print("duplicated in the dump: %s" % snip)
            return 1
    return 0


def check_text(text, limit, wide, src):
    """Faults of one dump: a list of strings, empty when it is right."""
    faults = []
    for i, line in enumerate(text.split("\n"), 1):
        if width(line, wide) > limit:
            faults.append("line %d too wide: %s" % (i, line))
        s = line.strip()
        if len(s) > 1 and (s[0] in NOT_START or s[-1] in NOT_END):
            faults.append("line %d breaks kinsoku: %s" % (i, line))
    bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    if bad:
        faults.append("control characters: %r" % sorted(set(bad))[:5])
    dump = content(text)
    j = 0
    for i, ch in enumerate(src):
        while j < len(dump) and dump[j] != ch:
            j += 1
        if j == len(dump):
            faults.append("lost: %r near %s" % (ch, "".join(src[max(0, i - 8):i + 8])))
            break
        j += 1
    return faults


def cmd_sweep(args):
    import subprocess
    herald, source, lo, hi = args[0], args[1], int(args[2]), int(args[3])
    src = content(open(source, encoding="utf-8").read())
    runs = faults = 0
    for amb in ("narrow", "wide"):
        for w in range(lo, hi + 1):
            out = subprocess.run([herald, "--dump", "--width", str(w),
                                  "--ambiguous=" + amb, source],
                                 stdout=subprocess.PIPE, check=True).stdout
            f = check_text(out.decode("utf-8"), w, amb == "wide", src)
            runs += 1
            for msg in f[:3]:
                print("width %d %s: %s" % (w, amb, msg))
            faults += len(f)
    print("%d dumps, %d faults" % (runs, faults))
    return 1 if faults else 0


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    return {"widths": cmd_widths, "clean": cmd_clean, "kinsoku": cmd_kinsoku,
            "lossless": cmd_lossless, "sweep": cmd_sweep}[cmd](args)


if __name__ == "__main__":
    sys.exit(main())
