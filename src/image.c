/*
 * image.c: photo files to RGBA pixels with the Debian libraries that do
 * each format: libjpeg-turbo, libpng (its simplified API), giflib and
 * libwebp. Every decoder reads from memory (the file was read whole, under
 * IMAGE_MAX_BYTES), the picture's size is checked against IMAGE_MAX_PIXELS
 * before any pixel buffer exists, and errors come back as one line. Must
 * not print, exit or touch the terminal: a bad photo is the caller's line
 * of text, never the end of the program.
 */
#include "build-config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <webp/decode.h>

#include "file.h"
#include "image.h"
#include "text.h"
#include "xmalloc.h"

/* A progressive JPEG of thousands of scans decodes for minutes; real
 * ones have about ten. libjpeg-turbo's own fuzzers stop at 500. */
#define JPEG_MAX_SCANS 500
/* libjpeg's working memory (a progressive JPEG keeps every coefficient). */
#define JPEG_MAX_MEMORY (256l * 1024 * 1024)

/*
 * The decoders are loaded with dlopen when a picture of their format is
 * first decoded: linked, their five libraries cost every start half a
 * million instructions of the dynamic loader (herald-tui --list of the
 * sample: 4.29 -> 4.82 million), photos or not. Their headers give the
 * types; the functions are reached through these pointers, and Debian's
 * shared libraries keep their security updates.
 */
#define DL_FN(name) static __typeof__(name) *dl_##name
DL_FN(jpeg_std_error);
DL_FN(jpeg_CreateDecompress);
DL_FN(jpeg_destroy_decompress);
DL_FN(jpeg_mem_src);
DL_FN(jpeg_read_header);
DL_FN(jpeg_start_decompress);
DL_FN(jpeg_read_scanlines);
DL_FN(jpeg_finish_decompress);
DL_FN(png_image_begin_read_from_memory);
DL_FN(png_image_finish_read);
DL_FN(png_image_free);
DL_FN(DGifOpen);
DL_FN(DGifCloseFile);
DL_FN(DGifGetRecordType);
DL_FN(DGifGetExtension);
DL_FN(DGifGetExtensionNext);
DL_FN(DGifGetImageDesc);
DL_FN(DGifGetLine);
DL_FN(GifErrorString);
DL_FN(WebPInitDecoderConfigInternal);
DL_FN(WebPGetFeaturesInternal);
DL_FN(WebPDecode);
DL_FN(WebPFreeDecBuffer);

struct decoder {
	const char *sonames[2];
	const char *what;		/* "libjpeg" */
	const char *const *names;	/* its functions */
	void **const *fns;		/* where they go */
	size_t n;
	void *dl;
	bool tried;
};

static const char *const jpeg_names[] = {"jpeg_std_error", "jpeg_CreateDecompress", "jpeg_destroy_decompress", "jpeg_mem_src", "jpeg_read_header", "jpeg_start_decompress", "jpeg_read_scanlines", "jpeg_finish_decompress"};
static void **const jpeg_fns[] = {(void **)&dl_jpeg_std_error, (void **)&dl_jpeg_CreateDecompress, (void **)&dl_jpeg_destroy_decompress, (void **)&dl_jpeg_mem_src, (void **)&dl_jpeg_read_header, (void **)&dl_jpeg_start_decompress, (void **)&dl_jpeg_read_scanlines, (void **)&dl_jpeg_finish_decompress};
static const char *const png_names[] = {"png_image_begin_read_from_memory", "png_image_finish_read", "png_image_free"};
static void **const png_fns[] = {(void **)&dl_png_image_begin_read_from_memory, (void **)&dl_png_image_finish_read, (void **)&dl_png_image_free};
static const char *const gif_names[] = {"DGifOpen", "DGifCloseFile", "DGifGetRecordType", "DGifGetExtension", "DGifGetExtensionNext", "DGifGetImageDesc", "DGifGetLine", "GifErrorString"};
static void **const gif_fns[] = {(void **)&dl_DGifOpen, (void **)&dl_DGifCloseFile, (void **)&dl_DGifGetRecordType, (void **)&dl_DGifGetExtension, (void **)&dl_DGifGetExtensionNext, (void **)&dl_DGifGetImageDesc, (void **)&dl_DGifGetLine, (void **)&dl_GifErrorString};
static const char *const webp_names[] = {"WebPInitDecoderConfigInternal", "WebPGetFeaturesInternal", "WebPDecode", "WebPFreeDecBuffer"};
static void **const webp_fns[] = {(void **)&dl_WebPInitDecoderConfigInternal, (void **)&dl_WebPGetFeaturesInternal, (void **)&dl_WebPDecode, (void **)&dl_WebPFreeDecBuffer};

