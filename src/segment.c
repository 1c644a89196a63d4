/*
 * segment.c: a Markdown file read in parts. A whole read holds the file,
 * its sanitised text and the model of every page at once: three times
 * the file, and refused past 64 MiB. Here the file is read a part of
 * about a segment at a time, each part sanitised and parsed alone, into
 * an assemble_stream: the loader builds the whole model so (load.c), and
 * --dump prints and frees the stories as they are done (stream.c).
 *
 * The model is the whole read's, because the file is cut only where the
 * whole read would read the same blocks:
 *   - at a line end (sanitising keeps nothing across a line end; a form
 *     feed ends a piece, as split_pages cuts it);
 *   - before an ATX heading at the start of a line after a blank line,
 *     outside fenced code and outside the HTML blocks that only their
 *     own end marker closes (comments, <script>, <pre>…): md4c starts a
 *     block there whatever came before, as it does at a page separator;
 *   - never in a file with a link reference definition ([a]: url), which
 *     md4c resolves across the whole text: such a file is read whole.
 * A first read (segment_scan) settles what each piece's headings say
 * (flat), finds NUL bytes and what forbids a cut; segment_feed reads it
 * again as many times as the caller needs.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "assemble.h"
#include "buf.h"
#include "file.h"
#include "scan.h"
#include "segment.h"
#include "source.h"
#include "text.h"
#include "xmalloc.h"

/* ---- reading: raw bytes to the end of a line, pieces at form feeds -- */

struct reader {
	int fd;
	char *buf;
	size_t off, len, cap; /* unread bytes: buf[off, len) */
	size_t looked;        /* of them, searched for \n and \f */
	size_t seg; /* read at a time, about */
	bool eof;
	bool find_nul; /* stop at a NUL byte, setting nul */
	bool nul;
	const atomic_bool *stop; /* segment_file's */
	unsigned pause;
};

/* HERALD_STREAM's pause (the stop flag is looked at after it). */
static void
pause_read(const struct reader *r)
{
	struct timespec t = {(time_t)(r->pause / 1000),
	                     (long)(r->pause % 1000) * 1000000L};

	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

/* Read more: up to seg bytes past what is buffered. 0, or -1 (errno). */
static int
fill(struct reader *r)
{
	ssize_t n;

	if (r->stop != NULL && r->pause > 0)
		pause_read(r);

	if (r->off > 0) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	if (r->cap - r->len < r->seg) {
		r->cap = r->len + r->seg;
		r->buf = xrealloc(r->buf, r->cap);
	}
	do
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n == 0)
		r->eof = true;
	if (r->find_nul && memchr(r->buf + r->len, '\0', (size_t)n) != NULL)
		r->nul = true;
	r->len += (size_t)n;
	return 0;
}

/*
 * The next raw chunk in *p, *n: to the last line end of what is read, to
 * a form feed (left out; *ff set), or to the end of the file. 1, 0 at
 * the end (or at a NUL byte, with find_nul), -1 on a read error (errno),
 * -2 at a line longer than SEGMENT_MAX_LINE.
 */
static int
next_chunk(struct reader *r, const char **p, size_t *n, bool *ff)
{
	if (r->buf == NULL && fill(r) != 0)
		return -1;
	for (;;) {
		const char *s = r->buf + r->off, *f, *nl;
		size_t have = r->len - r->off;

		if (r->nul)
			return 0;
		*ff = false;
		/* [off, off + looked) has no line end and no form feed */
		if ((f = memchr(s + r->looked, '\f', have - r->looked)) != NULL) {
			*p = s;
			*n = (size_t)(f - s);
			*ff = true;
			r->off += *n + 1;
			r->looked = 0;
			return 1;
		}
		if (r->eof) {
			if (have == 0)
				return 0;
			*p = s;
			*n = have;
			r->off = r->len;
			r->looked = 0;
			return 1;
		}
		nl = memrchr(s + r->looked, '\n', have - r->looked);
		if (nl != NULL && have >= r->seg) {
			*p = s;
			*n = (size_t)(nl + 1 - s);
			r->off += *n;
			r->looked = have - *n;
			return 1;
		}
		if (nl == NULL) {
			r->looked = have;
			if (have > SEGMENT_MAX_LINE)
				return -2;
		}
		if (fill(r) != 0)
			return -1;
	}
}

