#!/usr/bin/env python3
# bench.py: herald-tui against its peers, measured in the same run, printed
# as a Markdown table with the targets beside the figures (issue
# "Performance"). Peers: a bare libunistring loop (bare-loop.c), w3m -dump,
# less. Every figure is the median of --runs runs (≥ 5).
#
# This is a benchmark, not a test: it never fails on a time (exit 0 even
# when a target is missed; 2 only for bad usage or missing inputs), and it
# is not part of make check. It never writes into the source tree: inputs
# and dumps go to --data. Nothing here needs more than Debian packages
# (python3, less, w3m; valgrind for the instruction counts).
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pty_harness  # noqa: E402
import ssh_harness  # noqa: E402

MEASURES = ("layout", "callgrind", "first", "bytes", "ssh", "rss", "resize", "sizes", "photos")
# MB: the sizes measure (issue 19); 3 MB is under the 4 MiB from which
# files were read in parts until 2026-12 (held about four times over)
SIZES = (0.1, 1, 3, 10, 100)
# A pause that ends the first frame (pty_harness.burst's frame_gap): a
# frame is written at once, a read of the rest takes longer
FRAME_GAP = 0.003
TITLE = "星河科技导报"	# the generated masthead: marks a complete front page


def median(xs):
	xs = [x for x in xs if x is not None]
	return statistics.median(xs) if xs else None


def run(argv, env, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=600):
	"""Run argv; returns (seconds, status, rusage, stderr). The rusage's
	times are the child's own; its maxrss is not (see maxrss.c)."""
	t = time.perf_counter()
	p = subprocess.Popen(argv, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE, env=env)
	err = p.stderr.read()
	_, status, ru = os.wait4(p.pid, 0)
	p.returncode = os.waitstatus_to_exitcode(status)
	dt = time.perf_counter() - t
	return dt, p.returncode, ru, err.decode("utf-8", "replace")