#define N(a) (sizeof(a) / sizeof((a)[0]))
static struct decoder decoders[] = {
	[IMAGE_JPEG] = {{"libjpeg.so.62", "libjpeg.so"}, "libjpeg", jpeg_names,
	                jpeg_fns, N(jpeg_names), NULL, false},
	[IMAGE_PNG] = {{"libpng16.so.16", "libpng16.so"}, "libpng", png_names,
	               png_fns, N(png_names), NULL, false},
	[IMAGE_GIF] = {{"libgif.so.7", "libgif.so"}, "giflib", gif_names,
	               gif_fns, N(gif_names), NULL, false},
	[IMAGE_WEBP] = {{"libwebp.so.7", "libwebp.so"}, "libwebp", webp_names,
	                webp_fns, N(webp_names), NULL, false},
};

/* Load the decoder of format f once; 0, or -1 and *err. */
static int
load_decoder(enum image_format f, char **err)
{
	struct decoder *d = &decoders[f];
	size_t i;

	if (!d->tried) {
		d->tried = true;
		for (i = 0; i < 2 && d->dl == NULL; i++)
			d->dl = dlopen(d->sonames[i], RTLD_NOW | RTLD_LOCAL);
		for (i = 0; d->dl != NULL && i < d->n; i++)
			if ((*d->fns[i] = dlsym(d->dl, d->names[i])) == NULL) {
				dlclose(d->dl);
				d->dl = NULL;
			}
	}
	if (d->dl == NULL) {
		*err = xasprintf("%s pictures need %s (%s), which cannot be loaded",
		                 image_format_name(f), d->what, d->sonames[0]);
		return -1;
	}
	return 0;
}

static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
                                           0x1a, '\n'};

enum image_format
image_sniff(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return IMAGE_JPEG;
	if (n >= 8 && memcmp(p, png_magic, 8) == 0)
		return IMAGE_PNG;
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return IMAGE_GIF;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return IMAGE_WEBP;
	return IMAGE_UNKNOWN;
}

const char *
image_format_name(enum image_format f)
{
	switch (f) {
	case IMAGE_JPEG:
		return "JPEG";
	case IMAGE_PNG:
		return "PNG";
	case IMAGE_GIF:
		return "GIF";
	case IMAGE_WEBP:
		return "WebP";
	case IMAGE_UNKNOWN:
		break;
	}
	return "unknown";
}

/* 0 when a picture of w x h may be decoded, else -1 and *err. */
static int
check_size(const char *format, long w, long h, char **err)
{
	if (w <= 0 || h <= 0) {
		*err = xasprintf("%s picture of %ldx%ld pixels", format, w, h);
		return -1;
	}
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    (unsigned long)w * (unsigned long)h > IMAGE_MAX_PIXELS) {
		*err = xasprintf("%s picture too large: %ldx%ld pixels (at most "
		                 "%lu million)",
		                 format, w, h, IMAGE_MAX_PIXELS / 1000000);
		return -1;
	}
	return 0;
}

/*
 * The size a picture of w x h needs to be drawn fitted into tw x th: the
 * fitted size, never more than w x h (no scaling up). 0 x 0 target: w x h.
 */
