#!/usr/bin/env python3
"""mutate.py: mutation testing of herald-tui (make mutate; never in make check).

Each mutant of tests/mutate/mutants.txt (its format is described at the
top of that file) plants one small bug in src/. The source tree is copied
into a scratch directory (WORK/tree, kept between runs so the build there
is incremental), configured once out of tree (WORK/build), and built; then
for each mutant in turn: its file is patched, the program and the test
programs rebuilt (only that file recompiles), and the test suite run,
JOBS tests at a time, until the first test fails: the mutant is killed
(by that test), or every test passes: it survived. The file is restored
before the next mutant. A mutant whose old text does not occur exactly
once in its file is an ERROR that names it (the list needs updating after
the code moved), as is one that does not build.

The tests are the make check ones (--tests, from Makefile.am's TESTS), run
as make check runs them (same environment, TAP: a "not ok", a "Bail out!"
or a non-zero exit fails); the tests that killed mutants of the same file
run first, then the quicker ones (as timed in the run of the unmutated suite). Prints a table and, last, "N killed, N survived".
"""
import argparse
import filecmp
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

SKIP_DIRS = {".git", "autom4te.cache"}


def parse_mutants(path):
    """The mutants: a list of dicts (name, file, desc, old, new, line)."""
    mutants, cur, part = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        if cur is None or part is None:
            if line.startswith("@ "):
                fields = line[2:].split()
                if len(fields) != 2:
                    sys.exit(f"{path}:{n}: expected '@ NAME FILE'")
                cur = {"name": fields[0], "file": fields[1], "desc": "",
                       "old": [], "new": [], "line": n}
                mutants.append(cur)
            elif cur is not None and line.startswith("# ") and not cur["desc"]:
                cur["desc"] = line[2:].strip()
            elif cur is not None and line == "<<<":
                part = "old"
            elif line.strip() == "" or line.startswith("#"):
                continue
            else:
                sys.exit(f"{path}:{n}: unexpected line: {line}")
        elif line == "===" and part == "old":
            part = "new"
        elif line == ">>>" and part == "new":
            part = None
        else:
            cur[part].append(line)
    if part is not None:
        sys.exit(f"{path}: mutant {cur['name']} is not closed with >>>")
    names = set()
    for m in mutants:
        if m["name"] in names:
            sys.exit(f"{path}:{m['line']}: mutant {m['name']} is listed twice")
        names.add(m["name"])
        if not m["desc"]:
            sys.exit(f"{path}:{m['line']}: mutant {m['name']} has no '# description' line")
        m["old"] = "\n".join(m["old"])
        m["new"] = "\n".join(m["new"])
    return mutants


def sync_tree(src, dst, work):
    """Copy src to dst, file by file, only what differs (mtimes kept, so the
    build in the copy stays incremental); build directories are left out."""
    work = os.path.realpath(work)
    for root, dirs, files in os.walk(src):
        keep = []
        for d in dirs:
            full = os.path.realpath(os.path.join(root, d))
            if d in SKIP_DIRS or full == work or work.startswith(full + os.sep) \
                    or os.path.exists(os.path.join(full, "config.status")):
                continue
            keep.append(d)
        dirs[:] = keep
        rel = os.path.relpath(root, src)
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in files:
            s = os.path.join(root, name)
            d = os.path.join(dst, rel, name)
            if os.path.islink(s) or not os.path.isfile(s):
                continue
            if not os.path.exists(d) or not filecmp.cmp(s, d, shallow=False):
                shutil.copy2(s, d)


def run(cmd, cwd, log, env=None):
    with open(log, "a") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        return subprocess.call(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)


