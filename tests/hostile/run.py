#!/usr/bin/env python3
"""run.py: run one command on one hostile file, measure it, judge its output.

  run.py LIMIT_S FILE -- COMMAND...

Runs COMMAND (stdin /dev/null), killing it after LIMIT_S seconds, and
prints one line:

  name=<safe name> rc=<exit status, or -signal> wall=<s> rss_kb=<peak RSS>
  timeout=<0|1> named=<0|1> dirty=<first bad thing in stdout+stderr, or ->

Peak RSS comes from wait4()'s rusage of that one child (ru_maxrss, KB).
"dirty" is ESC, BEL, another C0 but LF/TAB, DEL, a raw 0x80-0x9F byte
outside valid UTF-8, U+0080-U+009F, a bidi control (U+061C, U+200E/F,
U+202A-E, U+2066-9), or a sanitizer report. "named" says whether stderr
names the file (its base name, or a printable run of it when it holds
controls). Writes nothing but the
line above.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | \
    set(range(0x2066, 0x206A))


def dirty(data):
    """The first forbidden thing in data, or None."""
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            if b == 0x1B:
                return "ESC at byte %d" % i
            if b == 0x07:
                return "BEL at byte %d" % i
            if b < 0x20 and b not in (0x0A, 0x09):
                return "C0 0x%02x at byte %d" % (b, i)
            if b == 0x7F:
                return "DEL at byte %d" % i
            i += 1
            continue
        # Decode one UTF-8 sequence strictly.
        ln = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else \
            4 if 0xF0 <= b <= 0xF4 else 0
        seq = data[i:i + ln] if ln else b""
        try:
            ch = seq.decode("utf-8") if ln and len(seq) == ln else None
        except UnicodeDecodeError:
            ch = None
        if ch is None:
            if 0x80 <= b <= 0x9F:
                return "raw C1 byte 0x%02x at byte %d" % (b, i)
            i += 1
            continue
        cp = ord(ch)
        if 0x80 <= cp <= 0x9F:
            return "U+%04X (C1) at byte %d" % (cp, i)
        if cp in BIDI:
            return "U+%04X (bidi) at byte %d" % (cp, i)
        i += ln
    return None


def safe(name):
    """The name with anything unprintable as \\xNN (for TAP lines)."""
    out = []
    for ch in name:
        if ch.isprintable() and ord(ch) not in BIDI and not (0x80 <= ord(ch) <= 0x9F):
            out.append(ch)
        else:
            out.append("\\x%02x" % ord(ch) if ord(ch) < 0x100 else "\\u%04x" % ord(ch))
    return "".join(out).replace(" ", "_")


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.stderr.write("usage: run.py LIMIT_S FILE -- COMMAND...\n")
        return 2
    limit = float(sys.argv[1])
    path = sys.argv[2]
    cmd = sys.argv[4:]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            open(os.devnull, "rb") as devnull:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdin=devnull, stdout=out, stderr=err)
        timeout = 0
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() - t0 > limit:
                timeout = 1
                os.kill(p.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.005)
        wall = time.monotonic() - t0
        p.returncode = 0  # reaped by wait4 above; keep Popen quiet
        rc = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else \
            os.WEXITSTATUS(status)
        out.seek(0)
        err.seek(0)
        odata, edata = out.read(), err.read()
    base = os.path.basename(path)
    # A plain name must appear whole; of a name with controls in it, any
    # printable run of 4 or more (the program may drop the rest).
    runs = re.findall(r"[\x21-\x7e]+", base)
    if runs == [base]:
        named = 1 if base.encode() in edata else 0
    else:
        named = 1 if any(len(r) >= 4 and r.encode() in edata
                         for r in runs) else 0
    bad = dirty(odata + b"\n" + edata)
    # A sanitizer report is a failure even when the exit status looks clean
    # (UBSan recovers by default; ASan's own exit status is 1).
    if b"runtime error:" in edata or b"Sanitizer" in edata:
        bad = "a sanitizer report on stderr"
    print("name=%s rc=%d wall=%.3f rss_kb=%d timeout=%d named=%d dirty=%s" %
          (safe(base), rc, wall, ru.ru_maxrss, timeout, named,
           (bad or "-").replace(" ", "_")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
