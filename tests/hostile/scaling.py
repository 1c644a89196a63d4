#!/usr/bin/env python3
"""scaling.py: one adversarial-scaling input (deterministic).

  scaling.py SHAPE N FILE    write shape SHAPE at size N into FILE
  scaling.py --list          print the shapes, one a line: name N needle

Each shape grows one thing that a quadratic loop once grew with (issue
20): tests/hostile/scaling.sh runs each at N and 4N under callgrind and
wants the instructions to grow about 4x. N is chosen so that one run at
4N is a few tens of millions of instructions: quadratic shapes show at
that size, and the whole test stays well under a minute. The search shape
is no issue but a text for tests/hostile/search-lines, which searches it
for the needle given.
"""
import sys

ART = "## 标题\n\n▶ 本报记者 李明\n\n"

# name: (N, needle or "", what it is)
SHAPES = {
    "unterminated": (500, "", "paragraphs with no closing punctuation, "
                     "each joined to the one before (column breaks)"),
    "bylines": (2000, "", "a run of byline paragraphs at an article's start"),
    "jump-headings": (2000, "", "a run of 上接 jump lines set as headings"),
    "jump-lines": (2000, "", "a run of 上接 jump paragraphs"),
    "subheads": (2000, "", "a run of subheads at an article's start"),
    "paragraph": (20000, "", "one paragraph of ASCII words"),
    "paragraph-cjk": (10000, "", "one paragraph of Chinese text"),
    "long-line": (20000, "", "one line with no break opportunity"),
    "nested-list": (20000, "", "a list nested N deep on one line"),
    "nested-quote": (20000, "", "a quote nested N deep on one line"),
    "soft-lines": (5000, "", "one paragraph of N short lines"),
    "pages": (500, "", "N pages (page separators), an article each"),
    "articles": (500, "", "N articles with a byline and text"),
    "search": (5000, "中文", "search highlighting of one long paragraph"),
}


def text(shape, n):
    if shape == "unterminated":
        return ART + "".join("第%d段文字没有句号所以会和下一段连接起来直到永远的\n\n" % i
                             for i in range(n))
    if shape == "bylines":
        return "## 标题\n\n" + "▶ 本报记者 李\n\n" * n + "正文。\n"
    if shape == "jump-headings":
        return "## 标题\n\n" + "### （上接第1版）\n\n" * n + "正文。\n"
    if shape == "jump-lines":
        return "## 标题\n\n" + "（上接第1版）\n\n" * n + "正文。\n"
    if shape == "subheads":
        return "## 标题\n\n" + "### 小标题\n\n" * n + "正文。\n"
    if shape == "paragraph":
        return ART + "abcdefg " * n + "\n"
    if shape == "paragraph-cjk":
        return ART + "中文字符排版测试，" * n + "\n"
    if shape == "long-line":
        return ART + "ab12" * (2 * n) + "\n"
    if shape == "nested-list":
        return ART + "- " * n + "项\n"
    if shape == "nested-quote":
        return ART + "> " * n + "深\n"
    if shape == "soft-lines":
        return ART + "中文字符测试\n" * n + "\n"
    if shape == "pages":
        return "".join("--- end of page=%d ---\n\n## 文%d\n\n正文。\n\n" % (i, i)
                       for i in range(n))
    if shape == "articles":
        return "".join("## 文%d\n\n▶ 本报记者 李\n\n正文。\n\n" % i
                       for i in range(n))
    if shape == "search":
        return "这是中文段落，" * n
    raise KeyError(shape)


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        for name, (n, needle, _) in SHAPES.items():
            print(name, n, needle or "-")
        return 0
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.stderr.write("usage: scaling.py SHAPE N FILE | --list\n")
        return 2
    with open(sys.argv[3], "wb") as fh:
        fh.write(text(sys.argv[1], int(sys.argv[2])).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