/* ---- where a piece may be cut ------------------------------------- */

struct cutscan {
	char fence;      /* the open fence's character, or 0 */
	size_t fencelen; /* and its length */
	const char *html_end; /* the end marker of an open HTML block */
	bool blank;      /* the line before was blank */
};

/* needle in [p, e), ASCII letters in any case */
static bool
has_marker(const char *p, const char *e, const char *needle)
{
	size_t n = strlen(needle);

	for (; (size_t)(e - p) >= n; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

/* The HTML blocks (CommonMark's kinds 1 to 5) that a blank line does not
 * end: the marker that does, or NULL when the line opens none. */
static const char *
html_opener(const char *q, const char *e)
{
	static const char *const tags[][2] = {
	    {"<script", "</script>"}, {"<pre", "</pre>"},
	    {"<style", "</style>"},   {"<textarea", "</textarea>"},
	};
	size_t i, n;

	if (e - q >= 4 && memcmp(q, "<!--", 4) == 0)
		return "-->";
	if (e - q >= 2 && memcmp(q, "<?", 2) == 0)
		return "?>";
	if (e - q >= 9 && memcmp(q, "<![CDATA[", 9) == 0)
		return "]]>";
	if (e - q >= 3 && q[1] == '!' &&
	    ((q[2] >= 'A' && q[2] <= 'Z') || (q[2] >= 'a' && q[2] <= 'z')))
		return ">";
	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		n = strlen(tags[i][0]);
		if ((size_t)(e - q) >= n && strncasecmp(q, tags[i][0], n) == 0 &&
		    ((size_t)(e - q) == n || q[n] == ' ' || q[n] == '>' ||
		     q[n] == '\t'))
			return tags[i][1];
	}
	return NULL;
}

/* An ATX heading: 1 to 6 # at the line's start, then a space or the end. */
static bool
atx_at_start(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && *q == '#' && q - p < 7)
		q++;
	return q > p && q - p <= 6 && (q == e || *q == ' ');
}

/* A link reference definition's start: "[label]:" */
static bool
ref_definition(const char *q, const char *e)
{
	const char *c;

	if (q == e || *q != '[')
		return false;
	c = memchr(q, ']', (size_t)(e - q));
	return c != NULL && c + 1 < e && c[1] == ':';
}

/*
 * One line [p, e) of a piece read in order: true when the piece may be
 * cut before it. *ref is set at a link reference definition.
 */
static bool
cut_line(struct cutscan *c, const char *p, const char *e, bool *ref)
{
	const char *q = p, *r;
	bool blank_before = c->blank, can;
	size_t n;

	while (q < e && q - p < 3 && *q == ' ')
		q++;
	c->blank = true;
	for (r = q; r < e; r++)
		if (*r != ' ')
			c->blank = false;
	if (c->fence != 0) {
		/* a closing fence: the same character, as many or more, then
		 * only spaces */
		for (r = q, n = 0; r < e && *r == c->fence; r++)
			n++;
		while (r < e && *r == ' ')
			r++;
		if (n >= c->fencelen && r == e)
			c->fence = 0;
		return false;
	}
	if (c->html_end != NULL) {
		if (has_marker(p, e, c->html_end))
			c->html_end = NULL;
		return false;
	}
	can = blank_before && p < e && *p == '#' && atx_at_start(p, e);
	if (e - q >= 3 && (*q == '`' || *q == '~') && q[1] == *q &&
	    q[2] == *q) {
		c->fence = *q;
		for (c->fencelen = 0; q < e && *q == c->fence; q++)
			c->fencelen++;
		return false;
	}
	if (*ref == false)
		*ref = ref_definition(q, e);
	if (q < e && *q == '<' && (r = html_opener(q, e)) != NULL &&
	    !has_marker(q + 2, e, r))
		c->html_end = r;
	return can;
}

