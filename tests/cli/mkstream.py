#!/usr/bin/env python3
"""mkstream.py SEED STYLE OUT: a page file that puts the streamed dump
(stream.c) where it can go wrong: many stories a page, so stories go out
before the page ends; jumps to and from other pages, and 上接 headings
whose headline comes from a story already gone; a page title and number
that only a late line gives; a contents box; captions, credits, photos
and tables between stories; headings inside fenced code, inside HTML
comments and <pre> blocks (no cut may fall there); form feeds; bylines,
本报讯 items with signatures. STYLE: levels (## stories, # pages),
flat (MinerU: # for every title), docling (stacked ##), txt (the seed's
own form, in a .txt file). The text is this project's own."""
import random
import sys

WORDS = ("青岚港 码头 集装箱 泊位 调度 系统 芯片 工程 试点 园区 企业 "
         "研发 订单 能源 风电 光伏 铁路 场站 社区 人才 数据 平台 市场 "
         "装备 产线 标准 检测 服务 航线 冷链").split()


def sentence(r, n=None):
    n = n or r.randint(4, 14)
    s = "".join(r.choice(WORDS) for _ in range(n))
    return s + r.choice("，。；") + "".join(r.choice(WORDS) for _ in range(3)) + "。"


def para(r, k=None):
    return "".join(sentence(r) for _ in range(k or r.randint(1, 4)))


def story(r, out, h, style, page, npages):
    title = "".join(r.choice(WORDS) for _ in range(r.randint(3, 6)))
    if style == "docling" and r.random() < 0.3:
        out += [h + " " + "".join(r.choice(WORDS) for _ in range(2)), ""]
    out += [h + " " + title, ""]
    if r.random() < 0.5:
        out += ["▶ 本报记者 " + r.choice(("林望舒", "周明", "韩立", "邓思远")), ""]
    if r.random() < 0.15:
        out += ["本报讯 " + para(r, 1) + " 姚文", ""]
        return title
    for k in range(r.randint(1, 4)):
        out += [para(r), ""]
        x = r.random()
        if x < 0.08:
            out += ["![](images/p%d.jpg)" % r.randint(0, 9), "",
                    "图为%s现场。" % r.choice(WORDS), "", "本报记者 周明 摄", ""]
        elif x < 0.12:
            out += ["| 项目 | 数量 | 占比 |", "|---|---:|---:|",
                    "| %s | %d | %d%% |" % (r.choice(WORDS), r.randint(1, 9999), r.randint(1, 99)),
                    "| %s | %d | %d%% |" % (r.choice(WORDS), r.randint(1, 9999), r.randint(1, 99)), ""]
        elif x < 0.15:
            out += ["```", "", h + " 代码里的标题不是标题", "", "  # 也不是", "```", ""]
        elif x < 0.18:
            out += ["<!-- 注释开始", "", h + " 注释里的标题", "", "注释结束 -->", ""]
        elif x < 0.20:
            out += ["<pre>", "", "# 预排文字里的标题", "", "</pre>", ""]
        elif x < 0.22:
            out += ["~~~~", "", "# 波浪线围栏", "```", "", "# 仍在围栏里", "~~~~~", ""]
        elif x < 0.25:
            out += ["图为%s一角。" % r.choice(WORDS), ""]
        elif x < 0.27:
            out += ["微信公众号", ""]
    if page < npages and r.random() < 0.2:
        out += ["（下转第%d版）" % (page + 1), ""]
    return title


def main():
    seed, style, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    r = random.Random(seed)
    h = "#" if style == "flat" else "##"
    out = ["# 青岚日报", "", "QINGLAN DAILY", "",
           "青岚日报社主办 2026年12月1日 星期二 第318期(总第9876期) 今日6版", ""]
    npages = 6
    for page in range(1, npages + 1):
        if page > 1:
            x = r.random()
            if style == "txt":
                out += ["---- 第%d版 ----" % page, ""] if x < 0.5 else [""]
            elif x < 0.4:
                out += ["{%d}------------------------------------------------" % (page - 1), ""]
            elif x < 0.7:
                # 0-based, as pymupdf4llm counts; now and then one that
                # renumbers the page at its end
                n = page - 2 if r.random() < 0.8 else page - 1
                out += ["--- end of page=%d ---" % n, ""]
            else:
                out += ["\f"]
        if style != "flat" and r.random() < 0.6:
            out += ["# 第%d版 %s" % (page, r.choice(("要闻", "经济", "科技", "社会"))), ""]
        if page > 1 and r.random() < 0.5:
            out += [h + " （上接第%d版）" % (page - 1), ""]
            if r.random() < 0.5:
                out += [para(r), ""]
        titles = []
        for k in range(r.randint(6, 24)):
            titles.append(story(r, out, h, style, page, npages))
            if k == 3 and r.random() < 0.3:
                out += ["本期导读", ""]
                for t in titles[:3]:
                    out += ["%s %02d版" % (t, r.randint(1, npages)), ""]
            if r.random() < 0.1:
                out += ["（上接第%d版）" % max(1, page - 1), ""]
        if r.random() < 0.3:
            out += ["# 第%d版 %s" % (page, r.choice(("副刊", "文化"))), ""]
        if r.random() < 0.3:
            out += ["中国高新网", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out).replace("\f\n", "\f"))


main()
