# pty_harness.py: run a full-screen program in a pseudo-terminal of a fixed
# size and measure what it writes: when the first screen is complete, how
# many bytes each key costs, how long a redraw after a resize takes, and the
# child's peak RSS (from wait4, per child).
#
# "Complete" means: bytes have arrived and then the terminal has been quiet
# for QUIET seconds; the time reported is that of the LAST byte of the burst
# (so the quiet wait itself is not counted). A marker string, when given, is
# timed too (the first moment it has been seen in the output), and with
# need_marker a quiet spell before the marker does not end the screen: a
# program that sets up the terminal, then works for a while, then draws, is
# complete only after the drawing.
#
# The first frame, when frame_gap is given, ends at the last byte before the
# first pause of frame_gap seconds after the marker: a program that draws
# its first screen and later changes a line of it (a status line saying
# that the rest of a big file is in) has its first screen out then, whether
# the change comes within QUIET or long after it.
#
# It acts as a terminal only in one way: it answers a cursor position
# request (CSI 6n), as a terminal whose East Asian Ambiguous characters are
# narrow would: at once, or cpr_delay seconds later, as a terminal across a
# link with that round trip would (the answer is written when due, from
# whatever read or wait the harness is in). It must not interpret or filter
# anything else.
import errno
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time

QUIET = 0.05
CPR_REQUEST = b"\x1b[6n"
# the probe writes one ambiguous character at column 1 of a fresh row:
# a narrow terminal leaves the cursor at column 2
CPR_ANSWER = b"\x1b[2;2R"


def winsize(rows, cols):
	return struct.pack("HHHH", rows, cols, 0, 0)


class Burst:
	def __init__(self):
		self.nbytes = 0
		self.t_first = None	# seconds since the reference time
		self.t_last = None
		self.t_marker = None
		self.t_frame = None	# the first frame's last byte (frame_gap)
		self.data = b""


class Pty:
	def __init__(self, argv, rows=24, cols=80, env=None, cpr_delay=0.0):
		self.rows, self.cols = rows, cols
		self.cpr_delay = cpr_delay
		self.cpr_due = []	# times the answers are due
		self.tail = b""
		self.eof = False
		self.status = None
		self.rusage = None
		self.t0 = time.perf_counter()
		pid, fd = pty.fork()
		if pid == 0:
			try:
				fcntl.ioctl(0, termios.TIOCSWINSZ, winsize(rows, cols))
				os.execvpe(argv[0], argv, env if env is not None else os.environ)
			finally:
				os._exit(127)
		self.pid, self.fd = pid, fd

	def _read(self, timeout):
		"""One read with a timeout: bytes, b"" on timeout, None at EOF."""
		if self.eof:
			return None
		end = time.perf_counter() + max(timeout, 0)
		while True:
			now = time.perf_counter()
			while self.cpr_due and self.cpr_due[0] <= now:
				self.cpr_due.pop(0)
				os.write(self.fd, CPR_ANSWER)
			wait = end - now
			if self.cpr_due:
				wait = min(wait, self.cpr_due[0] - now)
			r, _, _ = select.select([self.fd], [], [], max(wait, 0))
			if r or time.perf_counter() >= end:
				break
		if not r:
			return b""
		try:
			b = os.read(self.fd, 65536)
		except OSError as e:
			if e.errno == errno.EIO:	# the child closed the tty
				self.eof = True
				return None
			raise
		if not b:
			self.eof = True
			return None
		# answer CSI 6n, also when it is split across two reads
		if CPR_REQUEST in self.tail + b:
			if self.cpr_delay > 0:
				self.cpr_due.append(time.perf_counter() + self.cpr_delay)
			else:
				os.write(self.fd, CPR_ANSWER)
		self.tail = b[-3:]
		return b

	def burst(self, t_ref=None, quiet=QUIET, first_timeout=30.0, marker=None,
		  keep=False, max_time=120.0, need_marker=False, frame_gap=None):
		"""Read until bytes came and then nothing for quiet seconds (or EOF,
		or first_timeout with no bytes at all). Times are relative to t_ref
		(default: now). frame_gap: time the first frame too (above)."""
		if t_ref is None:
			t_ref = time.perf_counter()
		b = Burst()
		seen = b""
		framing = frame_gap is not None
		deadline = t_ref + first_timeout
		end = t_ref + max_time
		while True:
			now = time.perf_counter()
			if b.t_first is None or (need_marker and b.t_marker is None):
				wait = min(quiet, deadline - now) if b.t_first is not None else deadline - now
				if wait <= 0:
					break
			else:
				wait = min(quiet, end - now)
				if wait <= 0:
					break
			chunk = self._read(wait)
			if chunk is None:
				break
			if chunk == b"":
				if b.t_first is not None and (b.t_marker is not None or not need_marker):
					break
				continue
			t = time.perf_counter() - t_ref
			if b.t_first is None:
				b.t_first = t
			b.t_last = t
			b.nbytes += len(chunk)
			if framing and b.t_frame is not None:
				if t - b.t_frame < frame_gap:
					b.t_frame = t
				else:
					framing = False
			if keep:
				b.data += chunk
			if marker is not None and b.t_marker is None:
				seen = (seen + chunk)[-(len(marker) + 65536):]
				if marker in seen:
					b.t_marker = t
					if framing:
						b.t_frame = t
		return b

	def send(self, keys):
		os.write(self.fd, keys)

	def resize(self, rows, cols):
		"""TIOCSWINSZ on the master: the kernel sends SIGWINCH to the
		foreground process group. Returns the time of the ioctl."""
		self.rows, self.cols = rows, cols
		t = time.perf_counter()
		fcntl.ioctl(self.fd, termios.TIOCSWINSZ, winsize(rows, cols))
		return t

	def send(self, data, timeout=60.0):
		"""Write data (keys) a little at a time, reading the output
		meanwhile: a child busy answering the first keys writes to the
		screen, and would block there while a write of many keys waits
		for room in its input. True when all was written."""
		end = time.perf_counter() + timeout
		was = os.get_blocking(self.fd)
		os.set_blocking(self.fd, False)
		try:
			while data and not self.eof and time.perf_counter() < end:
				try:
					data = data[os.write(self.fd, data[:64]):]
				except BlockingIOError:
					pass
				self._read(0.002 if data else 0)
		finally:
			os.set_blocking(self.fd, was)
		return not data

	def close(self, quit_keys=b"q", timeout=3.0):
		"""Quit politely, then by signal. Returns (status, rusage)."""
		if self.rusage is not None:
			return self.status, self.rusage
		end = time.perf_counter() + timeout
		try:
			if quit_keys and not self.eof:
				self.send(quit_keys, timeout)
		except OSError:
			pass
		sig = [signal.SIGTERM, signal.SIGKILL]
		while True:
			pid, status, ru = os.wait4(self.pid, os.WNOHANG)
			if pid == self.pid:
				break
			if time.perf_counter() > end:
				if sig:
					try:
						os.kill(self.pid, sig.pop(0))
					except ProcessLookupError:
						pass
					end = time.perf_counter() + 1.0
			if self.eof:
				time.sleep(0.01)
			else:
				self._read(0.02)	# drain so the child never blocks on write
		os.close(self.fd)
		self.status, self.rusage = status, ru
		return status, ru