/* The text of one piece, as it comes, and where it may be cut. */
struct piece {
	struct buf acc;  /* sanitised text not yet parsed */
	size_t scanned;  /* of acc, the lines looked at */
	size_t cut;      /* the last place acc may be cut, 0: none */
	struct cutscan cs;
	struct assemble_levels lv;
	int line0;       /* lines of the file before acc */
	/* acc is the file's bytes from pos, as everything before it was,
	 * but for the CRs of CRLF line ends sanitising dropped: before the
	 * LFs at acc's offsets dropped[0, ndropped) (assemble_stream_feed's
	 * off and dropped) */
	unsigned long long pos;
	bool exact;
	size_t *dropped, ndropped;
};

/*
 * t (tlen bytes) is raw (n bytes) with the CR of each CRLF dropped and
 * nothing else changed: true, the offsets of those LFs in t, plus base,
 * added to pc's dropped.
 */
static bool
crlf_only(struct piece *pc, const char *raw, size_t n, const char *t,
          size_t tlen, size_t base)
{
	size_t i = 0, j = 0, was = pc->ndropped;

	while (i < n && j < tlen) {
		if (raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n' &&
		    t[j] == '\n') {
			pc->dropped = xgrow(pc->dropped, pc->ndropped,
			                    sizeof *pc->dropped);
			pc->dropped[pc->ndropped++] = base + j;
			i++;
		} else if (raw[i] != t[j])
			break;
		i++;
		j++;
	}
	if (i == n && j == tlen)
		return true;
	pc->ndropped = was;
	return false;
}

/* Look at acc's new whole lines (all of it at the piece's end). */
static void
scan_lines(struct segment_file *s, struct piece *pc, bool end, size_t index)
{
	const char *t = pc->acc.s;
	size_t i = pc->scanned, n = pc->acc.len;

	while (i < n) {
		const char *nl = memchr(t + i, '\n', n - i);
		const char *e = nl != NULL ? nl : t + n;

		if (nl == NULL && !end)
			break;
		if (cut_line(&pc->cs, t + i, e, &s->ref) && i > 0)
			pc->cut = i;
		if (index == 0 && !s->marked)
			s->marked = source_heading_line(t + i,
			                                (size_t)(e - t) - i);
		assemble_levels_line(&pc->lv, t + i, e);
		i = (size_t)(e - t) + (nl != NULL);
	}
	pc->scanned = i;
}

/* Parse acc up to its cut (all of it at the piece's end). */
static int
feed(struct assemble_stream *as, struct piece *pc, bool end)
{
	size_t n = end ? pc->acc.len : pc->cut, i, k;
	int rc = 0;

	if (n == 0 && !end)
		return 0;
	if (pc->acc.s == NULL)
		buf_add(&pc->acc, "", 0); /* an empty file: "" */
	/* the CRs dropped in the part fed */
	for (k = 0; k < pc->ndropped && pc->dropped[k] < n; k++)
		;
	if (as != NULL)
		rc = assemble_stream_feed(as, pc->acc.s, n, pc->line0,
		                          pc->exact ? (long long)pc->pos : -1,
		                          pc->dropped, k);
	pc->line0 += scan_count_lines(pc->acc.s, n);
	pc->pos += n + k;
	for (i = k; i < pc->ndropped; i++)
		pc->dropped[i - k] = pc->dropped[i] - n;
	pc->ndropped -= k;
	memmove(pc->acc.s, pc->acc.s + n, pc->acc.len - n);
	pc->acc.len -= n;
	pc->scanned -= n;
	pc->cut = 0;
	return rc;
}

