# ssh_harness.py: a private OpenSSH server on 127.0.0.1 for the benchmark,
# so "bytes per key over SSH" is measured on a real SSH connection instead
# of being estimated from what reaches the pseudo-terminal: sshd turns
# every write(2) it reads from the program's pty into an SSH packet of its
# own (length, padding and MAC around it), and each packet into at least
# one TCP segment.
#
# The server uses throw-away keys in a temporary directory, listens only on
# the loopback address, and lives as long as the Server object. What it
# sent is read from the kernel with `ss -tin` (the server side socket's
# bytes_sent and segs_out), so nothing is sniffed and no extra privilege is
# needed beyond what sshd itself wants. It never touches ~/.ssh or the
# system's sshd.
#
# Needs: sshd (openssh-server), ssh and ssh-keygen (openssh-client), ss
# (iproute2). Anything missing, or an sshd that will not start (as a user
# other than root it still needs /run/sshd), makes Server() raise
# Unavailable with the reason; the benchmark then says so and goes on.
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

import pty_harness

# a TCP/IPv4 header with the timestamps option Linux sends by default
TCPIP_HEADER = 52


class Unavailable(Exception):
	pass


def _free_port():
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	def __init__(self):
		self.sshd = shutil.which("sshd") or ("/usr/sbin/sshd" if os.access("/usr/sbin/sshd", os.X_OK) else None)
		self.ssh = shutil.which("ssh")
		keygen = shutil.which("ssh-keygen")
		self.ss = shutil.which("ss") or ("/usr/sbin/ss" if os.access("/usr/sbin/ss", os.X_OK) else None)
		missing = [n for n, p in (("sshd (openssh-server)", self.sshd), ("ssh", self.ssh),
					  ("ssh-keygen", keygen), ("ss (iproute2)", self.ss)) if not p]
		if missing:
			raise Unavailable("not installed: " + ", ".join(missing))
		self.dir = tempfile.mkdtemp(prefix="herald-bench-ssh.")
		self.proc = None
		try:
			for k in ("host", "id"):
				subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f",
						os.path.join(self.dir, k)], check=True,
					       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
			shutil.copy(os.path.join(self.dir, "id.pub"), os.path.join(self.dir, "authorized_keys"))
			os.chmod(os.path.join(self.dir, "authorized_keys"), 0o600)
			self.port = _free_port()
			conf = os.path.join(self.dir, "sshd_config")
			with open(conf, "w") as f:
				f.write("Port %d\nListenAddress 127.0.0.1\nHostKey %s/host\n"
					"AuthorizedKeysFile %s/authorized_keys\nPidFile %s/sshd.pid\n"
					"StrictModes no\nUsePAM no\nPermitRootLogin yes\n"
					"PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
					"PrintMotd no\nPrintLastLog no\nCompression no\n"
					% (self.port, self.dir, self.dir, self.dir))
			if os.geteuid() == 0:
				os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
			log = os.path.join(self.dir, "log")
			self.proc = subprocess.Popen([self.sshd, "-D", "-f", conf, "-E", log],
						     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
						     stderr=subprocess.DEVNULL)
			for _ in range(50):
				if self.proc.poll() is not None:
					break
				try:
					socket.create_connection(("127.0.0.1", self.port), 0.1).close()
					break
				except OSError:
					time.sleep(0.05)
			if self.proc.poll() is not None:
				with open(log, errors="replace") as f:
					raise Unavailable("sshd would not start: " + f.read().strip()[-200:])
		except Unavailable:
			self.close()
			raise
		except (OSError, subprocess.CalledProcessError) as e:
			self.close()
			raise Unavailable(str(e))

	def close(self):
		if self.proc is not None and self.proc.poll() is None:
			self.proc.terminate()
			try:
				self.proc.wait(5)
			except subprocess.TimeoutExpired:
				self.proc.kill()
		self.proc = None
		shutil.rmtree(self.dir, ignore_errors=True)

	def sent(self):
		"""(payload bytes, segments) the server has sent on its established
		connections so far."""
		out = subprocess.run([self.ss, "-tinH", "state", "established",
				      "( sport = :%d )" % self.port],
				     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
		b = sum(int(x) for x in re.findall(r"bytes_sent:(\d+)", out))
		s = sum(int(x) for x in re.findall(r"segs_out:(\d+)", out))
		return b, s

	def pty(self, remote_argv, env, rows=24, cols=80):
		"""ssh -tt into this server running remote_argv (with env set on the
		far side), in a pseudo-terminal of the given size."""
		cmd = " ".join(["env"] + ["%s=%s" % kv for kv in sorted(env.items())] +
			       [_quote(a) for a in remote_argv])
		local = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": env.get("TERM", "xterm"),
			 "HOME": self.dir, "LC_ALL": "C.UTF-8"}
		return pty_harness.Pty([self.ssh, "-tt", "-p", str(self.port), "-i", os.path.join(self.dir, "id"),
					"-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
					"-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
					"-o", "LogLevel=ERROR", "-o", "Compression=no", "127.0.0.1", cmd],
				       rows, cols, local)


def _quote(s):
	if re.fullmatch(r"[A-Za-z0-9_./=,:+-]+", s):
		return s
	return "'" + s.replace("'", "'\\''") + "'"
