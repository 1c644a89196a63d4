#!/usr/bin/env python3
# gen.py: deterministic generator of large benchmark inputs for herald-tui,
# written in the conventions of a converted Chinese newspaper page (masthead,
# publication line, ## headlines, ▶ bylines, ### subheads, ▼▼/▲▲ jumps,
# captions and credits, 本报讯 short news with a signature, ### 本期导读,
# ASCII commas between Chinese, paragraphs cut by a column break).
#
# It must never write into the source tree and never depend on anything
# random at run time: the same seed gives the same bytes on every machine.
# The vocabulary below is written for this project; no text is copied.
#
# Usage: gen.py [--seed N] [--quick] [OUTDIR]   (default OUTDIR: ./bench-data)
# Writes:
#   OUTDIR/issue24/01.md … 24.md, issue.ini   a 24-page issue (~200 KB)
#   OUTDIR/big.md, big.html                   one 10 MB page, and as HTML
#   OUTDIR/big-1m.md, big-2m.md               1 MB / 2 MB pages (callgrind)
#   OUTDIR/library/YYYY-MM-DD/…               1000 small issues (2–4 pages)
#   OUTDIR/manifest.json                      what was written, and where the
#                                             longest article is
import argparse
import datetime
import html
import json
import os
import random
import sys
import zlib

# --- vocabulary (original) -------------------------------------------------

NOUNS = """
科技 创新 产业 企业 市场 技术 平台 项目 园区 人才 资金 数据 算力 模型
芯片 材料 装备 能源 电池 储能 氢能 光伏 风电 电网 港口 物流 航运 铁路
农业 种业 粮食 乡村 城市 社区 医院 学校 高校 院所 实验室 团队 工程师
标准 专利 成果 产品 服务 方案 路线 链条 集群 生态 体系 机制 政策 规划
试点 示范 基地 中心 网络 终端 应用 场景 需求 供给 投资 融资 基金 贷款
订单 出口 消费 品牌 质量 效率 成本 效益 规模 速度 水平 能力 优势 短板
环节 领域 行业 赛道 窗口 机遇 挑战 风险 安全 韧性 活力 潜力 动能 格局
卫星 火箭 无人机 机器人 传感器 软件 系统 算法 接口 协议 云端 边缘 节点
工厂 车间 产线 设备 仪器 样机 部件 模组 整机 车辆 船舶 飞机 低空 海洋
""".split()

VERBS = """
推动 加快 促进 支持 引导 鼓励 培育 建设 打造 完善 优化 提升 强化 深化
拓展 布局 突破 攻关 验证 转化 落地 推广 应用 集聚 联动 协同 赋能 带动
发布 启动 签约 投产 开放 共享 对接 服务 保障 监测 评估 部署 实施 探索
形成 构建 发挥 释放 激发 壮大 延伸 贯通 融合 迭代 升级 改造 整合 孵化
""".split()

ADJS = """
高质量 新型 关键 核心 重大 综合性 系统化 数字化 智能化 绿色 低碳 安全
高效 精准 稳定 可靠 开放 共享 领先 前沿 基础 公共 区域性 全链条 规模化
""".split()

ADVS = """
进一步 持续 不断 加快 全面 稳步 有序 积极 切实 深入 率先 首次 同步
""".split()

CONNECT = """
同时 此外 其中 目前 近年来 据介绍 据了解 与此同时 下一步 截至目前 总体来看
""".split()

PLACES = """
北京 上海 深圳 杭州 合肥 成都 重庆 武汉 西安 苏州 宁波 厦门 青岛 长沙
南京 天津 郑州 济南 昆明 南宁 贵阳 兰州 太原 沈阳 长春 哈尔滨 福州 海口
""".split()

ORGS = """
国家高新区 科技企业孵化器 新型研发机构 产业创新中心 技术转移中心
工业和信息化部门 科技管理部门 行业协会 产业联盟 创新联合体 投资机构
""".split()

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭"
GIVEN = "文华明军伟芳丽强磊洋勇艳杰娟涛超秀霞平刚桂英建敏静宁波丹晨宇浩然欣悦"

LATIN = """
AI 5G 6G IoT GPU CPU SaaS API eVTOL OLED LiDAR RISC-V Wi-Fi EDA IPO R&D
cloud edge open-source benchmark roadmap pilot startup
""".split()

UNITS = ["万家", "亿元", "万元", "个", "项", "家", "倍", "吨", "千瓦时", "万台", "公里"]