static void
fit_size(int w, int h, int tw, int th, int *ow, int *oh)
{
	double sw, sh, s;

	*ow = w;
	*oh = h;
	if (tw <= 0 || th <= 0)
		return;
	sw = (double)tw / w;
	sh = (double)th / h;
	s = sw < sh ? sw : sh;
	if (s >= 1.0)
		return;
	*ow = (int)(w * s + 0.999);
	*oh = (int)(h * s + 0.999);
	if (*ow < 1)
		*ow = 1;
	if (*oh < 1)
		*oh = 1;
}

/*
 * Shrink by the largest whole factor that keeps at least the size needed
 * to fit tw x th: each output pixel is the mean of an f x f box (pixels
 * past the last whole box are dropped). Cheap; chafa smooths the rest.
 */
static void
shrink_box(struct image *im, int tw, int th)
{
	int f, fx, fy, fw, fh, w, h, x, y, i, j, c;
	unsigned char *out;

	if (tw <= 0 || th <= 0)
		return;
	fit_size(im->width, im->height, tw, th, &fw, &fh);
	fx = im->width / fw;
	fy = im->height / fh;
	f = fx < fy ? fx : fy;
	if (f < 2)
		return;
	w = im->width / f;
	h = im->height / f;
	out = xmalloc((size_t)w * (size_t)h * 4);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned sum[4] = {0, 0, 0, 0};

			for (j = 0; j < f; j++) {
				const unsigned char *p =
				    im->rgba + (((size_t)(y * f + j) * (size_t)im->width +
				                 (size_t)x * (size_t)f) *
				                4);

				for (i = 0; i < f; i++, p += 4)
					for (c = 0; c < 4; c++)
						sum[c] += p[c];
			}
			for (c = 0; c < 4; c++)
				out[((size_t)y * (size_t)w + (size_t)x) * 4 + (size_t)c] =
				    (unsigned char)(sum[c] / (unsigned)(f * f));
		}
	free(im->rgba);
	im->rgba = out;
	im->width = w;
	im->height = h;
}

/* --- JPEG ------------------------------------------------------------------ */

struct jpeg_fail {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
};

static void
jpeg_error_exit(j_common_ptr c)
{
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;

	c->err->format_message(c, f->msg);
	longjmp(f->jump, 1);
}

/* Warnings are ignored (many real photos have a few stray bytes) but for
 * the end of the data: libjpeg would paint the rest grey. */
static void
jpeg_emit(j_common_ptr c, int level)
{
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;

	if (level < 0 && c->err->msg_code == JWRN_JPEG_EOF) {
		snprintf(f->msg, sizeof f->msg, "truncated JPEG data");
		longjmp(f->jump, 1);
	}
	if (level < 0)
		c->err->num_warnings++;
}

static void
jpeg_progress(j_common_ptr c)
{
	j_decompress_ptr d = (j_decompress_ptr)c;

	if (d->input_scan_number > JPEG_MAX_SCANS) {
		struct jpeg_fail *f = (struct jpeg_fail *)c->err;

		snprintf(f->msg, sizeof f->msg, "JPEG of more than %d scans",
		         JPEG_MAX_SCANS);
		longjmp(f->jump, 1);
	}
}

static int
decode_jpeg(const unsigned char *p, size_t n, int tw, int th,
            struct image *im, char **err)
{
	struct jpeg_decompress_struct d;
	struct jpeg_progress_mgr prog;
	/* volatile: changed between setjmp and a longjmp back to it */
	struct jpeg_fail f;
	unsigned char *volatile rgba = NULL;
	unsigned char *volatile row = NULL;
	volatile int cmyk = 0;
	int denom, w, h, fw, fh;
	JSAMPROW rp;