/* A piece begins: with as, the rules are told; else it is counted. */
static void
begin_piece(struct segment_file *s, struct assemble_stream *as,
            struct piece *pc, size_t index, int line0)
{
	if (as == NULL) {
		s->flat = xreallocarray(s->flat, index + 1, sizeof *s->flat);
		s->npieces = index + 1;
	} else	/* more pieces than the scan saw: the file changed (and
		 * segment_feed says so at its end) */
		assemble_stream_piece(as, index < s->npieces ? s->flat[index]
		                                              : false);
	memset(&pc->cs, 0, sizeof pc->cs);
	memset(&pc->lv, 0, sizeof pc->lv);
	pc->cs.blank = true;
	pc->line0 = line0;
}

/* The piece ends: its last lines looked at, the rest of it parsed. */
static int
end_piece(struct segment_file *s, struct assemble_stream *as,
          struct piece *pc, size_t index)
{
	scan_lines(s, pc, true, index);
	if (as == NULL)
		s->flat[index] = assemble_levels_flat(&pc->lv);
	return feed(as, pc, true);
}

/* One read of the file, its parts fed to as (NULL: only scanned). 0, -1
 * (a read error: errno), -2 (a line too long), -3 (s->stop was set) or 1
 * (the rules could not parse a part: assemble_stream_end says why). */
static int
run_pass(struct segment_file *s, struct assemble_stream *as)
{
	/* read and sanitised 64 KiB at a time: the buffers stay in the heap,
	 * below the size malloc maps pages for anew each time */
	struct reader r = {s->fd, NULL, 0, 0, 0, 0,
	                   s->seg < 65536 ? s->seg : 65536, false, false,
	                   false, s->stop, s->pause};
	struct piece pc;
	const char *raw;
	size_t n, index = 0;
	unsigned long long pos = 0;
	bool ff, open = false;
	int k, rc = 0, line0 = 0;

	memset(&pc, 0, sizeof pc);
	pc.exact = as != NULL;
	r.find_nul = as == NULL;
	if (lseek(s->fd, 0, SEEK_SET) < 0)
		return -1;
	if (as != NULL && s->progress != NULL && s->progress->total == 0)
		atomic_store(&s->progress->size,
		             (unsigned long long)s->st.st_size);
	while (rc == 0 && (k = next_chunk(&r, &raw, &n, &ff)) != 0) {
		char *t;
		size_t tlen;

		if (k < 0) {
			rc = k;
			break;
		}
		if (s->stop != NULL && atomic_load(s->stop)) {
			rc = -3;
			break;
		}
		if (!open) {
			begin_piece(s, as, &pc, index, line0);
			open = true;
		}
		t = text_sanitize(raw, n, 0, &tlen);
		if (pc.exact && (tlen != n || memcmp(t, raw, n) != 0) &&
		    !crlf_only(&pc, raw, n, t, tlen, pc.acc.len))
			pc.exact = false;
		buf_add(&pc.acc, t, tlen);
		free(t);
		scan_lines(s, &pc, ff, index);
		pos += n + ff;
		if (as != NULL && s->progress != NULL)
			atomic_store(&s->progress->parsed,
			             s->progress->base + pos);
		if (pc.acc.len >= s->seg && pc.cut > 0 &&
		    feed(as, &pc, false) != 0)
			rc = 1;
		if (ff) {
			/* a form feed ends the piece */
			if (end_piece(s, as, &pc, index) != 0)
				rc = 1;
			line0 = pc.line0;
			pc.pos++; /* the form feed */
			open = false;
			index++;
		}
	}
	if (rc == 0 && (open || index == 0)) {
		if (!open) /* an empty file: one empty piece */
			begin_piece(s, as, &pc, index, line0);
		if (end_piece(s, as, &pc, index) != 0)
			rc = 1;
	}
	s->nul |= r.nul;
	free(pc.dropped);
	buf_free(&pc.acc);
	free(r.buf);
	return rc;
}