class Bench:
	def __init__(self, a):
		self.a = a
		self.data = a.data
		self.tmp = tempfile.mkdtemp(prefix="herald-bench.")
		home = os.path.join(self.tmp, "home")
		os.makedirs(home)
		# no user config or reading state leaks into the figures
		self.env = {
			"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
			"HOME": home,
			"XDG_CONFIG_HOME": os.path.join(home, ".config"),
			"XDG_STATE_HOME": os.path.join(home, ".local", "state"),
			"LC_ALL": "C.UTF-8",
			"TERM": a.term,
			"LESSHISTFILE": "-",
		}
		self.rows = []		# (measure, herald, peer, ratio, target, met)
		self.notes = []
		self.details = []
		self.results = {}

	# --- helpers -------------------------------------------------------------

	def path(self, *p):
		return os.path.join(self.data, *p)

	def note(self, s):
		self.notes.append(s)
		print("bench: " + s, file=sys.stderr)

	def row(self, measure, herald, peer, ratio, target, met):
		self.rows.append((measure, herald, peer, ratio, target, met))

	def timed_many(self, cmds, runs=None):
		"""Run each command of {name: argv} in turn, round after round, so a
		machine whose load changes during the bench weighs on all alike.
		Each round starts one command further on: a command that always
		ran right after the same one would pay alone for what that one
		leaves behind (after w3m's 150 MB, herald's HTML dump took 0.250 s
		of CPU against 0.222 s after itself, 11 alternated runs).
		Returns {name: (median wall s, median CPU s)} or {name: None}."""
		wall = {k: [] for k in cmds}
		cpu = {k: [] for k in cmds}
		failed = set()
		names = list(cmds)
		for r in range(runs or self.a.runs):
			turn = r % len(names)
			for k in names[turn:] + names[:turn]:
				argv = cmds[k]
				if k in failed:
					continue
				dt, rc, ru, err = run(argv, self.env)
				if rc != 0:
					self.note("%s failed (exit %d): %s" % (" ".join(argv), rc, err.strip()[:300]))
					failed.add(k)
					continue
				wall[k].append(dt)
				cpu[k].append(ru.ru_utime + ru.ru_stime)
		return {k: None if k in failed else (median(wall[k]), median(cpu[k])) for k in cmds}

	def dump(self, out, *args):
		"""herald-tui --dump --width 80 ARGS > out; True if it worked."""
		with open(out, "wb") as f:
			_, rc, _, err = run([self.a.herald, "--dump", "--width", "80"] + list(args),
					     self.env, stdout=f)
		if rc != 0:
			self.note("herald-tui --dump %s failed (exit %d): %s"
				  % (" ".join(args), rc, err.strip()[:300]))
			return False
		return True

	def pty(self, argv, rows=24, cols=80, rss_file=None, cpr_delay=0.0, state=None):
		# every start is a first start: no reading position from a run
		# before; or the state file given
		shutil.rmtree(self.env["XDG_STATE_HOME"], ignore_errors=True)
		if state is not None:
			d = os.path.join(self.env["XDG_STATE_HOME"], "herald-tui")
			os.makedirs(d)
			with open(os.path.join(d, "state"), "w", encoding="utf-8") as f:
				f.write(state)
		if rss_file:
			argv = [self.a.maxrss, rss_file] + argv
		return pty_harness.Pty(argv, rows, cols, self.env, cpr_delay=cpr_delay)

	def read_rss(self, rss_file):
		try:
			with open(rss_file) as f:
				return int(f.read())
		except (OSError, ValueError):
			return None

	def peak_rss(self, argv):
		"""Peak RSS (KiB) of one run of argv, output to /dev/null."""
		out = os.path.join(self.tmp, "rss")
		_, rc, _, err = run([self.a.maxrss, out] + argv, self.env)
		if rc != 0:
			self.note("%s failed (exit %d): %s" % (" ".join(argv), rc, err.strip()[:300]))
			return None
		return self.read_rss(out)

	def opencc(self):
		"""Whether --script=traditional converts here (OpenCC and its
		s2t data): once, on a line of text."""
		if not hasattr(self, "_opencc"):
			f = os.path.join(self.tmp, "opencc.md")
			with open(f, "w", encoding="utf-8") as fh:
				fh.write("# 报\n\n## 题\n\n这是正文。\n")
			_, rc, _, err = run([self.a.herald, "--list", "--script=traditional", f],
					    self.env)
			self._opencc = rc == 0 and "OpenCC" not in err
		return self._opencc

	# --- setup ---------------------------------------------------------------

	def prepare(self):
		man = self.path("manifest.json")
		if not os.path.exists(man):
			gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen.py")
			cmd = [sys.executable, gen, self.data] + (["--quick"] if self.a.quick else [])
			print("bench: generating inputs: " + " ".join(cmd), file=sys.stderr)
			subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
		with open(man, encoding="utf-8") as f:
			self.man = json.load(f)
		self.big_label = "%.0f MB page" % (self.man["big"]["bytes"] / 1e6)
		self.lib_label = "%d-issue library" % self.man["library"]["issues"]
		lib = self.path("library")
		self.latest = os.path.join(lib, sorted(os.listdir(lib))[-1])
		self.can_dump = self.dump(self.path("issue24.txt"), self.path("issue24"))
		self.article = None
		if self.can_dump:
			self.find_article()
			self.dump(self.path("big.txt"), self.path("big.md"))

	def find_article(self):
		"""The longest article of the 24-page issue, as herald-tui numbers it
		(found by its headline in --list), and its dump for less."""
		lg = self.man["issue24"]["longest"]
		page, art = lg["page"], lg["article"]
		p = subprocess.run([self.a.herald, "--list", self.path("issue24")], env=self.env,
				   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
		m = re.search(r"^\s*(\d+)-(\d+) %s" % re.escape(lg["headline"]),
			      p.stdout.decode("utf-8", "replace"), re.M)
		if m:
			page, art = int(m.group(1)), int(m.group(2))
		else:
			self.note("longest article not found in --list by its headline; using %d-%d" % (page, art))
		if self.dump(self.path("article.txt"), "-p", str(page), "-a", str(art), self.path("issue24")):
			self.article = (page, art, lg["headline"])
			with open(self.path("article.txt"), encoding="utf-8") as f:
				self.article_lines = sum(1 for _ in f)

	# --- 1. layout throughput ------------------------------------------------

	def layout(self):
		big = self.path("big.md")
		mb = os.path.getsize(big) / 1e6
		cmds = {"herald": [self.a.herald, "--dump", "--width", "80", big],
			"bare": [self.a.bare, big, "80"]}
		if self.a.w3m:
			cmds["w3m"] = [self.a.w3m, "-dump", "-cols", "80", "-I", "UTF-8", "-O", "UTF-8",
				       "-T", "text/html", self.path("big.html")]
		# the same page as HTML, through libxml2 (issue 13)
		cmds["herald_html"] = [self.a.herald, "--dump", "--width", "80", self.path("big.html")]
		r = self.timed_many(cmds)
		th, tb, tw = r["herald"], r["bare"], r.get("w3m")
		self.results["layout"] = {"herald": th, "bare": tb, "w3m": tw, "mb": mb}
		# ratios of CPU time (user + sys): on a shared machine the wall
		# clock also counts the time other processes held the CPU
		mbs = (lambda t: "%.3f s CPU (%.3f s wall), %.1f MB/s" % (t[1], t[0], mb / t[1])
		       if t else "n/a")
		ratio = th[1] / tb[1] if th and tb else None
		self.row("layout: --dump --width 80, %.1f MB page vs bare loop" % mb,
			 mbs(th), "bare loop: " + mbs(tb), fmt_ratio(ratio), "≤ 2×", met(ratio, 2.0))
		ratio = tw[1] / th[1] if th and tw else None
		self.row("layout: same text vs w3m -dump -cols 80 (HTML)", mbs(th), "w3m: " + mbs(tw),
			 ("%.1f× faster" % ratio) if ratio else "n/a", "≥ 5× faster", met(5.0, ratio))
		thh = r.get("herald_html")
		ratio = tw[1] / thh[1] if thh and tw else None
		self.row("HTML: --dump --width 80 of the %.1f MB page as HTML vs w3m -dump"
			 % (self.man["big_html"]["bytes"] / 1e6), mbs(thh), "w3m: " + mbs(tw),
			 ("%.1f× faster" % ratio) if ratio else "n/a", "≥ 5× faster", met(5.0, ratio))
		t24 = self.timed_many({"x": [self.a.herald, "--dump", "--width", "80",
					     self.path("issue24")]})["x"]
		if t24:
			self.details.append("--dump of the 24-page issue (%.0f KB): %.1f ms CPU, %.1f ms wall"
					    % (self.man["issue24"]["bytes"] / 1024, t24[1] * 1e3, t24[0] * 1e3))

	# --- 1b. callgrind -------------------------------------------------------

	def callgrind(self):
		vg = shutil.which("valgrind")
		if not vg:
			self.note("valgrind not installed: no instruction counts")
			return
		def ir(argv, tag):
			out = os.path.join(self.tmp, "callgrind.%s" % tag)
			p = subprocess.run([vg, "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
					   env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
			m = re.search(r"Collected : (\d+)", p.stderr.decode("utf-8", "replace"))
			if p.returncode != 0 or not m:
				self.note("callgrind %s failed (exit %d)" % (tag, p.returncode))
				return None, out
			return int(m.group(1)), out
		f1 = self.path("big-1m.md")
		mb1 = os.path.getsize(f1) / 1e6
		hi, hout = ir([self.a.herald, "--dump", "--width", "80", f1], "herald1m")
		bi, _ = ir([self.a.bare, f1, "80"], "bare1m")
		r = hi / bi if hi and bi else None
		self.row("instructions (callgrind), %.1f MB page" % mb1, fmt_count(hi),
			 "bare loop: " + fmt_count(bi), fmt_ratio(r), "≤ 2× (as layout)", met(r, 2.0))
		if hi and shutil.which("callgrind_annotate"):
			self.hotspots(hout, hi)
			inc = self.inclusive(hout)
			lo, ts = inc.get("load_open"), inc.get("typeset_issue")
			if lo and ts and bi:
				self.row("… of which load (load_open)", fmt_count(lo), "bare loop: " + fmt_count(bi),
					 fmt_ratio(lo / bi), "–", "–")
				self.row("… of which typeset + layout (typeset_issue)", fmt_count(ts),
					 "bare loop: " + fmt_count(bi), fmt_ratio(ts / bi), "≤ 2×",
					 met(ts / bi, 2.0))
		f2 = self.path("big-2m.md")
		h2, _ = ir([self.a.herald, "--dump", "--width", "80", f2], "herald2m")
		self.row("G16: instructions, load + layout of a %.1f MB page"
			 % (os.path.getsize(f2) / 1e6), fmt_count(h2), "–", "–",
			 "< 2×10⁹", met(h2, 2e9))
		self.results["callgrind"] = {"herald_1m": hi, "bare_1m": bi, "herald_2m": h2}
		self.callgrind_first(vg)

	def inclusive(self, out):
		"""{function: inclusive instructions} of a callgrind profile."""
		p = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
				   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
		res = {}
		for ln in p.stdout.decode("utf-8", "replace").splitlines():
			m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+\S+?:(\S+)", ln)
			if m:
				fn = m.group(2).split("@@")[0]
				res.setdefault(fn, int(m.group(1).replace(",", "")))
		return res

	def ir_screen(self, vg, argv, quit_keys, tag, split=False, marker=TITLE, dump_before=None,
		      state=None):
		"""Instructions from start to the complete first screen and quit, in
		the pty, under callgrind (a figure the machine's load cannot move).
		With split, herald-tui's counters are also dumped when the work
		it does after the first screen begins (load_rest, library_check):
		returns (to quit, to the first screen)."""
		out = os.path.join(self.tmp, "callgrind.%s" % tag)
		log = out + ".log"
		opts = ["--dump-before=reader_load_rest", "--dump-before=library_check"] if split else []
		if dump_before:
			opts = ["--dump-before=" + dump_before]
		p = self.pty([vg, "--tool=callgrind", "--callgrind-out-file=" + out,
			      "--log-file=" + log] + opts + argv, state=state)
		b = p.burst(t_ref=p.t0, marker=marker.encode("utf-8"), need_marker=True,
			    quiet=0.5, first_timeout=300)
		p.close(quit_keys, timeout=60)
		try:
			with open(log, encoding="utf-8", errors="replace") as f:
				m = re.search(r"Collected : (\d+)", f.read())
		except OSError:
			m = None
		if b.t_marker is None or not m:
			self.note("callgrind first screen %s: no figure" % tag)
			return (None, None) if split else None
		total = int(m.group(1))
		if not split:
			return total
		first = None
		try:
			with open(out + ".1", encoding="utf-8", errors="replace") as f:
				t = re.search(r"^totals: (\d+)", f.read(), re.M)
				first = int(t.group(1)) if t else None
		except OSError:
			first = total	# nothing ran after the first screen
		return total, first

	def callgrind_first(self, vg):
		H = self.a.herald
		h, h_first = self.ir_screen(vg, [H, self.path("issue24")], b"Q", "first24", split=True)
		l = self.ir_screen(vg, [self.a.less, self.path("issue24.txt")], b"q", "less24") \
			if self.can_dump else None
		r = h_first / l if h_first and l else None
		self.row("instructions until the first screen, 24-page issue",
			 "%s (to quit, the other 23 pages loaded: %s)" % (fmt_count(h_first), fmt_count(h)),
			 "less on its dump, to quit: " + fmt_count(l), fmt_ratio(r), "≤ 1× less", met(r, 1.0))
		hl, hl_first = self.ir_screen(vg, [H, self.path("library")], b"Q", "firstlib", split=True)
		h1, h1_first = self.ir_screen(vg, [H, self.latest], b"Q", "firstlatest", split=True)
		r = hl_first / h1_first if hl_first and h1_first else None
		self.row("instructions until the first screen, %s" % self.lib_label,
			 "%s (to quit, the library checked: %s)" % (fmt_count(hl_first), fmt_count(hl)),
			 "its latest issue alone: %s (to quit: %s)" % (fmt_count(h1_first), fmt_count(h1)),
			 fmt_ratio(r), "≤ 1× one issue", met(r, 1.0))
		# a reader of a daily paper after a year: the state file read
		# before the first screen, saved at the quit
		import gen
		st = gen.year_state()
		hy, hy_first = self.ir_screen(vg, [H, self.path("issue24")], b"Q", "first24year",
					      split=True, state=st)
		r = hy_first / h_first if hy_first and h_first else None
		self.row("instructions until the first screen, 24-page issue, a year's state "
			 "(365 issues, %d KB)" % (len(st) // 1024),
			 "%s (to quit, saved: %s)" % (fmt_count(hy_first), fmt_count(hy)),
			 "a first start: %s (to quit: %s)" % (fmt_count(h_first), fmt_count(h)),
			 fmt_ratio(r), "–", "–")
		self.results["callgrind"].update({"first24year": hy, "first24year_screen": hy_first})
		# 简⇄繁: OpenCC (dlopen'd, its dictionaries loaded) on the same issue
		# (its masthead converted too: 星河科技導報 marks that first screen)
		hc, hc_first = self.ir_screen(vg, [H, "--script=traditional", self.path("issue24")],
					      b"Q", "first24conv", split=True, marker="星河科技導報")
		r = hc_first / h_first if hc_first and h_first else None
		self.row("instructions until the first screen, 24-page issue, --script=traditional",
			 "%s (to quit: %s)" % (fmt_count(hc_first), fmt_count(hc)),
			 "no conversion: " + fmt_count(h_first), fmt_ratio(r), "≤ 1.3× no conversion",
			 met(r, 1.3))
		self.results["callgrind"].update({"first24conv": hc, "first24conv_screen": hc_first})
		self.switch_script(vg)
		self.results["callgrind"].update({"first24": h, "first24_screen": h_first, "less24": l,
						  "firstlib": hl, "firstlib_screen": hl_first,
						  "firstlatest": h1, "firstlatest_screen": h1_first})

	def switch_script(self, vg):
		"""T (switch-script) on the front page: the instructions of a run
		that presses T n times before Q, less those of one that presses it
		n - 1 times. The first T loads OpenCC (s2t) and converts the front
		page (other bodies wait until they are read);
		the second swaps the original text back; the third swaps the
		converted text in again (nothing converted twice). Each is laid
		out anew."""
		H = self.a.herald
		sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
				      "data", "sample")
		for label, argv, marker, tag in (
				("24-page issue", [H, self.path("issue24")], TITLE, "24"),
				("the sample (4 pages)", [H, sample], "山河科技报", "sample")):
			if not os.path.exists(argv[-1]):
				continue
			# a first run writes the state file the others read
			self.ir_screen(vg, argv, b"Q", "switch%swarm" % tag, marker=marker)
			ir = [self.ir_screen(vg, argv, b"T" * n + b"Q", "switch%s%d" % (tag, n),
					     marker=marker) for n in range(4)]
			self.results["callgrind"]["switch_" + tag] = ir
			what = ("first T (OpenCC loaded, the issue's front page converted)",
				"second T (back to the original)", "third T (the converted text again)")
			for n in range(1, 4):
				d = ir[n] - ir[n - 1] if ir[n] and ir[n - 1] else None
				r = d / ir[0] if d and ir[0] else None
				self.row("instructions of the %s, %s" % (what[n - 1], label),
					 fmt_count(d), "start to quit without T: " + fmt_count(ir[0]),
					 fmt_ratio(r), "–", "–")

	def hotspots(self, out, total):
		"""Top functions by self and by inclusive instructions (callgrind_annotate)."""
		skip = re.compile(r"^(main|\(below main\)|__libc_start\w*|_dl_\w*|_start|0x[0-9a-f]+)")
		for inclusive in ("no", "yes"):
			p = subprocess.run(["callgrind_annotate", "--inclusive=" + inclusive,
					    "--threshold=99", out], stdout=subprocess.PIPE,
					   stderr=subprocess.DEVNULL)
			rows = []
			for ln in p.stdout.decode("utf-8", "replace").splitlines():
				# "  85,653,203 (20.52%)  /path/text.c:text_sanitize [/path/obj]"
				m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S+?):(\S+)(?: \[(.*)\])?\s*$", ln)
				if not m:
					continue
				src, fn, obj = m.group(2), m.group(3), m.group(4) or ""
				fn = fn.split("@@")[0]
				if skip.match(fn):
					continue
				where = os.path.basename(src if src != "???" else obj)
				rows.append((int(m.group(1).replace(",", "")), fn, where))
				if len(rows) >= self.a.top:
					break
			kind = "inclusive" if inclusive == "yes" else "self"
			self.details.append("callgrind, %s instructions, --dump --width 80 of the 1 MB page:" % kind)
			for n, fn, where in rows:
				self.details.append("    %5.1f%%  %-40s %s" % (100.0 * n / total, fn, where))
			if inclusive == "no":
				self.callers(out, total, [fn for _, fn, _ in rows[:self.a.callers]])

	def callers(self, out, total, fns):
		"""Who calls the hottest functions, and how much each caller costs them."""
		p = subprocess.run(["callgrind_annotate", "--tree=caller", "--threshold=99", out],
				   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
		blocks = p.stdout.decode("utf-8", "replace").split("\n\n")
		for fn in fns:
			for blk in blocks:
				lines = blk.strip("\n").splitlines()
				me = [x for x in lines if re.search(r"\*\s+\S*:%s\b" % re.escape(fn), x)]
				if not me:
					continue
				self.details.append("  callers of %s:" % fn)
				for x in lines:
					m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+<\s+\S*?:(\S+) \((\d[\d,]*)x\)", x)
					if m:
						self.details.append("    %5.1f%%  from %s (%s calls)" % (
							100.0 * int(m.group(1).replace(",", "")) / total,
							m.group(2), m.group(3)))
				break

	# --- 2. first screen (and RSS of the reader) -------------------------------

	def first_screen_once(self, argv, quit_keys, marker=TITLE, cpr_delay=0.0, quit_wait=3.0,
			      state=None):
		"""One start: (time to the complete first screen, marker time, bytes,
		peak RSS KiB, time to the end of the first frame), or None if
		nothing was drawn. cpr_delay: the terminal answers a cursor
		position question that much later. state: the state file's text
		(else none: a first start)."""
		rss_file = os.path.join(self.tmp, "rss")
		p = self.pty(argv, rss_file=rss_file, cpr_delay=cpr_delay, state=state)
		b = p.burst(t_ref=p.t0, marker=marker.encode("utf-8"), need_marker=True,
			    frame_gap=FRAME_GAP)
		p.close(quit_keys, timeout=quit_wait)
		if b.t_last is None:
			self.note("%s: nothing on the screen" % " ".join(argv))
			return None
		if b.t_marker is None:
			self.note("%s: the masthead title never appeared" % " ".join(argv))
		return b.t_last, b.t_marker, b.nbytes, self.read_rss(rss_file), b.t_frame

	def first_results(self):
		"""First screens of every input, herald-tui and less in turn, round
		after round (see timed_many)."""
		if "first" in self.results:
			return self.results["first"]
		H = self.a.herald
		cfg = {"issue24": ([H, self.path("issue24")], b"Q"),
		       "library": ([H, self.path("library")], b"Q"),
		       "latest": ([H, self.latest], b"Q"),
		       "big": ([H, self.path("big.md")], b"Q")}
		if self.can_dump:
			cfg["less24"] = ([self.a.less, self.path("issue24.txt")], b"q")
			cfg["lessbig"] = ([self.a.less, self.path("big.txt")], b"q")
		# the same start with a terminal that answers the width question
		# a link's round trip later (less asks nothing: the same figure)
		cfg["issue24-rtt"] = ([H, self.path("issue24")], b"Q", self.a.rtt / 1e3)
		got = {k: [] for k in cfg}
		for _ in range(self.a.runs):
			for k, c in cfg.items():
				got[k].append(self.first_screen_once(c[0], c[1],
								     cpr_delay=c[2] if len(c) > 2 else 0.0))
		res = {}
		for k, v in got.items():
			v = [x for x in v if x is not None]
			res[k] = None if not v else {
				"t": median([x[0] for x in v]),
				"marker": median([x[1] for x in v]) if all(x[1] is not None for x in v) else None,
				"bytes": median([x[2] for x in v]),
				"rss": median([x[3] for x in v])}
		self.results["first"] = res
		return res

	def first(self):
		res = self.first_results()
		ms = (lambda r: "%.1f ms (%s B)" % (r["t"] * 1e3, r["bytes"]) if r else "n/a")
		h, l = res.get("issue24"), res.get("less24")
		r = h["t"] / l["t"] if h and l else None
		self.row("first screen, 24-page issue, 80×24", ms(h), "less on its dump: " + ms(l),
			 fmt_ratio(r), "≤ 1× less", met(r, 1.0))
		h, l = res.get("issue24-rtt"), res.get("less24")
		r = h["t"] / l["t"] if h and l else None
		self.row("first screen, 24-page issue, a terminal answering %g ms late (an SSH round trip)"
			 % self.a.rtt, ms(h), "less on its dump: " + ms(l), fmt_ratio(r), "≤ 1× less", met(r, 1.0))
		h, l = res.get("library"), res.get("latest")
		r = h["t"] / l["t"] if h and l else None
		self.row("first screen, %s" % self.lib_label, ms(h),
			 "its latest issue alone: " + ms(l), fmt_ratio(r), "≤ 1× one issue", met(r, 1.0))
		h, l = res.get("big"), res.get("lessbig")
		r = h["t"] / l["t"] if h and l else None
		self.row("first screen, %s (no target)" % self.big_label, ms(h), "less on its dump: " + ms(l),
			 fmt_ratio(r), "–", "–")
		for k, v in res.items():
			if v and v["marker"] is not None:
				self.details.append("first screen %-8s: masthead title seen at %.1f ms, quiet after %.1f ms"
						    % (k, v["marker"] * 1e3, v["t"] * 1e3))

	# --- 3. bytes per key in the article pane ----------------------------------

	def per_key(self, argv, key, quit_keys, check=None, pre=None):
		"""Bytes the terminal gets per key; pre: keys sent first (z: full
		screen), then the message they bring is let expire (UI_MESSAGE_MS)."""
		p = self.pty(argv)
		b0 = p.burst(t_ref=p.t0, keep=True)
		ok = True
		if check and check.encode("utf-8") not in b0.data:
			ok = False
		if pre:
			p.send(pre)
			p.burst(first_timeout=1.0)
			p.burst(first_timeout=4.0)
		counts = []
		for _ in range(self.a.keys):
			p.send(key)
			b = p.burst(first_timeout=1.0)
			counts.append(b.nbytes)
		p.close(quit_keys)
		return {"first": b0.nbytes, "median": median(counts), "all": counts, "ok": ok}

	def writes_per_key(self, argv, key, quit_keys):
		"""write(2) calls to the terminal per key, counted by strace: over
		SSH each one tends to become a packet of its own (~90 bytes of
		SSH/TCP/IP around it). None when strace is missing."""
		strace = shutil.which("strace")
		if not strace:
			return None
		log = os.path.join(self.tmp, "writes.log")
		p = self.pty([strace, "-f", "-qq", "-s", "4", "-e", "trace=read,write",
			      "-o", log] + argv)
		p.burst(t_ref=p.t0, first_timeout=10)
		for _ in range(self.a.keys):
			p.send(key)
			p.burst(first_timeout=1.0)
		p.close(quit_keys)
		# the writes after each key is read, up to the next read of a key
		# (the reader reads fd 0, less a descriptor of /dev/tty)
		rd = re.compile(r'read\(\d+, "%s", \d+\)\s+= 1$' % re.escape(key.decode()))
		wr = re.compile(r'write\(1, ')
		counts, n = [], None
		with open(log, encoding="utf-8", errors="replace") as f:
			for line in f:
				if rd.search(line):
					if n is not None:
						counts.append(n)
					n = 0
				elif n is not None and wr.search(line):
					n += 1
		if n is not None:
			counts.append(n)
		return median(counts[:self.a.keys]) if counts else None

	def bytes(self):
		if not self.article:
			self.note("no article dump: skipping bytes per key")
			return
		page, art, head = self.article
		hv = [self.a.herald, "-p", str(page), "-a", str(art), self.path("issue24")]
		lv = [self.a.less, self.path("article.txt")]
		res = {}
		for name, key in (("page", b" "), ("line", b"j")):
			res["herald_" + name] = self.per_key(hv, key, b"Q", check=head)
			res["less_" + name] = self.per_key(lv, key, b"q")
			res["full_" + name] = self.per_key(hv, key, b"Q", pre=b"z")
		self.results["bytes"] = res
		if not res["herald_page"]["ok"]:
			self.note("the article's headline was not on herald-tui's first screen with -p %d -a %d: "
				  "the counts may not be of the article pane" % (page, art))
		self.details.append("article %d-%d (%s): %d lines in --dump at 80 columns"
				    % (page, art, head, self.article_lines))
		for name, label in (("page", "page-down (Space)"), ("line", "line-down (j)")):
			h, l = res["herald_" + name], res["less_" + name]
			r = h["median"] / l["median"] if l["median"] else None
			self.row("bytes per %s, article pane, 80×24" % label,
				 "%d B (%d keys: %d B)" % (h["median"], len(h["all"]), sum(h["all"])),
				 "less: %d B (%d B)" % (l["median"], sum(l["all"])),
				 fmt_ratio(r), "≤ less", met(r, 1.0))
			self.details.append("bytes per %s over %d keys: herald-tui %s; less %s"
					    % (label, self.a.keys, h["all"], l["all"]))
			f = res["full_" + name]
			r = f["median"] / l["median"] if l["median"] else None
			self.row("bytes per %s, full screen (z), 80×24" % label,
				 "%d B (%d keys: %d B)" % (f["median"], len(f["all"]), sum(f["all"])),
				 "less: %d B (%d B)" % (l["median"], sum(l["all"])),
				 fmt_ratio(r), "≤ less", met(r, 1.0))
			self.details.append("bytes per %s in full screen over %d keys: herald-tui %s"
					    % (label, self.a.keys, f["all"]))
		for name, key, label in (("page", b" ", "page-down"), ("line", b"j", "line-down")):
			hw = self.writes_per_key(hv, key, b"Q")
			lw = self.writes_per_key(lv, key, b"q")
			res["writes_herald_" + name], res["writes_less_" + name] = hw, lw
			r = hw / lw if hw is not None and lw else None
			self.row("write(2) calls per %s (≈ SSH packets), article pane" % label,
				 "%g" % hw if hw is not None else "n/a",
				 "less: %g" % lw if lw is not None else "n/a",
				 fmt_ratio(r), "≤ less", met(r, 1.0))

	# --- 3b. the same keys over a real SSH connection -------------------------

	def ssh_per_key(self, srv, argv, key, quit_keys):
		env = {k: v for k, v in self.env.items() if k != "PATH"}
		shutil.rmtree(self.env["XDG_STATE_HOME"], ignore_errors=True)
		p = srv.pty(argv, env)
		p.burst(t_ref=p.t0, first_timeout=10, quiet=0.3)
		per = []
		for _ in range(self.a.keys):
			b0, s0 = srv.sent()
			p.send(key)
			p.burst(first_timeout=1.0, quiet=0.1)
			b1, s1 = srv.sent()
			per.append((b1 - b0, s1 - s0))
		p.close(quit_keys)
		wire = [b + s * ssh_harness.TCPIP_HEADER for b, s in per]
		return {"wire": median(wire), "payload": median([b for b, _ in per]),
			"segments": sum(s for _, s in per) / len(per), "all": wire}

	def ssh(self):
		if not self.article:
			self.note("no article dump: skipping the SSH measure")
			return
		try:
			srv = ssh_harness.Server()
		except ssh_harness.Unavailable as e:
			self.note("no SSH measure (%s); it needs openssh-server, which bootstrap does "
				  "not install because it is a network service" % e)
			return
		try:
			page, art, _ = self.article
			hv = [self.a.herald, "-p", str(page), "-a", str(art), self.path("issue24")]
			lv = [self.a.less, self.path("article.txt")]
			res = {}
			for name, key, label in (("page", b" ", "page-down"), ("line", b"j", "line-down")):
				h = res["herald_" + name] = self.ssh_per_key(srv, hv, key, b"Q")
				l = res["less_" + name] = self.ssh_per_key(srv, lv, key, b"q")
				r = h["wire"] / l["wire"] if l["wire"] else None
				self.row("over SSH: bytes on the wire per %s (sshd → client)" % label,
					 "%d B (SSH %d B, %.1f segments)" % (h["wire"], h["payload"], h["segments"]),
					 "less: %d B (SSH %d B, %.1f segments)" % (l["wire"], l["payload"], l["segments"]),
					 fmt_ratio(r), "≤ less", met(r, 1.0))
			self.results["ssh"] = res
			self.details.append("over SSH: OpenSSH on 127.0.0.1, what the server sent per key "
					    "as the kernel counts it (ss -tin: bytes_sent, segs_out), plus "
					    "%d B of TCP/IP header per segment; loopback's large MSS puts a "
					    "page in one segment where a real link (MSS 1448) needs two"
					    % ssh_harness.TCPIP_HEADER)
		finally:
			srv.close()

	# --- 4. peak RSS -------------------------------------------------------------

	def rss(self):
		first = self.first_results()
		kb = (lambda v: "%.1f MB" % (v / 1024) if v else "n/a")
		g = (lambda k: (first.get(k) or {}).get("rss"))
		h, l = g("issue24"), g("less24")
		self.row("peak RSS, reader, 24-page issue", kb(h), "less on its dump: " + kb(l),
			 "%+.1f MB" % ((h - l) / 1024) if h and l else "n/a", "< less + 2 MB",
			 met(h, l + 2048) if h and l else "?")
		h, l = g("big"), g("lessbig")
		self.row("peak RSS, reader, %s" % self.big_label, kb(h), "less on its dump: " + kb(l),
			 "%+.1f MB" % ((h - l) / 1024) if h and l else "n/a", "< 32 MB",
			 met(h, 32 * 1024))
		h, l = g("library"), g("latest")
		self.row("peak RSS, reader, %s" % self.lib_label, kb(h), "latest issue alone: " + kb(l),
			 "%+.1f MB" % ((h - l) / 1024) if h and l else "n/a", "–", "–")
		# started with a year's state file (read before the first
		# screen, saved at the quit), beside a first start
		import gen
		st = gen.year_state()
		runs = [self.first_screen_once([self.a.herald, self.path("issue24")], b"Q", state=st)
			for _ in range(self.a.runs)]
		y = median([x[3] for x in runs if x and x[3]]) if any(x and x[3] for x in runs) else None
		h = g("issue24")
		self.row("peak RSS, reader, 24-page issue, a year's state (365 issues, %d KB)"
			 % (len(st) // 1024), kb(y), "a first start: " + kb(h),
			 "%+.1f MB" % ((y - h) / 1024) if y and h else "n/a", "–", "–")
		for name, path in (("24-page issue", "issue24"), (self.big_label, "big.md"),
				   (self.lib_label, "library")):
			m = self.peak_rss([self.a.herald, "--dump", "--width", "80", self.path(path)])
			self.details.append("peak RSS of --dump --width 80, %s: %s" % (name, kb(m)))
		if self.a.w3m:
			m = self.peak_rss([self.a.w3m, "-dump", "-cols", "80", "-I", "UTF-8", "-O", "UTF-8",
					   "-T", "text/html", self.path("big.html")])
			self.details.append("peak RSS of w3m -dump of the %s as HTML: %s" % (self.big_label, kb(m)))

	# --- 5. re-layout on resize --------------------------------------------------

	def resize_in_pty(self, argv, quit_keys, n=10):
		p = self.pty(argv)
		p.burst(t_ref=p.t0)
		ts, nb = [], []
		for i in range(n):
			cols = 72 if i % 2 == 0 else 80
			t = p.resize(24, cols)
			b = p.burst(t_ref=t, first_timeout=2.0)
			ts.append(b.t_last)
			nb.append(b.nbytes)
		p.close(quit_keys)
		return {"t": median(ts), "bytes": median(nb), "all": ts}

	def resize(self):
		if not self.article:
			self.note("no article dump: skipping resize")
			return
		page, art, _ = self.article
		h = self.resize_in_pty([self.a.herald, "-p", str(page), "-a", str(art),
					self.path("issue24")], b"Q")
		l = self.resize_in_pty([self.a.less, self.path("article.txt")], b"q")
		self.results["resize"] = {"herald": h, "less": l}
		ms = (lambda r: "%.2f ms" % (r["t"] * 1e3) if r and r["t"] is not None else "n/a")
		r = h["t"] / l["t"] if h["t"] and l["t"] else None
		self.row("resize 80↔72 cols, longest article: until redraw is quiet", ms(h),
			 "less on its dump: " + ms(l), fmt_ratio(r), "< 5 ms",
			 met(h["t"], 0.005) if h["t"] is not None else "?")
		r = self.timed_many({w: [self.a.herald, "--dump", "--width", w, "-p", str(page),
					 "-a", str(art), self.path("issue24")] for w in ("80", "72")})
		ub = ["%s cols %.1f ms (CPU %.1f ms)" % (w, t[0] * 1e3, t[1] * 1e3) if t else "n/a"
		      for w, t in r.items()]
		self.row("upper bound: --dump -p %d -a %d (whole process)" % (page, art), "; ".join(ub),
			 "–", "–", "–", "–")

	# --- 6. cost against input size (issue 19) -----------------------------------

	def size_input(self, mb):
		"""A one-file issue of about mb MB (generated once into --data) and
		herald-tui's dump of it for less; (md, txt) or None."""
		md = self.path("size-%g.md" % mb)
		txt = self.path("size-%g.txt" % mb)
		if not os.path.exists(md):
			sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
			import datetime
			import gen
			g = gen.Gen(20251117 + 100)
			gen.gen_single(g, md, int(mb * 1024 * 1024), datetime.date(2025, 11, 17))
		if not os.path.exists(txt) and not self.dump(txt, md):
			os.unlink(txt)	# a refused input (too large): n/a, not an empty screen
			return None
		return md, txt

	def size_dir(self, mb, md):
		"""An issue directory whose second page file is md (a link), its
		first a small page: a converter's whole issue as one page."""
		d = self.path("size-%g-dir" % mb)
		os.makedirs(d, exist_ok=True)
		first = os.path.join(d, "01.md")
		if not os.path.exists(first):
			with open(first, "w", encoding="utf-8") as f:
				f.write("# 星河科技导报\n\n## 头版\n\n正文。\n")
		second = os.path.join(d, "02.md")
		if not os.path.lexists(second):
			os.symlink(os.path.abspath(md), second)
		return d

	def size_dir_first(self, mb, md):
		"""An issue directory whose first page file is md (a link), a
		small page after it: a converter's whole issue as 01.md."""
		d = self.path("size-%g-dir1" % mb)
		os.makedirs(d, exist_ok=True)
		first = os.path.join(d, "01.md")
		if not os.path.lexists(first):
			os.symlink(os.path.abspath(md), first)
		second = os.path.join(d, "02.md")
		if not os.path.exists(second):
			with open(second, "w", encoding="utf-8") as f:
				f.write("## 二版\n\n正文。\n")
		return d

	def search_once(self, argv, txt, needle="乒乓球", second=False):
		"""Seconds from / to "not found" for a needle the file lacks, the
		whole file read in first (herald-tui: 2 waits for it; less: the
		file is read by the search itself); (herald, less), None for one
		that never said so. second: herald-tui's second search of it
		(the first has learned what each story's conversion brings)."""
		out = []
		for prog, cmd in (("herald", argv), ("less", [self.a.less, txt])):
			p = self.pty(cmd)
			p.burst(t_ref=p.t0, quiet=0.3, first_timeout=60)
			if prog == "herald":
				p.send(b"2")
				p.burst(quiet=0.5, max_time=300)
				p.send(b"1")
				p.burst(quiet=0.3)
			for time_it in ((False, True) if second and prog == "herald"
					else (True,)):
				t = time.perf_counter()
				p.send(("/" + needle + "\r").encode("utf-8"))
				# (the one not timed: until the status line says
				# so, not the prompt while it is typed)
				b = p.burst(t_ref=t, marker=b"ot found" if time_it
					    else "Not found:".encode("utf-8"),
					    need_marker=True, first_timeout=300,
					    quiet=0.05 if time_it else 0.3, max_time=300)
			p.close(b"Q" if prog == "herald" else b"q", timeout=30)
			out.append(b.t_marker)
		return tuple(out)

	def sizes(self):
		"""First screen, peak RSS and --dump RSS at 0.1, 1, 10 and 100 MB
		(one file), herald-tui and less in the same run; a table and a chart."""
		sizes = [mb for mb in SIZES if not self.a.quick or mb <= 1]
		res = {}
		for mb in sizes:
			print("bench: sizes: %g MB" % mb, file=sys.stderr)
			f = self.size_input(mb)
			if f is None:
				continue
			md, txt = f
			h, l, hd = [], [], []
			for _ in range(self.a.runs):
				h.append(self.first_screen_once([self.a.herald, md], b"Q"))
				l.append(self.first_screen_once([self.a.less, txt], b"q"))
				# the same as an issue directory's first page
				hd.append(self.first_screen_once(
					[self.a.herald, self.size_dir_first(mb, md)], b"Q"))
			srch = [self.search_once([self.a.herald, md], txt)
				for _ in range(self.a.runs)]
			# ...shown in traditional forms, the second search
			# (stories skipped by their bytes and what their
			# conversion brings); None without OpenCC
			tsrch = [self.search_once([self.a.herald, "--script=traditional", md],
						  txt, second=True)
				 for _ in range(self.a.runs)] if self.opencc() else []
			# a start that never showed the masthead is no first screen
			h = [x for x in h if x and x[1] is not None]
			l = [x for x in l if x and x[1] is not None]
			hd = [x for x in hd if x and x[1] is not None]
			# Q at the first screen stops the read of the rest (a thread):
			# 2 (the contents) waits for the whole file, then Q; the peak
			# of a reader holding every story. (A quit typed while 2
			# waits quits at once; j, typed first, is kept for after
			# the wait, which then goes on to its end.)
			w = self.first_screen_once([self.a.herald, md], b"2jQ", quit_wait=120.0)
			# ...and one who opens the lead, then ] through every
			# story (each read back from the file; shelf.h lets go
			# of all but the last 32; 1, typed while 2 waits, is kept
			# for after it)
			with open(md, "rb") as fh:
				n = sum(1 for line in fh if line.startswith(b"## "))
			o = self.first_screen_once([self.a.herald, md],
						   b"21\r" + b"]" * n + b"Q", quit_wait=300.0)
			d = self.peak_rss([self.a.herald, "--dump", "--width", "80", md])
			# a page of it (loaded, its stories kept in the file,
			# written a few at a time) and the dump in traditional
			# forms (streamed, each part converted; OpenCC's own
			# 9-10 MB in it; None without OpenCC)
			dp = self.peak_rss([self.a.herald, "--dump", "--page", "1",
					    "--width", "80", md])
			dt = self.peak_rss([self.a.herald, "--dump", "--script=traditional",
					    "--width", "80", md]) if self.opencc() else None
			# --list of the file, and of it as an issue directory's
			# page file (read in parts as well, its stories kept in
			# their own file)
			fl = self.peak_rss([self.a.herald, "--list", md])
			dl = self.peak_rss([self.a.herald, "--list", self.size_dir(mb, md)])
			# the first screen: its first frame (a big file's
			# status line changes once the rest is read, within
			# QUIET of it at 1 MB, long after at 10 MB: that is
			# "settled", shown apart, no target)
			res[mb] = {"herald_t": median([x[4] for x in h]), "less_t": median([x[4] for x in l]),
				   "herald_settled": median([x[0] for x in h]),
				   "less_settled": median([x[0] for x in l]),
				   "herald_seen": median([x[1] for x in h]),
				   "dir_first_t": median([x[4] for x in hd]),
				   "search_t": median([x[0] for x in srch]),
				   "less_search_t": median([x[1] for x in srch]),
				   "trad_search_t": median([x[0] for x in tsrch if x[0]])
				   if any(x[0] for x in tsrch) else None,
				   "herald_rss": median([x[3] for x in h]), "less_rss": median([x[3] for x in l]),
				   "whole_rss": w[3] if w else None, "dump_rss": d,
				   "dump_page_rss": dp, "dump_script_rss": dt,
				   "file_list_rss": fl, "dir_list_rss": dl,
				   "opened_rss": o[3] if o else None, "stories": n}
		self.results["sizes"] = res
		ms = (lambda v: "%.1f ms" % (v * 1e3) if v else "n/a")
		kb = (lambda v: "%.1f MB" % (v / 1024) if v else "n/a")
		for mb in sizes:
			if mb not in res:
				self.row("first screen, %g MB one file" % mb, "n/a (refused)", "–", "–", "≤ 2× less", "**no**")
		for mb, r in res.items():
			ht, lt = r["herald_t"], r["less_t"]
			ratio = ht / lt if ht and lt else None
			self.row("first screen, %g MB one file" % mb, ms(ht), "less: " + ms(lt),
				 fmt_ratio(ratio), "≤ 2× less", met(ratio, 2.0))
			dt = r["dir_first_t"]
			self.row("first screen, %g MB as an issue directory's first page file (no target)"
				 % mb, ms(dt), "less: " + ms(lt),
				 fmt_ratio(dt / lt if dt and lt else None), "–", "–")
			st, lst = r["search_t"], r["less_search_t"]
			self.row("search for a needle the file lacks, %g MB one file (no target)"
				 % mb, ms(st), "less: " + ms(lst),
				 fmt_ratio(st / lst if st and lst else None), "–", "–")
			ts = r["trad_search_t"]
			self.row("search for a needle the file lacks, %g MB one file, in traditional "
				 "forms, the second time (no target)" % mb, ms(ts), "less: " + ms(lst),
				 fmt_ratio(ts / lst if ts and lst else None), "–", "–")
			hs, ls = r["herald_settled"], r["less_settled"]
			self.row("first screen, %g MB one file, until %s quiet (no target)"
				 % (mb, "50 ms"), ms(hs), "less: " + ms(ls),
				 fmt_ratio(hs / ls if hs and ls else None), "–", "–")
			hr, lr = r["herald_rss"], r["less_rss"]
			self.row("peak RSS, reader, %g MB one file, quit at the first screen" % mb,
				 kb(hr), "less: " + kb(lr),
				 "%+.1f MB" % ((hr - lr) / 1024) if hr and lr else "n/a",
				 "≤ less + 4 MB", met(hr - lr if hr and lr else None, 4096))
			wr = r["whole_rss"]
			self.row("peak RSS, reader, %g MB one file, every story read in" % mb,
				 kb(wr), "less: " + kb(lr),
				 "%+.1f MB" % ((wr - lr) / 1024) if wr and lr else "n/a",
				 "≤ less + 4 MB", met(wr - lr if wr and lr else None, 4096))
			orss = r["opened_rss"]
			self.row("peak RSS, reader, %g MB one file, every story opened (%d, ] through all)"
				 % (mb, r["stories"]), kb(orss), "less: " + kb(lr),
				 "%+.1f MB" % ((orss - lr) / 1024) if orss and lr else "n/a",
				 "≤ less + 4 MB", met(orss - lr if orss and lr else None, 4096))
			self.row("peak RSS, --dump, %g MB one file" % mb, kb(r["dump_rss"]), "–", "–",
				 "≤ 64 MB", met(r["dump_rss"], 64 * 1024))
			self.row("peak RSS, --dump --page 1, %g MB one file (no target)" % mb,
				 kb(r["dump_page_rss"]), "–", "–", "–", "–")
			self.row("peak RSS, --dump --script=traditional, %g MB one file (no target)"
				 % mb, kb(r["dump_script_rss"]), "–", "–", "–", "–")
			fl, dl = r["file_list_rss"], r["dir_list_rss"]
			self.row("peak RSS, --list, %g MB as an issue directory's page file (no target)"
				 % mb, kb(dl), "the file itself: " + kb(fl),
				 "%+.1f MB" % ((dl - fl) / 1024) if dl and fl else "n/a", "–", "–")
		# a whole read that ends inside the quiet wait redraws the status
		# line (its count of stories): the first frame says when the
		# first screen itself was out
		for mb, r in res.items():
			self.details.append("first screen, %g MB one file: masthead seen at %s, first frame out at %s, "
					    "quiet after %s" % (mb, ms(r["herald_seen"]), ms(r["herald_t"]),
								ms(r["herald_settled"])))
		# the curve: one bar a size, herald-tui against less
		self.details.append("cost against input size (one file; bars scaled to the largest figure):")
		# (peak RSS: herald quit at the first screen; whole, every story read in)
		for key, label, unit, scale, whos in (("t", "first screen", "ms", 1e3, ("herald", "less")),
						      ("rss", "peak RSS", "MB", 1 / 1024, ("herald", "whole", "less"))):
			vals = [(mb, who, res[mb]["%s_%s" % (who, key)]) for mb in res for who in whos]
			top = max([v for _, _, v in vals if v] or [1])
			self.details.append("  %s:" % label)
			for mb, who, v in vals:
				bar = "#" * int(round(40 * v / top)) if v else ""
				self.details.append("    %6g MB %-6s %-40s %8.1f %s" % (mb, who, bar, (v or 0) * scale, unit))

	# --- output --------------------------------------------------------------------

	# --- 8. photos (issue 16): ratios against the same page with --images=none

	PHOTO_HEAD = "青岚港二期码头投运"

	def photo_page(self):
		"""photos/page.md: one article of 20 screens or so at 80x24, its 4
		photos (2000x1500 JPEGs made by mkphoto) after paragraphs 1, 31,
		61 and 91, so one is on the first screen and page-downs cross the
		others. Returns the page's path, or None."""
		d = self.path("photos")
		page = os.path.join(d, "page.md")
		if os.path.exists(page):
			return page
		os.makedirs(os.path.join(d, "images"), exist_ok=True)
		for i in range(4):
			_, rc, _, err = run([self.a.mkphoto, os.path.join(d, "images", "p%d.jpg" % i),
					     "2000", "1500", str(i + 1)], self.env)
			if rc != 0:
				self.note("mkphoto failed: %s" % err.strip()[:200])
				return None
		para = ("本报讯 青岚港二期码头昨日正式投运，新增泊位四个，年吞吐能力提升%d成。"
			"港口负责人表示，二期码头将主要服务集装箱运输，并与第%d号铁路场站联通。")
		out = ["# 青岚日报", "", "## " + self.PHOTO_HEAD, ""]
		at = (0, 30, 60, 90)
		for k in range(130):
			out += [para % (k, k * 7), ""]
			if k in at:
				n = at.index(k)
				out += ["![](images/p%d.jpg)" % n, "", "图为码头作业现场之%d。 本报记者 摄" % (n + 1), ""]
		with open(page, "w", encoding="utf-8") as f:
			f.write("\n".join(out))
		return page

	def photos(self):
		if not getattr(self.a, "mkphoto", None):
			self.note("no --mkphoto: skipping the photo figures")
			return
		page = self.photo_page()
		if page is None:
			return
		H = self.a.herald
		on = [H, "--images=auto", "-p", "1", "-a", "1", page]
		off = [H, "--images=none", "-p", "1", "-a", "1", page]
		res = {}
		vg = shutil.which("valgrind")
		if vg and "callgrind" in self.only:
			# pane_pics_undefer runs once the first screen is out: the
			# counters dumped before its first call are the first screen's
			hi, hi_first = None, None
			ho, ho_first = None, None
			out = {}
			for tag, argv in (("photo_on", on), ("photo_off", off)):
				total = self.ir_screen(vg, argv, b"Q", tag, marker=self.PHOTO_HEAD,
						       dump_before="pane_pics_undefer")
				first = None
				try:
					with open(os.path.join(self.tmp, "callgrind.%s.1" % tag),
						  encoding="utf-8", errors="replace") as f:
						t = re.search(r"^totals: (\d+)", f.read(), re.M)
						first = int(t.group(1)) if t else None
				except OSError:
					pass
				out[tag] = (total, first)
			(hi, hi_first), (ho, ho_first) = out["photo_on"], out["photo_off"]
			r = hi_first / ho_first if hi_first and ho_first else None
			self.row("instructions until the first screen, an article with a photo on it, 80×24",
				 "%s (to quit, the photo drawn: %s)" % (fmt_count(hi_first), fmt_count(hi)),
				 "--images=none: %s (to quit: %s)" % (fmt_count(ho_first), fmt_count(ho)),
				 fmt_ratio(r), "≤ 1.2× none", met(r, 1.2))
			res.update({"ir_on": hi, "ir_on_first": hi_first, "ir_off": ho, "ir_off_first": ho_first})
		# bytes per page-down across the photos: 256 colours and 24-bit
		term = self.env.get("TERM")
		for tag, t in (("256", "xterm-256color"), ("direct", "xterm-direct")):
			self.env["TERM"] = t
			h = self.per_key(on, b" ", b"Q", check=self.PHOTO_HEAD)
			n = self.per_key(off, b" ", b"Q", check=self.PHOTO_HEAD)
			res["bytes_" + tag] = {"on": h, "off": n}
			r = sum(h["all"]) / sum(n["all"]) if sum(n["all"]) else None
			self.row("bytes per page-down across 4 photos, %s (%s), 80×24"
				 % ("256 colours" if tag == "256" else "24-bit colour", t),
				 "median %d B, max %d B (%d keys: %d B)" % (h["median"], max(h["all"]),
									  len(h["all"]), sum(h["all"])),
				 "--images=none: median %d B, max %d B (%d B)" % (n["median"], max(n["all"]),
										  sum(n["all"])),
				 fmt_ratio(r), "–", "–")
			self.details.append("bytes per page-down, photo article, TERM=%s: with photos %s; none %s"
					    % (t, h["all"], n["all"]))
		self.env["TERM"] = term
		# the same with pixels (cells of 10x20 pixels)
		for mode in ("sixel", "kitty"):
			h = self.per_key([H, "--images=" + mode, "-p", "1", "-a", "1", page], b" ", b"Q",
					 check=self.PHOTO_HEAD)
			n = res["bytes_256"]["off"]
			res["bytes_" + mode] = {"on": h, "off": n}
			r = sum(h["all"]) / sum(n["all"]) if sum(n["all"]) else None
			self.row("bytes per page-down across 4 photos, %s, 80×24" % mode,
				 "median %d B, max %d B (%d keys: %d B)" % (h["median"], max(h["all"]),
									  len(h["all"]), sum(h["all"])),
				 "--images=none: median %d B, max %d B (%d B)" % (n["median"], max(n["all"]),
										  sum(n["all"])),
				 fmt_ratio(r), "–", "–")
			self.details.append("bytes per page-down, photo article, %s: %s" % (mode, h["all"]))
		# peak RSS: every page of the article, its 4 photos drawn
		rss = {}
		for tag, argv in (("on", on), ("off", off)):
			f = os.path.join(self.tmp, "rss-photo")
			p = self.pty(argv, rss_file=f)
			p.burst(t_ref=p.t0, first_timeout=10)
			for _ in range(self.a.keys):
				p.send(b" ")
				p.burst(first_timeout=1.0)
			p.close(b"Q")
			rss[tag] = self.read_rss(f)
		kb = (lambda v: "%.1f MB" % (v / 1024) if v else "n/a")
		h, n = rss["on"], rss["off"]
		self.row("peak RSS, reader, the 4 photos drawn (%d page-downs)" % self.a.keys, kb(h),
			 "--images=none: " + kb(n), "%+.1f MB" % ((h - n) / 1024) if h and n else "n/a",
			 "≤ +16 MB", met(h, n + 16 * 1024) if h and n else "?")
		res["rss"] = rss
		# one 2000x1500 JPEG decoded and drawn in 80x24 cells (--image,
		# [images] max_rows = 24)
		big = os.path.join(os.path.dirname(page), "images", "p0.jpg")
		cfg = os.path.join(self.tmp, "rows24.ini")
		with open(cfg, "w") as f:
			f.write("[images]\nmax_rows = 24\n")
		t = self.timed_many({"image": [H, "-c", cfg, "--image", big, "--width", "80"],
				     "version": [H, "--version"]})
		ti, tv = t.get("image"), t.get("version")
		self.row("a 2000×1500 JPEG decoded and drawn in 80×24 cells (--image)",
			 "%.1f ms wall, %.1f ms CPU" % (ti[0] * 1e3, ti[1] * 1e3) if ti else "n/a",
			 "the process alone (--version): %.1f ms wall, %.1f ms CPU"
			 % (tv[0] * 1e3, tv[1] * 1e3) if tv else "n/a",
			 "the photo: %.1f ms CPU" % ((ti[1] - tv[1]) * 1e3) if ti and tv else "n/a",
			 "≤ 50 ms", met(ti[1] - tv[1], 0.050) if ti and tv else "?")
		res["image"] = {"wall": ti, "version": tv}
		self.results["photos"] = res

	def report(self):
		print()
		print("herald-tui benchmarks (%s, %d runs each, medians; %s)"
		      % (time.strftime("%Y-%m-%d %H:%M"), self.a.runs, os.uname().nodename))
		print()
		print("| measure | herald-tui | peer (same run) | ratio | target | met |")
		print("|---|---|---|---|---|---|")
		for r in self.rows:
			print("| " + " | ".join(str(x) for x in r) + " |")
		print()
		if self.details:
			print("Details:")
			print()
			print("```")
			for d in self.details:
				print(d)
			print("```")
		print()
		print("How \"complete\" is decided: the masthead title has appeared and then the pty has "
		      "been quiet for %d ms; the time is that of the last byte before the quiet "
		      "(the wait is not counted); the clock starts before fork. Peak RSS comes from "
		      "wait4 in tests/bench/maxrss (a child forked from python would carry python's "
		      "~14 MB high-water mark across exec). A cursor position request (CSI 6n) is answered at "
		      "once, as a narrow-ambiguous terminal would. TERM=%s. The sizes' first screen "
		      "(issue 19) is the first frame: from the start to the last byte before the first "
		      "pause of %d ms after the masthead title (a big file's status line changes once "
		      "its rest is read: that is the row \"until 50 ms quiet\")."
		      % (pty_harness.QUIET * 1000, self.a.term, FRAME_GAP * 1000))
		for n in self.notes:
			print("note: " + n)
		if self.a.json:
			with open(self.a.json, "w", encoding="utf-8") as f:
				json.dump({"rows": self.rows, "results": self.results, "notes": self.notes},
					  f, ensure_ascii=False, indent=1, default=str)


def fmt_ratio(r):
	return "%.2f×" % r if r is not None else "n/a"


def fmt_count(n):
	if not n:
		return "n/a"
	return "%.3g×10⁹" % (n / 1e9) if n >= 1e8 else "%.3g×10⁶" % (n / 1e6)


def met(value, limit):
	"""'yes' if value ≤ limit (lower is better), '?' when unknown."""
	if value is None or limit is None:
		return "?"
	return "yes" if value <= limit else "**no**"


def main():
	ap = argparse.ArgumentParser(description="herald-tui benchmarks against less, w3m and a bare loop")
	ap.add_argument("--herald", required=True, help="the herald-tui binary")
	ap.add_argument("--bare", required=True, help="the bare-loop binary")
	ap.add_argument("--maxrss", required=True, help="the maxrss wrapper binary")
	ap.add_argument("--mkphoto", help="the mkphoto binary (the photo figures)")
	ap.add_argument("--data", required=True, help="directory for generated inputs (created)")
	ap.add_argument("--runs", type=int, default=5, help="runs per figure (≥ 5; default 5)")
	ap.add_argument("--keys", type=int, default=20, help="keypresses per key measure (default 20)")
	ap.add_argument("--only", default=",".join(MEASURES),
			help="comma list of: " + ", ".join(MEASURES))
	ap.add_argument("--no-callgrind", action="store_true", help="skip the instruction counts")
	ap.add_argument("--quick", action="store_true", help="generate small inputs (smoke run)")
	ap.add_argument("--top", type=int, default=15, help="functions listed per hot-spot table")
	ap.add_argument("--callers", type=int, default=4, help="hottest functions whose callers are listed")
	ap.add_argument("--term", default="xterm-256color")
	ap.add_argument("--rtt", type=float, default=100,
			help="ms the terminal takes to answer the width question in the "
			     "slow-link first screen (default 100)")
	ap.add_argument("--json", help="also write the results here")
	a = ap.parse_args()
	if a.runs < 5:
		ap.error("--runs must be at least 5 (medians of ≥ 5 runs)")
	only = set(a.only.split(","))
	if not only <= set(MEASURES):
		ap.error("--only: unknown measure(s): " + ", ".join(sorted(only - set(MEASURES))))
	if a.no_callgrind:
		only.discard("callgrind")
	a.less = shutil.which("less")
	a.w3m = shutil.which("w3m")
	for name in ("herald", "bare", "maxrss"):
		if not os.access(getattr(a, name), os.X_OK):
			ap.error("not executable: " + getattr(a, name))
	a.herald = os.path.abspath(a.herald)
	a.bare = os.path.abspath(a.bare)
	a.maxrss = os.path.abspath(a.maxrss)
	if a.mkphoto:
		a.mkphoto = os.path.abspath(a.mkphoto)
	a.data = os.path.abspath(a.data)
	b = Bench(a)
	b.only = only
	if not a.less:
		b.note("less not installed: its columns are n/a (it is in bootstrap's package list)")
		a.less = "less"
	if not a.w3m:
		b.note("w3m not installed: its column is n/a (it is in bootstrap's package list)")
	try:
		b.prepare()
		if not b.can_dump:
			b.note("herald-tui cannot --dump yet: only what does not need a dump is measured")
		for m in MEASURES:
			if m in only:
				print("bench: %s" % m, file=sys.stderr)
				getattr(b, m)()
		b.report()
	finally:
		shutil.rmtree(b.tmp, ignore_errors=True)
	return 0


if __name__ == "__main__":
	sys.exit(main())