	memset(&d, 0, sizeof d);
	d.err = dl_jpeg_std_error(&f.pub);
	f.pub.error_exit = jpeg_error_exit;
	f.pub.emit_message = jpeg_emit;
	f.msg[0] = '\0';
	if (setjmp(f.jump)) {
		dl_jpeg_destroy_decompress(&d);
		free(rgba);
		free(row);
		if (strncmp(f.msg, "truncated", 9) == 0 ||
		    strncmp(f.msg, "JPEG", 4) == 0)
			*err = xstrdup(f.msg);
		else
			*err = xasprintf("bad JPEG data (%s)", f.msg);
		return -1;
	}
	dl_jpeg_CreateDecompress(&d, JPEG_LIB_VERSION, sizeof d);
	d.mem->max_memory_to_use = JPEG_MAX_MEMORY;
	prog.progress_monitor = jpeg_progress;
	d.progress = &prog;
	dl_jpeg_mem_src(&d, p, (unsigned long)n);
	dl_jpeg_read_header(&d, TRUE);
	if (check_size("JPEG", (long)d.image_width, (long)d.image_height,
	               err) != 0) {
		dl_jpeg_destroy_decompress(&d);
		return -1;
	}
	im->src_width = (int)d.image_width;
	im->src_height = (int)d.image_height;
	/* Let the decoder skip what would be thrown away: 1/2, 1/4, 1/8,
	 * down to 7/8 of the size needed (chafa's own scaling hides that
	 * much; a 2000x1500 photo for 64x24 cells then decodes at 500x375,
	 * not 1000x750: half the time) */
	fit_size((int)d.image_width, (int)d.image_height, tw, th, &fw, &fh);
	for (denom = 8; denom > 1; denom /= 2)
		if (((long)d.image_width + denom - 1) / denom * 8 >= (long)fw * 7 &&
		    ((long)d.image_height + denom - 1) / denom * 8 >= (long)fh * 7)
			break;
	d.scale_num = 1;
	d.scale_denom = (unsigned)denom;
	d.dct_method = JDCT_ISLOW;
	if (d.jpeg_color_space == JCS_CMYK || d.jpeg_color_space == JCS_YCCK) {
		d.out_color_space = JCS_CMYK;
		cmyk = 1;
	} else
		d.out_color_space = JCS_EXT_RGBA;
	dl_jpeg_start_decompress(&d);
	w = (int)d.output_width;
	h = (int)d.output_height;
	rgba = xmalloc((size_t)w * (size_t)h * 4);
	if (cmyk)
		row = xmalloc((size_t)w * 4);
	while (d.output_scanline < d.output_height) {
		unsigned char *dst = rgba + (size_t)d.output_scanline * (size_t)w * 4;

		rp = cmyk ? row : dst;
		dl_jpeg_read_scanlines(&d, &rp, 1);
		if (cmyk) {
			/* Adobe writes CMYK inverted: 255 is no ink */
			int x;

			for (x = 0; x < w; x++) {
				unsigned k = row[x * 4 + 3];

				dst[x * 4 + 0] = (unsigned char)(row[x * 4 + 0] * k / 255);
				dst[x * 4 + 1] = (unsigned char)(row[x * 4 + 1] * k / 255);
				dst[x * 4 + 2] = (unsigned char)(row[x * 4 + 2] * k / 255);
				dst[x * 4 + 3] = 255;
			}
		}
	}
	dl_jpeg_finish_decompress(&d);
	dl_jpeg_destroy_decompress(&d);
	free(row);
	im->rgba = rgba;
	im->width = w;
	im->height = h;
	return 0;
}

/* --- PNG ------------------------------------------------------------------- */