void
segment_size_from_env(struct segment_size *z)
{
	const char *v = getenv("HERALD_STREAM");
	char *end;
	unsigned long long n;

	/* Read whole, a file is held about four times over at the peak
	 * (its bytes, their sanitised copy, the paragraphs' copies, md4c's
	 * work): 13.6 MB for a page of 3.9 MB. In parts it is a part at a
	 * time, for about a fifth more time (its stories parsed again to be
	 * shelved): from two parts on, a file is read so. */
	z->segment = 256 * 1024;
	z->threshold = 2 * z->segment;
	z->batch = 8;
	z->report = false;
	z->pause = 0;
	if (v == NULL || *v == '\0')
		return;
	n = strtoull(v, &end, 10);
	if (n == 0 || (*end != '\0' && *end != ':'))
		return;
	z->threshold = z->segment = (size_t)n;
	z->report = true;
	if (*end == ':' && (n = strtoull(end + 1, &end, 10)) >= 2 &&
	    (*end == '\0' || *end == ':'))
		z->batch = (size_t)n;
	if (*end == ':' && (n = strtoull(end + 1, &end, 10)) <= 60000 &&
	    *end == '\0')
		z->pause = (unsigned)n;
}

bool
segment_open(struct segment_file *s, const char *path,
             const struct segment_size *size)
{
	memset(s, 0, sizeof *s);
	s->path = path;
	s->fd = -1;
	s->seg = size->segment > 0 ? size->segment : 1;
	s->pause = size->pause;
	if (source_is_html_name(path))
		return false;
	/* O_NONBLOCK: a FIFO must not hold the open (file.c's way) */
	if ((s->fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) <
	    0)
		return false; /* the whole read says why */
	if (fstat(s->fd, &s->st) != 0 || !S_ISREG(s->st.st_mode) ||
	    (uintmax_t)s->st.st_size <= size->threshold) {
		close(s->fd);
		s->fd = -1;
		return false;
	}
	return true;
}

void
segment_close(struct segment_file *s)
{
	free(s->flat);
	if (s->fd >= 0)
		close(s->fd);
}

/* run_pass's outcome: SEGMENT_DONE or SEGMENT_FAILED with *err. */
static int
outcome(struct segment_file *s, int r, bool scan, char **err)
{
	char *safe;

	if (r > 0)
		return SEGMENT_DONE; /* assemble_stream_end says why */
	if (r == 0 && (scan || !file_changed(s->fd, &s->st)) &&
	    !(scan && s->nul))
		return SEGMENT_DONE;
	safe = text_name(s->path);
	if (r == -3)
		*err = xasprintf("%s: read stopped", safe);
	else if (r == -2)
		*err = xasprintf("%s: a line longer than %u bytes", safe,
		                 SEGMENT_MAX_LINE);
	else if (r < 0)
		*err = xasprintf("%s: %s", safe, strerror(errno));
	else if (!scan)
		*err = xasprintf("%s: changed while read", safe);
	else
		*err = xasprintf("%s: binary file (NUL bytes), not an issue",
		                 safe);
	free(safe);
	return SEGMENT_FAILED;
}

int
segment_scan(struct segment_file *s, char **err)
{
	if (outcome(s, run_pass(s, NULL), true, err) != SEGMENT_DONE)
		return SEGMENT_FAILED;
	/* source_is_text would say plain text, or may: a form feed makes a
	 * file not named Markdown plain text */
	if (s->ref || !s->marked ||
	    (s->npieces > 1 && !source_is_markdown_name(s->path)))
		return SEGMENT_WHOLE;
	return SEGMENT_DONE;
}

int
segment_feed(struct segment_file *s, struct assemble_stream *as, char **err)
{
	return outcome(s, run_pass(s, as), false, err);
}
