#!/usr/bin/env python3
"""phrases.py FILE...: one phrase from every line of text of a converter's
page, for converters.sh to look for on the panes. Markup (#, **, - , >,
<tags>, ![](…)) and page separators are dropped; a -layout line is cut
into its columns at runs of 3+ spaces. The phrase is the middle four
characters of the line's longest run of Chinese characters (all of it
when shorter, at least two), else its longest Latin word of 4+ letters.
Lines with neither (a bare page number) give none."""
import re
import sys


def cjk(c):
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def phrase(seg):
    runs, cur = [], ""
    for c in seg:
        if cjk(c):
            cur += c
        else:
            if cur:
                runs.append(cur)
            cur = ""
    if cur:
        runs.append(cur)
    if runs:
        r = max(runs, key=len)
        if len(r) >= 2:
            if len(r) <= 4:
                return r
            m = len(r) // 2 - 2
            return r[m:m + 4]
    words = re.findall(r"[A-Za-z]{4,}", seg)
    return max(words, key=len) if words else None


def main():
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        for line in re.split(r"[\n\f]", text):
            if re.match(r"^\s*(\{\d+\}-+|-+ end of page=\d+ -+)\s*$", line):
                continue
            line = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", line)
            line = re.sub(r"<[^>]*>", " ", line)
            line = re.sub(r"^\s*(#+|[-*>]|\d+\.)\s+", "", line)
            line = line.replace("**", "")
            for seg in re.split(r" {3,}", line):
                p = phrase(seg)
                if p:
                    print(p)


if __name__ == "__main__":
    sys.exit(main())