static int
decode_png(const unsigned char *p, size_t n, struct image *im, char **err)
{
	png_image pi;
	unsigned char *rgba;

	/* The size from IHDR first, so a header of billions of pixels is
	 * refused however the rest of the file goes on. */
	if (n >= 24 && memcmp(p + 12, "IHDR", 4) == 0) {
		unsigned long w = (unsigned long)p[16] << 24 | (unsigned long)p[17] << 16 |
		                  (unsigned long)p[18] << 8 | p[19];
		unsigned long h = (unsigned long)p[20] << 24 | (unsigned long)p[21] << 16 |
		                  (unsigned long)p[22] << 8 | p[23];

		if (w > 0 && h > 0 && w < 0x80000000ul && h < 0x80000000ul &&
		    check_size("PNG", (long)w, (long)h, err) != 0)
			return -1;
	}
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	if (!dl_png_image_begin_read_from_memory(&pi, p, n)) {
		*err = xasprintf("bad PNG data (%s)", pi.message);
		return -1;
	}
	if (check_size("PNG", (long)pi.width, (long)pi.height, err) != 0) {
		dl_png_image_free(&pi);
		return -1;
	}
	pi.format = PNG_FORMAT_RGBA;
	rgba = xmalloc(PNG_IMAGE_SIZE(pi));
	if (!dl_png_image_finish_read(&pi, NULL, rgba, 0, NULL)) {
		/* libpng says "…read beyond end of data" on a cut file */
		if (strstr(pi.message, "end of data") != NULL ||
		    strstr(pi.message, "Not enough image data") != NULL)
			*err = xstrdup("truncated PNG data");
		else
			*err = xasprintf("bad PNG data (%s)", pi.message);
		free(rgba);
		return -1;
	}
	im->src_width = im->width = (int)pi.width;
	im->src_height = im->height = (int)pi.height;
	im->rgba = rgba;
	return 0;
}

/* --- GIF: the first frame on its logical screen ---------------------------- */

struct gif_src {
	const unsigned char *p;
	size_t n, off;
};

static int
gif_read(GifFileType *g, GifByteType *buf, int len)
{
	struct gif_src *s = g->UserData;
	size_t k = len > 0 ? (size_t)len : 0;

	if (k > s->n - s->off)
		k = s->n - s->off;
	memcpy(buf, s->p + s->off, k);
	s->off += k;
	return (int)k;
}

static int
gif_fail(GifFileType *g, unsigned char *rgba, unsigned char *line,
         char **err)
{
	int e = g->Error;

	free(rgba);
	free(line);
	dl_DGifCloseFile(g, NULL);
	if (e == D_GIF_ERR_READ_FAILED || e == D_GIF_ERR_EOF_TOO_SOON)
		*err = xstrdup("truncated GIF data");
	else
		*err = xasprintf("bad GIF data (%s)",
		                 dl_GifErrorString(e) ? dl_GifErrorString(e) : "?");
	return -1;
}