PAGE_NAMES = """
要闻 综合 区域经济 园区 科技金融 人物 产业观察 新材料 新能源 数字经济
智能制造 低空经济 生物医药 国际 评论 成果转化 孵化服务 企业 专题 科普
""".split()

FURNITURE = ["微信公众号", "星河科技网", "扫码阅读电子版", "责任编辑 {}", "版式设计 {}"]


class Gen:
	def __init__(self, seed):
		self.r = random.Random(seed)

	# --- small pieces ------------------------------------------------------

	def name(self):
		r = self.r
		return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

	def number(self):
		r = self.r
		k = r.random()
		if k < 0.25:
			return "%d%s" % (r.randint(2, 999), r.choice(UNITS))
		if k < 0.45:
			return "%d.%d%%" % (r.randint(0, 99), r.randint(0, 9))
		if k < 0.6:
			return "%d年" % r.randint(2015, 2030)
		if k < 0.75:
			return "%d月%d日" % (r.randint(1, 12), r.randint(1, 28))
		if k < 0.85:
			return "%d.%d%s" % (r.randint(1, 99), r.randint(1, 99), r.choice(UNITS))
		# ASCII thousands separator: the digits must keep their comma
		return "%d,%03d%s" % (r.randint(1, 99), r.randint(0, 999), r.choice(UNITS))

	def phrase(self):
		r = self.r
		k = r.random()
		if k < 0.30:
			return r.choice(VERBS) + r.choice(ADJS) + r.choice(NOUNS)
		if k < 0.50:
			return r.choice(NOUNS) + r.choice(NOUNS)
		if k < 0.60:
			return r.choice(ADVS) + r.choice(VERBS) + r.choice(NOUNS) + r.choice(NOUNS)
		if k < 0.68:
			return r.choice(PLACES) + r.choice(ORGS)
		if k < 0.78:
			return self.number()
		if k < 0.84:
			# Latin mixed in, with spaces as converters leave them
			return r.choice(NOUNS) + " " + r.choice(LATIN) + " " + r.choice(NOUNS)
		if k < 0.90:
			return "“" + r.choice(NOUNS) + r.choice(VERBS) + r.choice(NOUNS) + "”"
		if k < 0.94:
			return "《关于" + r.choice(VERBS) + r.choice(NOUNS) + r.choice(NOUNS) + "的意见》"
		return r.choice(VERBS) + r.choice(NOUNS) + "、" + r.choice(NOUNS) + "和" + r.choice(NOUNS)

	def clause(self):
		r = self.r
		s = "".join(self.phrase() for _ in range(r.randint(1, 3)))
		if r.random() < 0.15:
			s = r.choice(CONNECT) + "," + s
		return s

	def sentence(self):
		r = self.r
		parts = [self.clause() for _ in range(r.randint(1, 4))]
		out = parts[0]
		for p in parts[1:]:
			k = r.random()
			# converters leave ASCII punctuation between Chinese characters
			sep = "," if k < 0.75 else ("，" if k < 0.85 else (";" if k < 0.93 else ":"))
			out += sep + p
		k = r.random()
		end = "。" if k < 0.9 else ("!" if k < 0.95 else "?")
		if r.random() < 0.1 and "“" not in out:	# quotes never nest
			return "“" + out + "。”" + self.name() + "说。"
		if r.random() < 0.05:
			out += "(以下简称“" + r.choice(NOUNS) + "”)"
		return out + end

	def paragraph(self, lo=2, hi=6):
		return "".join(self.sentence() for _ in range(self.r.randint(lo, hi)))

	def headline(self):
		r = self.r
		k = r.random()
		if k < 0.3:
			return r.choice(PLACES) + r.choice(VERBS) + r.choice(ADJS) + r.choice(NOUNS) + r.choice(NOUNS)
		if k < 0.5:
			return "“" + r.choice(NOUNS) + r.choice(NOUNS) + "”" + r.choice(VERBS) + r.choice(NOUNS) + "新路径"
		if k < 0.7:
			return r.choice(NOUNS) + r.choice(NOUNS) + "超" + self.number()
		if k < 0.85:
			return r.choice(VERBS) + r.choice(NOUNS) + r.choice(NOUNS) + " " + r.choice(VERBS) + r.choice(ADJS) + r.choice(NOUNS)
		return r.choice(NOUNS) + r.choice(LATIN) + r.choice(VERBS) + r.choice(NOUNS) + r.choice(NOUNS)

	def body(self, nparas, out):
		"""Paragraphs, some cut by a column break (a blank line mid-sentence)."""
		r = self.r
		for _ in range(nparas):
			p = self.paragraph()
			if r.random() < 0.1 and len(p) > 40:
				# cut mid-sentence, sometimes just before an opening quote
				cut = r.randint(len(p) // 3, 2 * len(p) // 3)
				q = p.find("“", cut)
				if q > 0 and r.random() < 0.5:
					cut = q
				while cut < len(p) and p[cut] in "，,。;:!?、”)":
					cut += 1
				if 0 < cut < len(p):
					out.append(p[:cut])
					out.append("")
					p = p[cut:]
			out.append(p)
			out.append("")
			if r.random() < 0.03:
				out.append(" ")	# a blank line that is not empty, as in the seed
				out.append("")

	# --- larger pieces -----------------------------------------------------

	def article(self, out, jump_to=0, jump_from=0, headline=None, nparas=None):
		r = self.r
		h = headline or self.headline()
		out.append("## " + h)
		out.append("")
		if jump_from:
			out.append("▲▲ 上接第%d版" % jump_from)
			out.append("")
		elif r.random() < 0.7:
			who = "本报记者 " + self.name() if r.random() < 0.7 else \
				"本报记者 %s 通讯员 %s" % (self.name(), self.name())
			out.append("▶ " + who)
			out.append("")
		n = nparas if nparas is not None else r.randint(3, 9)
		while n > 0:
			k = min(n, r.randint(2, 5))
			self.body(k, out)
			n -= k
			if n > 0 and r.random() < 0.5:
				out.append("### " + r.choice(NOUNS) + r.choice(VERBS) + r.choice(ADJS) + r.choice(NOUNS))
				out.append("")
		if jump_to:
			out.append("▼▼ 下转第%d版" % jump_to)
			out.append("")
		return h

	def short_news(self, out):
		r = self.r
		h = self.headline()
		out.append("## " + h)
		out.append("")
		n = r.randint(1, 3)
		for i in range(n):
			p = self.paragraph(2, 4)
			if i == 0:
				p = "本报讯 " + p
			if i == n - 1:
				p += " " + self.name()
			out.append(p)
			out.append("")
		return h

	def caption(self, out):
		r = self.r
		out.append(self.number() + "," + self.paragraph(1, 2) + "图为" + r.choice(NOUNS) + r.choice(VERBS) + "现场。")
		out.append("")
		if r.random() < 0.5:
			out.append("新华社发  ")
			out.append("(%s/摄)" % self.name())
		else:
			out.append("本报记者 %s 摄" % self.name())
		out.append("")

	def contents(self, out, pages):
		r = self.r
		out.append("### 本期导读")
		out.append("")
		for p in sorted(r.sample(pages, min(len(pages), r.randint(4, 8)))):
			out.append("- %s %02d版" % (self.headline(), p))
		out.append("")

	def furniture(self, out):
		for f in self.r.sample(FURNITURE, 2):
			out.append("")
			out.append(f.format(self.name()) if "{}" in f else f)
			out.append("")

	def masthead(self, out, date, number, pages):
		wd = "一二三四五六日"[date.weekday()]
		out.append("# 星河科技导报")
		out.append("")
		out.append("XINGHE SCIENCE AND TECHNOLOGY HERALD")
		out.append("")
		out.append("星河科学技术协会主管 星河日报社主办 国内统一连续出版物号CN 99—0001 "
			   "邮发代号9—999 %d年%d月%d日 星期%s 第%d期(总第%d期) 今日%d版"
			   % (date.year, date.month, date.day, wd, number, number + 2600, pages))
		out.append("")

	def page(self, out, number, npages, budget, jumps_out, jumps_in):
		"""Fill one page up to about budget bytes. Returns headlines."""
		r = self.r
		heads = []
		start = size_of(out)
		for (h, src) in jumps_in:
			heads.append(self.article(out, jump_from=src, headline=h))
		first = True
		while size_of(out) - start < budget:
			k = r.random()
			if first and jumps_out:
				pass
			elif k < 0.2:
				heads.append(self.short_news(out))
				continue
			elif k < 0.3:
				self.caption(out)
				continue
			to = 0
			if jumps_out and (first or r.random() < 0.4):
				to = jumps_out.pop(0)
			h = self.article(out, jump_to=to)
			heads.append(h)
			if to:
				jumps_in_by_page.setdefault(to, []).append((h, number))
			first = False
		if number == 1 and npages > 1:
			self.contents(out, list(range(2, npages + 1)))
		self.furniture(out)
		return heads


jumps_in_by_page = {}


class Out(list):
	"""Lines with a running byte count, so filling 10 MB stays linear."""

	def __init__(self, *a):
		super().__init__(*a)
		self.bytes = sum(len(x.encode("utf-8")) + 1 for x in self)

	def append(self, x):
		self.bytes += len(x.encode("utf-8")) + 1
		super().append(x)


def size_of(lines):
	return lines.bytes


def write(path, lines):
	data = "\n".join(lines).rstrip("\n") + "\n"
	with open(path, "w", encoding="utf-8") as f:
		f.write(data)
	return len(data.encode("utf-8"))


def to_html(md_lines):
	out = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>bench</title></head><body>']
	for ln in md_lines:
		s = ln.strip()
		if not s:
			continue
		if s.startswith("### "):
			out.append("<h3>" + html.escape(s[4:]) + "</h3>")
		elif s.startswith("## "):
			out.append("<h2>" + html.escape(s[3:]) + "</h2>")
		elif s.startswith("# "):
			out.append("<h1>" + html.escape(s[2:]) + "</h1>")
		elif s.startswith("- "):
			out.append("<p>" + html.escape(s[2:]) + "</p>")
		else:
			out.append("<p>" + html.escape(s) + "</p>")
	out.append("</body></html>")
	return out


def gen_issue(g, outdir, npages, total, date, number, longest=None):
	"""An issue directory. longest = (page, paragraphs) puts one long feature
	first on that page. Returns (bytes, {page: [headlines]})."""
	os.makedirs(outdir, exist_ok=True)
	jumps_in_by_page.clear()
	heads = {}
	size = 0
	per_page = total // npages
	for p in range(1, npages + 1):
		out = Out()
		if p == 1:
			g.masthead(out, date, number, npages)
		else:
			out.append("# 第%02d版 %s" % (p, g.r.choice(PAGE_NAMES)))
			out.append("")
		jumps_out = []
		if p == 1 and npages > 1:
			jumps_out = sorted(g.r.sample(range(2, npages + 1), min(npages - 1, 3)))
		elif p < npages and g.r.random() < 0.3:
			jumps_out = [g.r.randint(p + 1, npages)]
		jin = jumps_in_by_page.pop(p, [])
		hs = []
		budget = per_page
		if longest and longest[0] == p:
			hs.append(g.article(out, nparas=longest[1]))
			budget = 0
		hs += g.page(out, p, npages, budget, jumps_out, jin)
		heads[p] = hs
		size += write(os.path.join(outdir, "%02d.md" % p), out)
	with open(os.path.join(outdir, "issue.ini"), "w", encoding="utf-8") as f:
		f.write("[issue]\ntitle = 星河科技导报\ndate = %s\nnumber = %d\npages = %d\n"
			% (date.isoformat(), number, npages))
	return size, heads


def gen_single(g, path, target, date):
	"""One file (a one-page issue) of about target bytes, and its HTML."""
	out = Out()
	g.masthead(out, date, 1, 1)
	jumps_in_by_page.clear()
	while size_of(out) < target:
		g.page(out, 1, 1, 64 * 1024, [g.r.randint(2, 24)], [])
	# trim to the nearest article boundary at or after target
	data = "\n".join(out)
	b = data.encode("utf-8")
	if len(b) > target:
		cut = b.find("\n## ".encode(), target)
		if cut > 0:
			b = b[:cut]
	data = b.decode("utf-8").rstrip("\n") + "\n"
	with open(path, "w", encoding="utf-8") as f:
		f.write(data)
	return len(b), data.split("\n")


def gen_library(g, outdir, n, start, pages=0):
	"""n issues made quickly from a few page templates: small ones (2–4
	pages) by default, or of the given number of pages each."""
	templates = []
	for _ in range(24 if pages else 12):
		out = Out()
		g.page(out, 2, 4, 1800, [], [])
		templates.append(out)
	fronts = []
	for _ in range(6):
		out = Out()
		g.page(out, 1, 4, 1800, [], [])
		fronts.append(out)
	jumps_in_by_page.clear()
	total = 0
	for i in range(n):
		d = start + datetime.timedelta(days=i)
		idir = os.path.join(outdir, d.isoformat())
		os.makedirs(idir, exist_ok=True)
		npages = pages if pages else 2 + i % 3
		out = Out()
		g.masthead(out, d, i + 1, npages)
		# vary the first headline so no two issues are identical
		body = list(fronts[i % len(fronts)])
		body[0] = body[0] + " (%d)" % (i + 1)
		total += write(os.path.join(idir, "01.md"), out + body)
		for p in range(2, npages + 1):
			t = templates[(i * 7 + p) % len(templates)]
			total += write(os.path.join(idir, "%02d.md" % p),
				       ["# 第%02d版 %s" % (p, PAGE_NAMES[(i + p) % len(PAGE_NAMES)]), ""] + t)
		if i % 2 == 0:
			with open(os.path.join(idir, "issue.ini"), "w", encoding="utf-8") as f:
				f.write("[issue]\ntitle = 星河科技导报\ndate = %s\nnumber = %d\npages = %d\n"
					% (d.isoformat(), i + 1, npages))
	return total


def year_state(first=""):
	"""A state file (herald-tui's reading positions) as a reader of a
	daily paper has after a year: 365 issues, the most recent first, each
	with its place, runs of the stories read on eight of its pages and its
	label; first, if given, is an issue line of its own before them (the
	bench's and tests/screen/state-cost.sh's)."""
	label = ("2025-11-17%20%E6%98%9F%E6%B2%B3%E7%A7%91%E6%8A%80%E5%AF%BC%E6"
		 "%8A%A5%20%E7%AC%AC42%E6%9C%9F")
	t = 1796591493396378
	lines = ["herald-tui-state 5\n", "term xterm-256color ambiguous=narrow\n", first]
	for d in range(365):
		u = t - (d + 1) * 86400000000
		runs = ",".join("%d.%d-%d" % (p, d % 3, d % 3 + p % 4 + 1)
				for p in range(1 + d % 3, 25, 3))
		lines.append("issue /home/reader/papers/2025/%03d used=%d "
			     "pos=%d,%d,0@%d pane=2 read=%s label=%s arts=70\n"
			     % (d, u, 1 + d % 24, d % 6, u, runs, label))
	body = "".join(lines)
	return body + "sum %08x\n" % (zlib.crc32(body.encode()) & 0xffffffff)


def main():
	ap = argparse.ArgumentParser(description=__doc__)
	ap.add_argument("outdir", nargs="?", default="bench-data")
	ap.add_argument("--seed", type=int, default=20251117)
	ap.add_argument("--quick", action="store_true",
			help="smaller inputs (1 MB file, 100 issues) for a smoke run")
	a = ap.parse_args()
	src = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
	outdir = os.path.realpath(a.outdir)
	# build directories inside the checkout (_build/x, build/) are fine
	top = os.path.relpath(outdir, src).split(os.sep)[0]
	if os.path.exists(os.path.join(src, "configure.ac")) and top != ".." and \
	   not top.startswith(("_build", "build")):
		sys.exit("gen.py: refusing to write into the source tree: %s" % outdir)
	os.makedirs(outdir, exist_ok=True)
	date = datetime.date(2025, 11, 17)
	man = {"seed": a.seed}

	g = Gen(a.seed)
	# the long feature: page 3, enough paragraphs for > 20 screens at 80x24
	size, heads = gen_issue(g, os.path.join(outdir, "issue24"), 24, 118 * 1024, date, 42,
				longest=(3, 110))
	man["issue24"] = {"path": "issue24", "bytes": size, "pages": 24,
			  "longest": {"page": 3, "article": 1, "headline": heads[3][0]}}

	g = Gen(a.seed + 1)
	big = 1024 * 1024 if a.quick else 10 * 1024 * 1024
	size, lines = gen_single(g, os.path.join(outdir, "big.md"), big, date)
	man["big"] = {"path": "big.md", "bytes": size}
	write(os.path.join(outdir, "big.html"), to_html(lines))
	man["big_html"] = {"path": "big.html",
			   "bytes": os.path.getsize(os.path.join(outdir, "big.html"))}
	for name, mb in (("big-1m", 1), ("big-2m", 2)):
		g = Gen(a.seed + 1 + mb)
		size, _ = gen_single(g, os.path.join(outdir, name + ".md"), mb * 1024 * 1024, date)
		man[name] = {"path": name + ".md", "bytes": size}

	g = Gen(a.seed + 10)
	n = 100 if a.quick else 1000
	size = gen_library(g, os.path.join(outdir, "library"), n, datetime.date(2023, 1, 1))
	man["library"] = {"path": "library", "bytes": size, "issues": n}

	with open(os.path.join(outdir, "manifest.json"), "w", encoding="utf-8") as f:
		json.dump(man, f, ensure_ascii=False, indent=1)
	for k, v in man.items():
		if isinstance(v, dict):
			print("%-9s %-10s %10d bytes" % (k, v["path"], v["bytes"]))


if __name__ == "__main__":
	main()
