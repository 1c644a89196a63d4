#!/usr/bin/env python3
"""slowterm.py: a terminal that answers the cursor position question late.

    slowterm.py [--hold SECONDS] [--mark FILE] [--type-after TEXT KEYS]
                [--record FILE] -- COMMAND [ARG]...

Runs COMMAND on a pseudo-terminal of its own, inside the terminal it is
started in (a tmux pane in the screen tests), and passes everything both
ways at once, except a cursor position report (ESC [ row ; col R) coming
from the terminal: that reaches COMMAND only SECONDS later, as from a
terminal across a slow link. FILE is created when the report is passed on.

--type-after TEXT KEYS: once COMMAND has written TEXT (UTF-8), type KEYS
into it, as a user quick on the keyboard would; a report held back then
goes SECONDS after the keys instead (so it arrives after them).

--record FILE: every byte COMMAND writes to its terminal is also
appended to FILE, as written (escape sequences and all).

Exits with COMMAND's status.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import tty

CPR = re.compile(rb"\x1b\[[0-9]+;[0-9]+R")


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--hold", type=float, default=1.0)
	ap.add_argument("--mark")
	ap.add_argument("--type-after", nargs=2, metavar=("TEXT", "KEYS"))
	ap.add_argument("--record")
	ap.add_argument("command", nargs="+")
	a = ap.parse_args()

	size = None
	if os.isatty(0):
		size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
	pid, fd = pty.fork()
	if pid == 0:
		if size:
			fcntl.ioctl(0, termios.TIOCSWINSZ, size)
		try:
			os.execvp(a.command[0], a.command)
		finally:
			os._exit(127)

	saved = None
	if os.isatty(0):
		saved = termios.tcgetattr(0)
		tty.setraw(0)
	signal.signal(signal.SIGWINCH, lambda *_: fcntl.ioctl(
		fd, termios.TIOCSWINSZ, fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)))

	want = a.type_after[0].encode() if a.type_after else None
	seen = b""
	held = []		# [release time or None (after the keys), bytes]
	typed_at = None
	status = 1
	try:
		while True:
			now = time.monotonic()
			for h in held[:]:
				t = h[0] if h[0] is not None else (
					typed_at + a.hold if typed_at is not None else None)
				if t is not None and now >= t:
					os.write(fd, h[1])
					held.remove(h)
					if a.mark:
						open(a.mark, "w").close()
			timeout = 0.02 if held else None
			try:
				r, _, _ = select.select([0, fd], [], [], timeout)
			except InterruptedError:
				continue
			if fd in r:
				try:
					out = os.read(fd, 65536)
				except OSError:
					out = b""
				if not out:
					break
				os.write(1, out)
				if a.record:
					with open(a.record, "ab") as f:
						f.write(out)
				if want is not None and typed_at is None:
					seen = (seen + out)[-(len(want) + 65536):]
					if want in seen:
						os.write(fd, a.type_after[1].encode())
						typed_at = time.monotonic()
			if 0 in r:
				data = os.read(0, 4096)
				if not data:
					continue
				for m in CPR.finditer(data):
					when = None if (want is not None and typed_at is None) \
						else time.monotonic() + a.hold
					held.append([when, m.group(0)])
				rest = CPR.sub(b"", data)
				if rest:
					os.write(fd, rest)
	finally:
		if saved is not None:
			termios.tcsetattr(0, termios.TCSADRAIN, saved)
		_, st = os.waitpid(pid, 0)
		status = os.waitstatus_to_exitcode(st)
	sys.exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
	main()