static int
decode_gif(const unsigned char *p, size_t n, struct image *im, char **err)
{
	static const int start[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
	struct gif_src src = {p, n, 0};
	GifFileType *g;
	GifRecordType t;
	GifByteType *ext;
	unsigned char *rgba = NULL, *line = NULL;
	int e, code, transparent = -1, sw, sh;

	if ((g = dl_DGifOpen(&src, gif_read, &e)) == NULL) {
		*err = xasprintf("bad GIF data (%s)",
		                 dl_GifErrorString(e) ? dl_GifErrorString(e) : "?");
		return -1;
	}
	sw = g->SWidth;
	sh = g->SHeight;
	if (check_size("GIF", sw, sh, err) != 0) {
		dl_DGifCloseFile(g, NULL);
		return -1;
	}
	for (;;) {
		if (dl_DGifGetRecordType(g, &t) == GIF_ERROR)
			return gif_fail(g, rgba, line, err);
		if (t == TERMINATE_RECORD_TYPE) {
			dl_DGifCloseFile(g, NULL);
			*err = xstrdup("GIF without a picture");
			return -1;
		}
		if (t == EXTENSION_RECORD_TYPE) {
			if (dl_DGifGetExtension(g, &code, &ext) == GIF_ERROR)
				return gif_fail(g, rgba, line, err);
			if (code == GRAPHICS_EXT_FUNC_CODE && ext != NULL &&
			    ext[0] >= 4 && (ext[1] & 1))
				transparent = ext[4];
			while (ext != NULL)
				if (dl_DGifGetExtensionNext(g, &ext) == GIF_ERROR)
					return gif_fail(g, rgba, line, err);
			continue;
		}
		if (t == IMAGE_DESC_RECORD_TYPE)
			break;
	}
	if (dl_DGifGetImageDesc(g) == GIF_ERROR)
		return gif_fail(g, rgba, line, err);
	{
		GifImageDesc *d = &g->Image;
		ColorMapObject *cm = d->ColorMap ? d->ColorMap : g->SColorMap;
		int pass, y, x, row, passes = d->Interlace ? 4 : 1;

		if (cm == NULL) {
			dl_DGifCloseFile(g, NULL);
			*err = xstrdup("bad GIF data (no colour map)");
			return -1;
		}
		if (check_size("GIF frame", d->Width, d->Height, err) != 0) {
			dl_DGifCloseFile(g, NULL);
			return -1;
		}
		/* transparent where the frame does not cover the screen */
		rgba = xcalloc((size_t)sw * (size_t)sh, 4);
		line = xmalloc((size_t)d->Width);
		for (pass = 0; pass < passes; pass++)
			for (y = d->Interlace ? start[pass] : 0; y < d->Height;
			     y += d->Interlace ? step[pass] : 1) {
				if (dl_DGifGetLine(g, line, d->Width) == GIF_ERROR)
					return gif_fail(g, rgba, line, err);
				row = d->Top + y;
				if (row < 0 || row >= sh)
					continue;
				for (x = 0; x < d->Width; x++) {
					int col = d->Left + x, i = line[x];
					unsigned char *q;

					if (col < 0 || col >= sw || i == transparent ||
					    i >= cm->ColorCount)
						continue;
					q = rgba + ((size_t)row * (size_t)sw + (size_t)col) * 4;
					q[0] = cm->Colors[i].Red;
					q[1] = cm->Colors[i].Green;
					q[2] = cm->Colors[i].Blue;
					q[3] = 255;
				}
			}
	}
	free(line);
	dl_DGifCloseFile(g, NULL);
	im->src_width = im->width = sw;
	im->src_height = im->height = sh;
	im->rgba = rgba;
	return 0;
}

/* --- WebP ------------------------------------------------------------------ */

static int
decode_webp(const unsigned char *p, size_t n, int tw, int th,
            struct image *im, char **err)
{
	WebPDecoderConfig c;
	VP8StatusCode s;
	int w, h;
	size_t size;

	if (!dl_WebPInitDecoderConfigInternal(&c, WEBP_DECODER_ABI_VERSION)) {
		*err = xstrdup("libwebp version mismatch");
		return -1;
	}
	s = dl_WebPGetFeaturesInternal(p, n, &c.input, WEBP_DECODER_ABI_VERSION);
	if (s != VP8_STATUS_OK) {
		*err = xstrdup(s == VP8_STATUS_NOT_ENOUGH_DATA
		                   ? "truncated WebP data"
		                   : "bad WebP data (header)");
		return -1;
	}
	if (check_size("WebP", c.input.width, c.input.height, err) != 0)
		return -1;
	if (c.input.has_animation) {
		*err = xstrdup("animated WebP is not supported");
		return -1;
	}
	im->src_width = c.input.width;
	im->src_height = c.input.height;
	fit_size(c.input.width, c.input.height, tw, th, &w, &h);
	if (w != c.input.width || h != c.input.height) {
		c.options.use_scaling = 1;
		c.options.scaled_width = w;
		c.options.scaled_height = h;
	}
	size = (size_t)w * (size_t)h * 4;
	c.output.colorspace = MODE_RGBA;
	c.output.is_external_memory = 1;
	c.output.u.RGBA.rgba = xmalloc(size);
	c.output.u.RGBA.stride = w * 4;
	c.output.u.RGBA.size = size;
	s = dl_WebPDecode(p, n, &c);
	if (s != VP8_STATUS_OK) {
		free(c.output.u.RGBA.rgba);
		dl_WebPFreeDecBuffer(&c.output);
		*err = xstrdup(s == VP8_STATUS_NOT_ENOUGH_DATA
		                   ? "truncated WebP data"
		                   : "bad WebP data");
		return -1;
	}
	dl_WebPFreeDecBuffer(&c.output);
	im->rgba = c.output.u.RGBA.rgba;
	im->width = w;
	im->height = h;
	return 0;
}

/* --- public ---------------------------------------------------------------- */

int
image_decode(const unsigned char *p, size_t n, int target_w, int target_h,
             struct image *out, char **err)
{
	struct image im;
	int r;

	memset(&im, 0, sizeof im);
	*err = NULL;
	if (n == 0) {
		*err = xstrdup("empty file");
		return -1;
	}
	if (n > IMAGE_MAX_BYTES) {
		*err = xasprintf("image file over %u MB",
		                 IMAGE_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	im.format = image_sniff(p, n);
	if (im.format != IMAGE_UNKNOWN && load_decoder(im.format, err) != 0)
		return -1;
	switch (im.format) {
	case IMAGE_JPEG:
		r = decode_jpeg(p, n, target_w, target_h, &im, err);
		break;
	case IMAGE_PNG:
		r = decode_png(p, n, &im, err);
		break;
	case IMAGE_GIF:
		r = decode_gif(p, n, &im, err);
		break;
	case IMAGE_WEBP:
		r = decode_webp(p, n, target_w, target_h, &im, err);
		break;
	case IMAGE_UNKNOWN:
	default:
		*err = xstrdup("not a JPEG, PNG, GIF or WebP image");
		return -1;
	}
	if (r != 0)
		return -1;
	shrink_box(&im, target_w, target_h);
	*out = im;
	return 0;
}

/* "name: reason" for the file at path, its name made safe to show. */
static char *
named(const char *path, const char *fmt, ...) HERALD_PRINTF(2, 3);

static char *
named(const char *path, const char *fmt, ...)
{
	char *name = text_name(path), *why, *s;
	va_list ap;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	s = xasprintf("%s: %s", name, why);
	free(name);
	free(why);
	return s;
}

int
image_load(const char *path, int target_w, int target_h, struct image *out,
           char **err)
{
	struct file_error fe;
	unsigned char *p;
	char *why = NULL;
	size_t n;
	int r;

	*err = NULL;
	p = (unsigned char *)file_read(path, IMAGE_MAX_BYTES, &n, &fe);
	if (p == NULL) {
		switch (fe.status) {
		case FILE_NOT_REGULAR:
			*err = named(path, "is %s, not an image",
			             file_kind(fe.mode));
			break;
		case FILE_TOO_LARGE:
			*err = named(path, "image file over %u MB",
			             IMAGE_MAX_BYTES / (1024 * 1024));
			break;
		default:
			*err = named(path, "%s", strerror(fe.err));
			break;
		}
		return -1;
	}
	r = image_decode(p, n, target_w, target_h, out, &why);
	free(p);
	if (r != 0) {
		*err = named(path, "%s", why);
		free(why);
	}
	return r;
}

/* --- the size, from the header --------------------------------------------- */

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)be16(p) << 16 | be16(p + 2);
}

/* A JPEG's size: its first SOFn segment's, the segments walked by their
 * lengths (EXIF and its thumbnail come before it). */
static int
jpeg_size(const unsigned char *p, size_t n, long *w, long *h, char **err)
{
	size_t i = 2;

	while (i + 1 < n) {
		unsigned m;

		if (p[i] != 0xff) {
			*err = xstrdup("bad JPEG data (no marker where one "
			               "belongs)");
			return -1;
		}
		while (i < n && p[i] == 0xff)	/* fill bytes */
			i++;
		if (i >= n)
			break;
		m = p[i++];
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;	/* no length */
		if (m == 0xd9 || m == 0xda) {
			*err = xstrdup("bad JPEG data (no frame header)");
			return -1;
		}
		if (i + 2 > n)
			break;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (i + 7 > n)
				break;
			*h = (long)be16(p + i + 3);
			*w = (long)be16(p + i + 5);
			return 0;
		}
		if (be16(p + i) < 2) {
			*err = xstrdup("bad JPEG data (a segment's length)");
			return -1;
		}
		i += be16(p + i);
	}
	*err = xstrdup("truncated JPEG data");
	return -1;
}

