# pixels.py HERALD PAGE: the pixel protocols' bytes (issue 16), read in a
# pty of 80x24 cells of 10x20 pixels, as a terminal that speaks them gets
# them; prints TAP. tmux speaks none of them, so the bytes are checked
# here, not the picture: where each photo is put (a cursor save, a CUP to
# its cell, the image, a restore), that the first screen's text comes
# before it, that a scroll puts it again one row up (cut where it leaves
# the pane), that the rows it left are written again by curses, that C-l
# and a resize put it again, that kitty's images are deleted before a new
# placement and on quit, and that auto picks a protocol only where the
# environment names a terminal that speaks it (never inside tmux).
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

HERALD, PAGE, LIB = sys.argv[1], sys.argv[2], sys.argv[3]
# a sanitizer build is slower: its quiet spells longer
with open(HERALD, "rb") as f:
    SLOW = 4.0 if b"__asan_init" in f.read() else 1.0
n = 0
failed = 0


def ok(name, cond, why=""):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond:
        failed += 1
        for line in str(why).splitlines()[:8]:
            print("# " + line)


class Term:
    def __init__(self, args, env=None, rows=24, cols=80):
        e = dict(os.environ)
        e.update({"TERM": "xterm-256color", "LC_ALL": "C.UTF-8"})
        for k in ("TMUX", "KITTY_WINDOW_ID", "TERM_PROGRAM", "NO_COLOR", "COLORTERM"):
            e.pop(k, None)
        e.update(env or {})
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, cols * 10, rows * 20))
            os.execve(HERALD, [HERALD] + args, e)
        self.out = b""

    def read(self, quiet=0.6, wait=8.0):
        """Bytes until the pty has been quiet for a while after the first
        (which may take up to wait seconds to come: a slow machine answers
        late, and a quiet spell before it ends nothing)."""
        got = b""
        last = time.time()
        end = last + 20 * SLOW
        while time.time() < end and \
                time.time() - last < (quiet if got else max(quiet, wait)) * SLOW:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    b = os.read(self.fd, 1 << 16)
                except OSError:
                    break
                if not b:
                    break
                got += b
                last = time.time()
        self.out += got
        return got

    def keys(self, k, quiet=0.6, wait=8.0):
        os.write(self.fd, k)
        return self.read(quiet, wait)

    def resize(self, rows, cols):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, cols * 10, rows * 20))
        os.kill(self.pid, 28)  # SIGWINCH
        return self.read()

    def quit(self):
        tail = self.keys(b"Q", 0.8)
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        return tail


PUT = re.compile(rb"\x1b7\x1b\[(\d+);(\d+)H(\x1bP|\x1b_G|\x1b\]1337)")


def puts(b):
    """(row, col, protocol) of each photo put in b, 1-based."""
    return [(int(m.group(1)), int(m.group(2)), m.group(3)) for m in PUT.finditer(b)]


def rows_written(b):
    """The rows curses moves to (CUP, VPA), outside the photos' bytes."""
    b = re.sub(rb"\x1bP.*?\x1b\\\\", b"", b, flags=re.S)
    return {int(m.group(1) or m.group(2)) for m in
            re.finditer(rb"\x1b\[(?:(\d+);\d+H|(\d+)d)", b)}


HEAD = "二期码头".encode()
art = ["--images=sixel", "-p", "1", "-a", "1", PAGE]

# --- sixel --------------------------------------------------------------
t = Term(art)
first = t.read(1.0)
p = puts(first)
ok("sixel: the photo put once, at its cell (row 6, column 30)", p == [(6, 30, b"\x1bP")], p)
i = first.find(b"\x1bP")
ok("... after the first screen's text", 0 <= first.find(HEAD) < i, (first.find(HEAD), i))
j = first.find(b"\x1b\\", i)
ok("... a whole DCS: P ... q ... ST, then the cursor restored",
   i >= 0 and j > i and b"q" in first[i:i + 40] and first[j + 2:j + 4] == b"\x1b8",
   first[i:i + 40])
ok("... no byte of it outside the DCS is a control but the sixel's own",
   i >= 0 and j > i and all(c >= 0x20 or c in (0x0d, 0x0a) for c in first[i + 2:j]))
b = t.keys(b"j")
p = puts(b)
ok("j: the photo put again one row up", p == [(5, 30, b"\x1bP")], p)

def scrolled(b):
    """curses scrolled a region: the terminal moves the pixels with the
    text, and those scrolled out of it are gone."""
    return re.search(rb"\x1b\[\d+;\d+r|\x1bM|\x1b\[\d*[SLMT]", b) is not None


ok("... the row it left scrolled with the text or written again",
   scrolled(b) or 13 in rows_written(b), sorted(rows_written(b)))
b = t.keys(b"jjj")
p = puts(b)
ok("jjj: put at the pane's first row, its top cut (rows of it left: fewer)",
   p and p[-1][0] == 2 and p[-1][1] == 30, p)
b = t.keys(b"\x0c", 0.8)
ok("C-l: the screen cleared, the photo put again", puts(b)[-1:] == [(2, 30, b"\x1bP")], puts(b))
b = t.keys(b"g")
ok("g: back at the top, put at row 6 again", puts(b) == [(6, 30, b"\x1bP")], puts(b))
b = t.resize(30, 80)
ok("a resize: the photo put again (30 rows: larger, so further left, still row 6)",
   len(puts(b)) >= 1 and puts(b)[-1][0] == 6 and puts(b)[-1][1] < 30, puts(b))