class Suite:
    def __init__(self, args, build, tree):
        self.tests = args.tests.split()
        self.build = build
        self.jobs = args.jobs
        self.timeout = args.timeout
        self.kills = {}  # (src file, test): mutants of that file it killed
        self.secs = {t: 0.0 for t in self.tests}
        self.env = dict(os.environ)
        self.env.update({
            "CMOCKA_MESSAGE_OUTPUT": "TAP", "top_srcdir": tree,
            "top_builddir": build, "HERALD": os.path.join(build, "src", "herald-tui"),
            "LC_ALL": "C.UTF-8"})
        if args.seed:
            self.env["SEED"] = args.seed
        self.tap_skip = os.path.join(tree, "tests", "tap-skip.sh")

    def order(self, file):
        return sorted(self.tests, key=lambda t: (-self.kills.get((file, t), 0),
                                                 self.secs[t], t))

    def command(self, t):
        path = os.path.join(self.build, t)
        if not os.path.exists(path):
            path = os.path.join(self.env["top_srcdir"], t)
        if t.endswith(".test"):
            return [self.tap_skip, path]
        return [path]

    def run_one(self, t, logdir):
        log = os.path.join(logdir, t.replace("/", "_") + ".log")
        t0 = time.monotonic()
        with open(log, "w") as out:
            p = subprocess.Popen(self.command(t), cwd=self.build, env=self.env,
                                 stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
            self.procs.add(p)
            try:
                rc = p.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                rc = "timeout"
            finally:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait()
                self.procs.discard(p)
        if not self.secs[t]:  # the baseline's time (a killed run is cut short)
            self.secs[t] = time.monotonic() - t0
        if rc == "timeout":
            return f"timed out after {self.timeout} s"
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        bad = re.search(r"^(not ok\b(?!.*#\s*TODO).*|Bail out!.*)$", text, re.M)
        if bad:
            return bad.group(0)[:60]
        if rc != 0:
            return f"exit status {rc}"
        return None

    def run(self, logdir, stop_first=True, file=None):
        """(first failing test, why) or None when every test passes. The
        tests that killed mutants of the same file go first, then the
        quicker ones."""
        os.makedirs(logdir, exist_ok=True)
        todo = self.order(file)
        lock = threading.Lock()
        self.procs = set()
        failed = []

        def worker():
            while True:
                with lock:
                    if not todo or (failed and stop_first):
                        return
                    t = todo.pop(0)
                why = self.run_one(t, logdir)
                if why is not None:
                    with lock:
                        failed.append((t, why))
                        if stop_first:
                            for p in list(self.procs):
                                try:
                                    os.killpg(p.pid, signal.SIGKILL)
                                except ProcessLookupError:
                                    pass

        threads = [threading.Thread(target=worker) for _ in range(self.jobs)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        if failed:
            key = (file, failed[0][0])
            self.kills[key] = self.kills.get(key, 0) + 1
            return failed[0] if stop_first else failed
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--work", required=True, help="scratch directory (kept)")
    ap.add_argument("--list", help="the mutants (default: SRCDIR/tests/mutate/mutants.txt)")
    ap.add_argument("--tests", required=True, help="the tests, as in Makefile.am's TESTS")
    ap.add_argument("--seed", help="SEED for the tests")
    # no -Werror: a mutant may well warn (an unused variable) and is still
    # a bug the tests must catch
    ap.add_argument("--configure-args", default="")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=600, help="seconds per test")
    ap.add_argument("--only", help="comma-separated mutant names")
    ap.add_argument("--check", action="store_true",
                    help="only check that every mutant applies")
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip the run of the unmutated suite")
    args = ap.parse_args()

    t_start = time.monotonic()
    srcdir = os.path.realpath(args.srcdir)
    mutants = parse_mutants(args.list or os.path.join(srcdir, "tests/mutate/mutants.txt"))
    if args.only:
        want = set(args.only.split(","))
        unknown = want - {m["name"] for m in mutants}
        if unknown:
            sys.exit("mutate: no such mutant: " + ", ".join(sorted(unknown)))
        mutants = [m for m in mutants if m["name"] in want]

    errors = []
    for m in mutants:
        path = os.path.join(srcdir, m["file"])
        if not os.path.isfile(path):
            m["error"] = f"{m['file']} does not exist"
        else:
            with open(path, encoding="utf-8") as f:
                n = f.read().count(m["old"])
            if n != 1:
                m["error"] = f"its old text occurs {n} times in {m['file']}, not once"
        if "error" in m:
            errors.append(m)
            print(f"mutate: ERROR: mutant {m['name']} (line {m['line']}): {m['error']}",
                  file=sys.stderr)
    if args.check:
        print(f"{len(mutants) - len(errors)} mutants apply, {len(errors)} do not")
        return 1 if errors else 0

    work = os.path.realpath(args.work)
    tree, build, logs = (os.path.join(work, d) for d in ("tree", "build", "logs"))
    os.makedirs(build, exist_ok=True)
    shutil.rmtree(logs, ignore_errors=True)
    os.makedirs(logs)
    buildlog = os.path.join(logs, "build.log")
    print(f"mutate: copying {srcdir} to {tree}", flush=True)
    sync_tree(srcdir, tree, work)
    stamp = os.path.join(build, ".mutate-configure")
    old_args = open(stamp).read() if os.path.exists(stamp) else None
    if not os.path.exists(os.path.join(build, "Makefile")) or old_args != args.configure_args:
        print(f"mutate: configuring {build} {args.configure_args}", flush=True)
        if run([os.path.join(tree, "configure")] + args.configure_args.split(),
               build, buildlog) != 0:
            sys.exit(f"mutate: configure failed (see {buildlog})")
        with open(stamp, "w") as f:
            f.write(args.configure_args)
    make = ["make", f"-j{args.jobs}", "check", "TESTS="]
    print("mutate: building", flush=True)
    if run(make, build, buildlog) != 0:
        sys.exit(f"mutate: the unmutated tree does not build (see {buildlog})")

    suite = Suite(args, build, tree)
    if not args.no_baseline:
        t0 = time.monotonic()
        failed = suite.run(os.path.join(logs, "baseline"), stop_first=False)
        print(f"mutate: the unmutated suite: {len(suite.tests)} tests, "
              f"{time.monotonic() - t0:.0f} s", flush=True)
        if failed:
            for t, why in failed:
                print(f"mutate: FAIL without a mutant: {t}: {why}", file=sys.stderr)
            sys.exit("mutate: the suite must pass before mutants can be judged")

    rows = []
    for m in mutants:
        if "error" in m:
            rows.append((m, "ERROR", m["error"], 0.0))
            continue
        path = os.path.join(tree, m["file"])
        with open(path, encoding="utf-8") as f:
            orig = f.read()
        t0 = time.monotonic()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig.replace(m["old"], m["new"], 1))
            if run(make, build, buildlog) != 0:
                m["error"] = f"does not build (see {buildlog})"
                errors.append(m)
                rows.append((m, "ERROR", m["error"], time.monotonic() - t0))
            else:
                r = suite.run(os.path.join(logs, m["name"]), file=m["file"])
                if r:
                    rows.append((m, "killed", f"{r[0]}: {r[1]}", time.monotonic() - t0))
                else:
                    rows.append((m, "SURVIVED", "", time.monotonic() - t0))
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig)
        status = rows[-1][1]
        print(f"mutate: {m['name']}: {status} ({rows[-1][3]:.0f} s) {rows[-1][2]}", flush=True)
    run(make, build, buildlog)

    w = max([len(m["name"]) for m in mutants] + [6])
    print()
    print(f"{'mutant':<{w}}  {'result':<8}  {'secs':>4}  description / first failing test")
    for m, status, why, secs in rows:
        print(f"{m['name']:<{w}}  {status:<8}  {secs:4.0f}  {m['desc']}")
        if why:
            print(f"{'':<{w}}  {'':<8}  {'':>4}    {why}")
    killed = sum(1 for r in rows if r[1] == "killed")
    survived = sum(1 for r in rows if r[1] == "SURVIVED")
    print(f"run time {time.monotonic() - t_start:.0f} s; {len(errors)} errors")
    print(f"{killed} killed, {survived} survived")
    return 1 if errors or survived else 0


if __name__ == "__main__":
    sys.exit(main())