int
image_probe_bytes(const unsigned char *p, size_t n, int *w, int *h,
                  char **err)
{
	enum image_format f = image_sniff(p, n);
	long pw = 0, ph = 0;

	*err = NULL;
	switch (f) {
	case IMAGE_JPEG:
		if (jpeg_size(p, n, &pw, &ph, err) != 0)
			return -1;
		break;
	case IMAGE_PNG:
		if (n < 24 || memcmp(p + 12, "IHDR", 4) != 0) {
			*err = xstrdup("truncated PNG data");
			return -1;
		}
		pw = be32(p + 16) > 0x7fffffffUL ? -1 : (long)be32(p + 16);
		ph = be32(p + 20) > 0x7fffffffUL ? -1 : (long)be32(p + 20);
		break;
	case IMAGE_GIF:
		if (n < 10) {
			*err = xstrdup("truncated GIF data");
			return -1;
		}
		pw = (long)le16(p + 6);
		ph = (long)le16(p + 8);
		break;
	case IMAGE_WEBP:
		if (n >= 30 && memcmp(p + 12, "VP8X", 4) == 0) {
			pw = 1 + (long)(le16(p + 24) | (unsigned long)p[26] << 16);
			ph = 1 + (long)(le16(p + 27) | (unsigned long)p[29] << 16);
		} else if (n >= 25 && memcmp(p + 12, "VP8L", 4) == 0 &&
		           p[20] == 0x2f) {
			unsigned long b = le16(p + 21) |
			                  (unsigned long)le16(p + 23) << 16;

			pw = 1 + (long)(b & 0x3fff);
			ph = 1 + (long)(b >> 14 & 0x3fff);
		} else if (n >= 30 && memcmp(p + 12, "VP8 ", 4) == 0 &&
		           p[23] == 0x9d && p[24] == 0x01 && p[25] == 0x2a) {
			pw = (long)(le16(p + 26) & 0x3fff);
			ph = (long)(le16(p + 28) & 0x3fff);
		} else {
			*err = xstrdup("truncated or unknown WebP data");
			return -1;
		}
		break;
	case IMAGE_UNKNOWN:
	default:
		*err = xstrdup(n == 0 ? "empty file"
		                      : "not a JPEG, PNG, GIF or WebP image");
		return -1;
	}
	if (check_size(image_format_name(f), pw, ph, err) != 0)
		return -1;
	*w = (int)pw;
	*h = (int)ph;
	return 0;
}