b = t.keys(b"i")
w = rows_written(b)
ok("i: no photo put, the rows it stood on written again or scrolled away",
   puts(b) == [] and (set(range(7, 16)) <= w or scrolled(b) or
                      re.search(rb"\x1b\[2?J", b) is not None), sorted(w))
b = t.keys(b"i")
ok("i again: put again", len(puts(b)) == 1, puts(b))
b = t.keys(b"2")
w = rows_written(b)
ok("2 (the contents): no photo put, its rows written over", puts(b) == [] and
   (set(range(7, 16)) <= w or re.search(rb"\x1b\[2?J", b) is not None), sorted(w))
b = t.keys(b"3")
ok("3 (back to the article): put again", len(puts(b)) == 1, puts(b))
t.quit()

# another issue of a library, its article without a photo: the rows the
# photo stood on written over (the cache cleared for the new issue keeps
# the places)
t = Term(["--images=sixel", LIB])
t.read(1.0)
b = t.keys(b"\r")
ok("a library's newest issue: its article's photo put", len(puts(b)) == 1, puts(b))
b = t.keys(b"u", 1.0)
w = rows_written(b)
ok("u, on into the other issue: no photo put, the rows it stood on written over",
   puts(b) == [] and b"\u7b2c\u4e8c".decode("unicode_escape").encode() in b and
   (set(range(7, 14)) <= w or re.search(rb"\x1b\[2?J", b) is not None), sorted(w))
t.quit()

# --- kitty ---------------------------------------------------------------
t = Term(["--images=kitty", "-p", "1", "-a", "1", PAGE])
first = t.read(1.0)
ok("kitty: the photo put at row 6, column 30", puts(first) == [(6, 30, b"\x1b_G")], puts(first))
ok("... its placements deleted before it (an image layer of its own)",
   0 <= first.find(b"\x1b_Ga=d,d=") < first.find(b"\x1b7\x1b[6;30H"))
ok("... sent once with an id, not shown, answers off (a=t,i=1,q=2)",
   b"\x1b_Ga=t,i=1,q=2," in first)
ok("... then placed whole (a=p,i=1, a crop from y=0)", b"a=p,i=1,x=0,y=0," in first)
b = t.keys(b"g", wait=0.6)  # nothing may come: no first byte to wait for
ok("g: nothing moved, nothing sent", puts(b) == [], puts(b))
b = t.keys(b"j")
ok("j: its placements deleted, then placed one row up by its id, not sent again",
   b.find(b"\x1b_Ga=d,d=") >= 0 and puts(b) == [(5, 30, b"\x1b_G")] and
   b"a=p,i=1," in b and b"a=t," not in b and len(b) < 2000, (puts(b), len(b)))
b = t.keys(b"jjjj")
m = re.findall(rb"a=p,i=1,x=0,y=(\d+),", b)
ok("jjjj: cut by the pane's top: the same image placed cropped (y > 0), not sent again",
   m and int(m[-1]) > 0 and b"a=t," not in b and puts(b)[-1][0] == 2, (m, puts(b)))
tail = t.quit()
d, leave = tail.find(b"\x1b_Ga=d,d=A"), tail.find(b"\x1b[?1049l")
ok("quit: kitty's images deleted before the screen is left", 0 <= d and (leave < 0 or d < leave),
   (d, leave))

# --- iTerm2 -------------------------------------------------------------
t = Term(["--images=iterm", "-p", "1", "-a", "1", PAGE])
first = t.read(1.0)
ok("iterm: the photo put as an OSC 1337 inline image at row 6",
   puts(first) == [(6, 30, b"\x1b]1337")], puts(first))
t.quit()

# --- auto ---------------------------------------------------------------
auto = ["-p", "1", "-a", "1", PAGE]
for name, env, want in (
        ("auto, KITTY_WINDOW_ID set: kitty", {"KITTY_WINDOW_ID": "1"}, b"\x1b_G"),
        ("auto, TERM_PROGRAM=iTerm.app: iTerm2", {"TERM_PROGRAM": "iTerm.app"}, b"\x1b]1337"),
        ("auto, TERM=mlterm: sixel", {"TERM": "mlterm"}, b"\x1bP"),
        ("auto, xterm-256color alone: symbols, no pixels", {}, None),
        ("auto, kitty inside tmux: symbols (tmux passes no pixels)",
         {"KITTY_WINDOW_ID": "1", "TMUX": "/tmp/x,1,0"}, None),
        ("auto, kitty with NO_COLOR: symbols, no colour",
         {"KITTY_WINDOW_ID": "1", "NO_COLOR": "1"}, None)):
    t = Term(auto, env)
    first = t.read(1.0)
    p = puts(first)
    if want is None:
        ok(name, p == [] and re.search(rb"\xe2\x96[\x80-\x9f]", first) is not None, p)
    else:
        ok(name, [x[2] for x in p] == [want], p)
    t.quit()

print("1..%d" % n)
sys.exit(1 if failed else 0)
