# cells.py TEXT [FROM]: reads a screen as tmux capture-pane -e -p prints
# it (SGR sequences before the cells they change, the state carried from
# row to row) and prints "fg=C bg=C" of the first cell of the first
# occurrence of TEXT on a row >= FROM (0-based); C is "default" or a
# colour number 0..255; with a third argument "attrs", also " attrs=1,4"
# (the other SGR parameters in force, sorted). Exit 1 when TEXT is not on
# the screen.
import sys, re
text = sys.argv[1]; first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
want_attrs = len(sys.argv) > 3 and sys.argv[3] == "attrs"
fg = "default"; bg = "default"; attrs = set()
for n, line in enumerate(sys.stdin.read().split("\n")):
    cells = []
    i = 0
    while i < len(line):
        m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
        if m:
            ps = [int(p) if p else 0 for p in m.group(1).split(";")]
            j = 0
            while j < len(ps):
                p = ps[j]
                if p == 0: fg = bg = "default"; attrs = set()
                elif 30 <= p <= 37: fg = str(p - 30)
                elif 90 <= p <= 97: fg = str(p - 90 + 8)
                elif p == 39: fg = "default"
                elif 40 <= p <= 47: bg = str(p - 40)
                elif p == 49: bg = "default"
                elif p in (38, 48) and j + 2 < len(ps) and ps[j + 1] == 5:
                    if p == 38: fg = str(ps[j + 2])
                    else: bg = str(ps[j + 2])
                    j += 2
                else: attrs.add(p)
                j += 1
            i += m.end(); continue
        cells.append((line[i], fg, bg, ",".join(str(a) for a in sorted(attrs)))); i += 1
    if n < first: continue
    s = "".join(c[0] for c in cells)
    k = s.find(text)
    if k >= 0:
        print("fg=%s bg=%s" % (cells[k][1], cells[k][2]) +
              (" attrs=%s" % cells[k][3] if want_attrs else "")); sys.exit(0)
print("not on the screen: " + text); sys.exit(1)