/* The header's share of a file that image_probe reads (EXIF and its
 * thumbnail may come before a JPEG's frame header). */
#define PROBE_BYTES (256 * 1024)

int
image_probe(const char *path, int *w, int *h, char **err)
{
	unsigned char *p;
	struct stat st;
	char *why = NULL;
	size_t n = 0;
	ssize_t k = 0;
	int fd, r, e = 0;

	*err = NULL;
	/* O_NONBLOCK: a FIFO named as a photo does not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		*err = named(path, "%s", strerror(e));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		*err = named(path, "is %s, not an image", file_kind(st.st_mode));
		return -1;
	}
	p = xmalloc(PROBE_BYTES);
	while (n < PROBE_BYTES &&
	       ((k = read(fd, p + n, PROBE_BYTES - n)) > 0 ||
	        (k < 0 && errno == EINTR)))
		if (k > 0)
			n += (size_t)k;
	if (n < PROBE_BYTES && k < 0)
		e = errno;
	close(fd);
	if (e != 0)
		why = xstrdup(strerror(e));
	else if (st.st_size > (off_t)IMAGE_MAX_BYTES)
		why = xasprintf("image file over %u MB",
		                IMAGE_MAX_BYTES / (1024 * 1024));
	r = why != NULL ? -1 : image_probe_bytes(p, n, w, h, &why);
	free(p);
	if (r != 0) {
		*err = named(path, "%s", why);
		free(why);
	}
	return r;
}

void
image_free(struct image *im)
{
	if (im == NULL)
		return;
	free(im->rgba);
	im->rgba = NULL;
}
