/*
 * test-photo.c: photos from file to cells. The pictures are made here with
 * the same libraries (libpng, libjpeg, giflib, libwebp write them), in a
 * private temporary directory: each format told by its bytes, scaled while
 * decoding, rendered by chafa in truecolor, 256 colours and none, aspect
 * kept; and hostile files (cut, huge headers, garbage, empty, a GIF bomb)
 * refused with one line that names the file.
 *
 * Also a tiny driver: `photo.test FILE [WIDTH [ROWS]]` prints FILE as
 * symbol art (truecolor) through photo_dump, as --image does.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/encode.h>
#include <zlib.h>

#include "image.h"
#include "photo.h"
#include "xmalloc.h"

static char dir[] = "/tmp/herald-photo-XXXXXX";

static char *
in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* A gradient w x h: red across, green down, blue 64. */
static unsigned char *
gradient(int w, int h)
{
	unsigned char *p = xmalloc((size_t)w * (size_t)h * 4);
	int x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *q = p + ((size_t)y * (size_t)w + (size_t)x) * 4;

			q[0] = (unsigned char)(x * 255 / (w > 1 ? w - 1 : 1));
			q[1] = (unsigned char)(y * 255 / (h > 1 ? h - 1 : 1));
			q[2] = 64;
			q[3] = 255;
		}
	return p;
}

static void
write_bytes(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static unsigned char *
read_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = xmalloc((size_t)len + 1);
	assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return p;
}

static void
write_png(const char *path, int w, int h, const unsigned char *rgba)
{
	png_image pi;

	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)w;
	pi.height = (png_uint_32)h;
	pi.format = PNG_FORMAT_RGBA;
	assert_true(png_image_write_to_file(&pi, path, 0, rgba, 0, NULL));
}

static void
write_jpeg(const char *path, int w, int h, const unsigned char *rgba,
           int progressive)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *mem = NULL;
	unsigned long n = 0;
	JSAMPROW row;

	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &mem, &n);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 4;
	c.in_color_space = JCS_EXT_RGBA;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		row = (JSAMPROW)(rgba + (size_t)c.next_scanline * (size_t)w * 4);
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	write_bytes(path, mem, n);
	free(mem);
}

/* A GIF of w x h on a screen of sw x sh: 4 colours in bands, index 3
 * transparent. */
static void
write_gif(const char *path, int sw, int sh, int w, int h, int interlace)
{
	GifColorType colors[4] = {
	    {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {0, 0, 0}};
	ColorMapObject *cm = GifMakeMapObject(4, colors);
	unsigned char gce[4] = {1, 0, 0, 3}; /* transparent: index 3 */
	GifByteType *line = xmalloc((size_t)w);
	GifFileType *g;
	int e, x, y;

	g = EGifOpenFileName(path, false, &e);
	assert_non_null(g);
	EGifSetGifVersion(g, true);
	assert_int_equal(EGifPutScreenDesc(g, sw, sh, 2, 0, cm), GIF_OK);
	assert_int_equal(EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, 4, gce),
	                 GIF_OK);
	assert_int_equal(EGifPutImageDesc(g, 0, 0, w, h, interlace, NULL), GIF_OK);
	/* interlaced or not, the lines go in the order they are shown:
	 * giflib writes what it is given; the bands are per row, so the
	 * test below reads them back by row */
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++)
			line[x] = (GifByteType)(x < w / 4 ? 3 : (y * 3 / h));
		assert_int_equal(EGifPutLine(g, line, w), GIF_OK);
	}
	assert_int_equal(EGifCloseFile(g, &e), GIF_OK);
	GifFreeMapObject(cm);
	free(line);
}

static void
write_webp(const char *path, int w, int h, const unsigned char *rgba)
{
	uint8_t *out = NULL;
	size_t n = WebPEncodeRGBA(rgba, w, h, w * 4, 90, &out);

	assert_true(n > 0);
	write_bytes(path, out, n);
	WebPFree(out);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int r = system(cmd);

	(void)state;
	free(cmd);
	return r;
}

/* --- decoding -------------------------------------------------------------- */

static void
test_sniff(void **state)
{
	static const unsigned char jpg[] = {0xff, 0xd8, 0xff, 0xe0};
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
	                                    '\n'};

	(void)state;
	assert_int_equal(image_sniff(jpg, sizeof jpg), IMAGE_JPEG);
	assert_int_equal(image_sniff(png, sizeof png), IMAGE_PNG);
	assert_int_equal(image_sniff((const unsigned char *)"GIF89a", 6), IMAGE_GIF);
	assert_int_equal(image_sniff((const unsigned char *)"RIFF\1\0\0\0WEBPVP8 ",
	                             16),
	                 IMAGE_WEBP);
	assert_int_equal(image_sniff((const unsigned char *)"RIFF\1\0\0\0WAVE", 12),
	                 IMAGE_UNKNOWN);
	assert_int_equal(image_sniff(png, 7), IMAGE_UNKNOWN);
	assert_string_equal(image_format_name(IMAGE_WEBP), "WebP");
}

/* A PNG named .jpg is a PNG: the bytes decide. */
static void
test_png(void **state)
{
	unsigned char *px = gradient(64, 32);
	char *path = in_dir("really-a-png.jpg"), *err = NULL;
	struct image im;

	(void)state;
	write_png(path, 64, 32, px);
	assert_int_equal(image_load(path, 0, 0, &im, &err), 0);
	assert_null(err);
	assert_int_equal(im.format, IMAGE_PNG);
	assert_int_equal(im.width, 64);
	assert_int_equal(im.height, 32);
	assert_memory_equal(im.rgba, px, 64 * 32 * 4);
	image_free(&im);
	/* a box filter halves it when a quarter of the size is asked for */
	assert_int_equal(image_load(path, 16, 16, &im, &err), 0);
	assert_int_equal(im.src_width, 64);
	assert_int_equal(im.width, 16);
	assert_int_equal(im.height, 8);
	/* the box mean of the top-left 4x4 block */
	assert_in_range(im.rgba[0], 5, 7);
	assert_in_range(im.rgba[1], 11, 14);
	assert_int_equal(im.rgba[2], 64);
	image_free(&im);
	free(path);
	free(px);
}

/* A 2000x1500 JPEG fitted into 640x384 pixels (512x384) decodes at 1/4:
 * 500x375 is within 7/8 of it. */
static void
test_jpeg_scaled(void **state)
{
	unsigned char *px = gradient(2000, 1500);
	char *path = in_dir("big.jpg"), *err = NULL;
	struct image im;

	(void)state;
	write_jpeg(path, 2000, 1500, px, 0);
	assert_int_equal(image_load(path, 640, 384, &im, &err), 0);
	assert_int_equal(im.format, IMAGE_JPEG);
	assert_int_equal(im.src_width, 2000);
	assert_int_equal(im.src_height, 1500);
	assert_int_equal(im.width, 500);
	assert_int_equal(im.height, 375);
	/* the colours survive: the middle is red ~128, green ~128, blue 64 */
	{
		unsigned char *q = im.rgba + ((size_t)187 * 500 + 250) * 4;

		assert_in_range(q[0], 118, 138);
		assert_in_range(q[1], 118, 138);
		assert_in_range(q[2], 54, 74);
		assert_int_equal(q[3], 255);
	}
	image_free(&im);
	/* 1/8 (250x188) when little is needed, then a 2x2 box */
	assert_int_equal(image_load(path, 100, 100, &im, &err), 0);
	assert_int_equal(im.width, 125);
	assert_int_equal(im.height, 94);
	image_free(&im);
	/* progressive too */
	write_jpeg(path, 2000, 1500, px, 1);
	assert_int_equal(image_load(path, 640, 384, &im, &err), 0);
	assert_int_equal(im.width, 500);
	image_free(&im);
	/* 1/2 when 1/4 would be too small: 1100x825 takes 1000x750 */
	assert_int_equal(image_load(path, 1100, 825, &im, &err), 0);
	assert_int_equal(im.width, 1000);
	image_free(&im);
	free(path);
	free(px);
}

/* The first frame, interlaced or not; index 3 is transparent. */
static void
test_gif(void **state)
{
	char *path = in_dir("bands.gif"), *err = NULL;
	struct image im;
	int interlace;

	(void)state;
	for (interlace = 0; interlace <= 1; interlace++) {
		write_gif(path, 40, 30, 40, 30, interlace);
		assert_int_equal(image_load(path, 0, 0, &im, &err), 0);
		assert_int_equal(im.format, IMAGE_GIF);
		assert_int_equal(im.width, 40);
		assert_int_equal(im.height, 30);
		/* transparent left quarter */
		assert_int_equal(im.rgba[3], 0);
		/* rows written 0..29 in order: giflib stores what it is given
		 * in file order, so for an interlaced file the rows land by
		 * pass; either way the top row is red (band 0) */
		assert_int_equal(im.rgba[20 * 4 + 0], 255);
		assert_int_equal(im.rgba[20 * 4 + 3], 255);
		if (!interlace) {
			unsigned char *q = im.rgba + ((size_t)29 * 40 + 20) * 4;

			assert_int_equal(q[2], 255); /* bottom: blue */
		}
		image_free(&im);
	}
	free(path);
}

static void
test_webp(void **state)
{
	unsigned char *px = gradient(300, 200);
	char *path = in_dir("photo.webp"), *err = NULL;
	struct image im;

	(void)state;
	write_webp(path, 300, 200, px);
	assert_int_equal(image_load(path, 150, 150, &im, &err), 0);
	assert_int_equal(im.format, IMAGE_WEBP);
	assert_int_equal(im.src_width, 300);
	assert_int_equal(im.width, 150); /* scaled while decoding */
	assert_int_equal(im.height, 100);
	image_free(&im);
	free(path);
	free(px);
}

/* --- hostile files: one line naming the file, never a crash -------------- */

static void
expect_error(const char *name, const char *want)
{
	char *path = in_dir(name), *err = NULL;
	struct image im;
	time_t t0 = time(NULL);

	assert_int_equal(image_load(path, 640, 384, &im, &err), -1);
	assert_non_null(err);
	if (strstr(err, want) == NULL || strstr(err, name) == NULL ||
	    strchr(err, '\n') != NULL)
		fail_msg("%s: got \"%s\", want \"%s\"", name, err, want);
	assert_true(time(NULL) - t0 < 3);
	free(err);
	free(path);
}

static void
test_truncated_jpeg(void **state)
{
	unsigned char *px = gradient(400, 300), *p;
	char *path = in_dir("cut.jpg");
	size_t n;

	(void)state;
	write_jpeg(path, 400, 300, px, 0);
	p = read_bytes(path, &n);
	write_bytes(path, p, n / 2);
	expect_error("cut.jpg", "cut.jpg: truncated JPEG data");
	/* cut inside the header */
	write_bytes(path, p, 40);
	expect_error("cut.jpg", "cut.jpg: ");
	free(p);
	free(path);
	free(px);
}

static void
test_truncated_png(void **state)
{
	unsigned char *px = gradient(200, 100), *p;
	char *path = in_dir("cut.png");
	size_t n;

	(void)state;
	write_png(path, 200, 100, px);
	p = read_bytes(path, &n);
	write_bytes(path, p, n - 30);
	expect_error("cut.png", "cut.png: truncated PNG data");
	free(p);
	free(path);
	free(px);
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A PNG header of 100000 x 100000 (10 gigapixels), valid CRC: refused
 * before a byte of pixels is allocated. */
static void
test_huge_png(void **state)
{
	unsigned char png[8 + 25];
	char *path = in_dir("huge.png");

	(void)state;
	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	put_be32(png + 8, 13);
	memcpy(png + 12, "IHDR", 4);
	put_be32(png + 16, 100000);
	put_be32(png + 20, 100000);
	png[24] = 8;	/* depth */
	png[25] = 6;	/* RGBA */
	png[26] = png[27] = png[28] = 0;
	put_be32(png + 29, (uint32_t)crc32(0, png + 12, 17));
	write_bytes(path, png, sizeof png);
	expect_error("huge.png", "huge.png: PNG picture too large: "
	                         "100000x100000 pixels");
	free(path);
}

/* A JPEG header of 60000 x 60000 with no data. */
static void
test_huge_jpeg(void **state)
{
	unsigned char *px = gradient(16, 16), *p;
	char *path = in_dir("huge.jpg");
	size_t n, i;

	(void)state;
	write_jpeg(path, 16, 16, px, 0);
	p = read_bytes(path, &n);
	for (i = 0; i + 8 < n; i++)
		if (p[i] == 0xff && p[i + 1] == 0xc0) { /* SOF0: height, width */
			p[i + 5] = p[i + 7] = 0xea;
			p[i + 6] = p[i + 8] = 0x60;
			break;
		}
	write_bytes(path, p, n);
	expect_error("huge.jpg", "huge.jpg: JPEG picture too large: "
	                         "60000x60000 pixels");
	free(p);
	free(path);
	free(px);
}

/* GIF bombs: a 65535 x 65535 screen, and a 60000 x 600 frame (36
 * megapixels, under the cap) whose data is a few bytes. */
static void
test_gif_bomb(void **state)
{
	static const unsigned char screen[] = {
	    'G', 'I', 'F', '8', '9', 'a', 0xff, 0xff, 0xff, 0xff, 0x80, 0, 0,
	    0, 0, 0, 255, 255, 255, ';'};
	static const unsigned char frame[] = {
	    'G', 'I', 'F', '8', '9', 'a', 0x60, 0xea, 0x58, 0x02, 0x80, 0, 0,
	    0, 0, 0, 255, 255, 255,
	    ',', 0, 0, 0, 0, 0x60, 0xea, 0x58, 0x02, 0,
	    2, 2, 0x4c, 0x01, 0};
	char *path = in_dir("bomb.gif");

	(void)state;
	write_bytes(path, screen, sizeof screen);
	expect_error("bomb.gif", "bomb.gif: GIF picture too large: "
	                         "65535x65535 pixels");
	write_bytes(path, frame, sizeof frame);
	expect_error("bomb.gif", "bomb.gif: truncated GIF data");
	free(path);
}

static void
test_garbage(void **state)
{
	char *path = in_dir("garbage.jpg"), buf[4096];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 7919 % 251);
	write_bytes(path, buf, sizeof buf);
	expect_error("garbage.jpg",
	             "garbage.jpg: not a JPEG, PNG, GIF or WebP image");
	/* JPEG's magic, then garbage */
	buf[0] = (char)0xff;
	buf[1] = (char)0xd8;
	buf[2] = (char)0xff;
	write_bytes(path, buf, sizeof buf);
	expect_error("garbage.jpg", "garbage.jpg: ");
	free(path);
	path = in_dir("empty.png");
	write_bytes(path, "", 0);
	expect_error("empty.png", "empty.png: empty file");
	free(path);
	expect_error("missing.png", "missing.png: No such file or directory");
	path = in_dir("a-dir.png");
	assert_int_equal(mkdir(path, 0700), 0);
	expect_error("a-dir.png", "a-dir.png: is a directory, not an image");
	free(path);
}

/* --- the size from the header alone ------------------------------------- */

static void
expect_size(const char *name, int w, int h)
{
	char *path = in_dir(name), *err = NULL;
	struct image im;
	int pw = 0, ph = 0;

	if (image_probe(path, &pw, &ph, &err) != 0)
		fail_msg("%s: %s", name, err);
	if (pw != w || ph != h)
		fail_msg("%s: probed %dx%d, want %dx%d", name, pw, ph, w, h);
	/* what the decoder finds */
	assert_int_equal(image_load(path, 0, 0, &im, &err), 0);
	assert_int_equal(im.src_width, w);
	assert_int_equal(im.src_height, h);
	image_free(&im);
	free(path);
}

static void
expect_probe_error(const char *name, const char *want)
{
	char *path = in_dir(name), *err = NULL;
	int w = -1, h = -1;

	assert_int_equal(image_probe(path, &w, &h, &err), -1);
	assert_non_null(err);
	if (strstr(err, want) == NULL || strchr(err, '\n') != NULL)
		fail_msg("%s: got \"%s\", want \"%s\"", name, err, want);
	free(err);
	free(path);
}

/* Each format's header read without decoding, as the reader lays out a
 * photo's rows; a JPEG's frame header found past a large APP segment. */
static void
test_probe(void **state)
{
	unsigned char *px = gradient(300, 200), *p, *q;
	char *path;
	uint8_t *out = NULL;
	size_t n;

	(void)state;
	path = in_dir("p.png");
	write_png(path, 300, 200, px);
	free(path);
	expect_size("p.png", 300, 200);
	path = in_dir("p.jpg");
	write_jpeg(path, 300, 200, px, 1);
	/* an APP1 segment of 60000 bytes (an EXIF thumbnail) before the
	 * frame header */
	p = read_bytes(path, &n);
	q = xmalloc(n + 60002);
	memcpy(q, p, 2);
	q[2] = 0xff;
	q[3] = 0xe1;
	q[4] = 60000 >> 8;
	q[5] = 60000 & 0xff;
	memset(q + 6, 0xff, 59998);
	memcpy(q + 60004, p + 2, n - 2);
	write_bytes(path, q, n + 60002);
	free(path);
	expect_size("p.jpg", 300, 200);
	path = in_dir("p.gif");
	write_gif(path, 40, 30, 40, 30, 0);
	free(path);
	expect_size("p.gif", 40, 30);
	path = in_dir("lossy.webp");
	write_webp(path, 300, 200, px);
	free(path);
	expect_size("lossy.webp", 300, 200);
	path = in_dir("lossless.webp");
	n = WebPEncodeLosslessRGBA(px, 300, 200, 300 * 4, &out);
	assert_true(n > 0);
	write_bytes(path, out, n);
	WebPFree(out);
	free(path);
	expect_size("lossless.webp", 300, 200);
	/* a lossy one with alpha: the extended (VP8X) header */
	px[3] = 0;
	path = in_dir("alpha.webp");
	write_webp(path, 300, 200, px);
	free(path);
	expect_size("alpha.webp", 300, 200);

	/* cut in the header, garbage, none, too large: a reason */
	path = in_dir("cut-head.jpg");
	write_bytes(path, q, 100);
	free(path);
	expect_probe_error("cut-head.jpg", "cut-head.jpg: truncated JPEG data");
	path = in_dir("noise.png");
	write_bytes(path, "not a picture at all", 20);
	free(path);
	expect_probe_error("noise.png",
	                   "noise.png: not a JPEG, PNG, GIF or WebP image");
	expect_probe_error("nowhere.jpg", "nowhere.jpg: No such file or directory");
	path = in_dir("dir.jpg");
	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	expect_probe_error("dir.jpg", "dir.jpg: is a directory, not an image");
	free(p);
	free(q);
	free(px);
}

/* The headers that claim too much: refused by the probe too. */
static void
test_probe_huge(void **state)
{
	(void)state;
	expect_probe_error("huge.png", "huge.png: PNG picture too large");
	expect_probe_error("huge.jpg", "huge.jpg: JPEG picture too large");
}

/* --- rendering ------------------------------------------------------------- */

static struct image
solid(int w, int h, unsigned char r, unsigned char g, unsigned char b)
{
	struct image im = {w, h, w, h, IMAGE_PNG, NULL};
	int i;

	im.rgba = xmalloc((size_t)w * (size_t)h * 4);
	for (i = 0; i < w * h; i++) {
		im.rgba[i * 4 + 0] = r;
		im.rgba[i * 4 + 1] = g;
		im.rgba[i * 4 + 2] = b;
		im.rgba[i * 4 + 3] = 255;
	}
	return im;
}

static void
test_render_aspect(void **state)
{
	struct image im = solid(200, 100, 255, 0, 0);
	struct photo_opts o = {40, 100, PHOTO_TRUECOLOR, PHOTO_BLOCK, false, 0.5, false};
	struct photo_art a;
	char *err = NULL, *line;

	(void)state;
	assert_non_null(photo_library(NULL));
	assert_int_equal(photo_render(&im, &o, &a, &err), 0);
	/* 2:1 pixels in cells half as wide as tall: 40 x 10 */
	assert_int_equal(a.cols, 40);
	assert_int_equal(a.rows, 10);
	line = photo_art_line(&a, 0);
	/* pure red, as a truecolor run */
	assert_non_null(strstr(line, "255;0;0"));
	assert_non_null(strstr(line, "\033[38;2;"));
	assert_string_equal(line + strlen(line) - 4, "\033[0m");
	free(line);
	photo_art_free(&a);
	/* limited by rows: 4 rows hold 16 columns */
	o.max_rows = 4;
	assert_int_equal(photo_render(&im, &o, &a, &err), 0);
	assert_int_equal(a.rows, 4);
	assert_int_equal(a.cols, 16);
	photo_art_free(&a);
	/* exact: the cells the caller laid out, even where chafa's own fit
	 * would round a row away (5 x 2 for a picture that wants 5 x 1.25) */
	o.exact = true;
	o.width = 5;
	o.max_rows = 2;
	assert_int_equal(photo_render(&im, &o, &a, &err), 0);
	assert_int_equal(a.cols, 5);
	assert_int_equal(a.rows, 2);
	photo_art_free(&a);
	image_free(&im);
}

static void
test_render_colors(void **state)
{
	unsigned char *px = gradient(160, 80);
	struct image im = {160, 80, 160, 80, IMAGE_PNG, px};
	struct photo_opts o = {20, 10, PHOTO_256, PHOTO_BLOCK, false, 0.5, false};
	struct photo_art a;
	char *err = NULL, *line;
	int y;

	(void)state;
	assert_int_equal(photo_render(&im, &o, &a, &err), 0);
	line = photo_art_line(&a, 2);
	assert_non_null(strstr(line, "\033[38;5;"));
	assert_null(strstr(line, ";2;"));
	free(line);
	photo_art_free(&a);
	/* none: no escape at all, only symbols */
	o.colors = PHOTO_MONO;
	assert_int_equal(photo_render(&im, &o, &a, &err), 0);
	for (y = 0; y < a.rows; y++) {
		line = photo_art_line(&a, y);
		assert_null(strchr(line, '\033'));
		assert_true(strlen(line) >= (size_t)a.cols);
		free(line);
	}
	photo_art_free(&a);
	free(px);
	/* greys in two colours are dithered: 96, 128 and 160 give three
	 * patterns (a threshold makes two of them alike) */
	{
		uint32_t art[3][10 * 5];
		int k;

		for (k = 0; k < 3; k++) {
			unsigned char v = (unsigned char)(96 + 32 * k);
			size_t i;

			im = solid(80, 80, v, v, v);
			o.width = 10;
			o.max_rows = 5;
			assert_int_equal(photo_render(&im, &o, &a, &err), 0);
			assert_int_equal(a.cols * a.rows, 50);
			for (i = 0; i < 50; i++)
				art[k][i] = a.cells[i].ch;
			photo_art_free(&a);
			image_free(&im);
		}
		assert_memory_not_equal(art[0], art[1], sizeof art[0]);
		assert_memory_not_equal(art[1], art[2], sizeof art[0]);
		assert_memory_not_equal(art[0], art[2], sizeof art[0]);
	}
}

/* Where East Asian Ambiguous characters are two columns wide, none of
 * them may be used (▀ ▄ █ ▌ ▐ ░ are Ambiguous). */
static void
test_render_ambiguous(void **state)
{
	unsigned char *px = gradient(160, 160);
	struct image im = {160, 160, 160, 160, IMAGE_PNG, px};
	struct photo_opts o = {30, 15, PHOTO_TRUECOLOR, PHOTO_BLOCK, false, 0.5, false};
	struct photo_art a;
	char *err = NULL;
	size_t i, amb;

	(void)state;
	for (int wide = 0; wide <= 1; wide++) {
		o.ambiguous_wide = wide;
		assert_int_equal(photo_render(&im, &o, &a, &err), 0);
		amb = 0;
		for (i = 0; i < (size_t)a.cols * (size_t)a.rows; i++) {
			uint32_t c = a.cells[i].ch;

			if ((c >= 0x2580 && c <= 0x258f) ||
			    (c >= 0x2592 && c <= 0x2595))
				amb++;
		}
		if (wide)
			assert_int_equal(amb, 0);
		else
			assert_true(amb > 0);
		photo_art_free(&a);
	}
	image_free(&im);
}

static void
test_pixels(void **state)
{
	struct image im = solid(64, 64, 0, 128, 255);
	char *err = NULL, *s;
	size_t len;

	(void)state;
	s = photo_pixels(&im, PHOTO_SIXEL, 10, 5, 10, 20, &len, &err);
	assert_non_null(s);
	assert_true(len > 10);
	assert_memory_equal(s, "\033P", 2);
	assert_non_null(memchr(s, 'q', 20));
	free(s);
	s = photo_pixels(&im, PHOTO_KITTY, 10, 5, 10, 20, &len, &err);
	assert_non_null(s);
	assert_memory_equal(s, "\033_G", 3);
	free(s);
	/* iTerm2: OSC 1337 File=..., the picture inline */
	s = photo_pixels(&im, PHOTO_ITERM, 10, 5, 10, 20, &len, &err);
	assert_non_null(s);
	assert_memory_equal(s, "\033]1337;File=", 12);
	free(s);
	image_free(&im);
}

/* The protocol a terminal speaks, from the environment alone; none in
 * tmux or screen, which would not pass the bytes on. */
static void
test_pixels_env(void **state)
{
	static const struct {
		const char *term, *prog, *kitty, *tmux;
		int want;
	} cases[] = {
		{"xterm-kitty", NULL, NULL, NULL, PHOTO_KITTY},
		{"xterm-256color", NULL, "3", NULL, PHOTO_KITTY},
		{"xterm-256color", "iTerm.app", NULL, NULL, PHOTO_ITERM},
		{"xterm-256color", "WezTerm", NULL, NULL, PHOTO_ITERM},
		{"mlterm", NULL, NULL, NULL, PHOTO_SIXEL},
		{"foot", NULL, NULL, NULL, PHOTO_SIXEL},
		{"xterm-256color", NULL, NULL, NULL, -1},
		{"xterm-kitty", NULL, "3", "/tmp/t,1,0", -1},
		{"tmux-256color", "iTerm.app", NULL, NULL, -1},
		{"screen", NULL, NULL, NULL, -1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		setenv("TERM", cases[i].term, 1);
		if (cases[i].prog)
			setenv("TERM_PROGRAM", cases[i].prog, 1);
		else
			unsetenv("TERM_PROGRAM");
		if (cases[i].kitty)
			setenv("KITTY_WINDOW_ID", cases[i].kitty, 1);
		else
			unsetenv("KITTY_WINDOW_ID");
		if (cases[i].tmux)
			setenv("TMUX", cases[i].tmux, 1);
		else
			unsetenv("TMUX");
		if (photo_pixels_from_env() != cases[i].want)
			fail_msg("case %zu (TERM=%s): got %d, want %d", i,
			         cases[i].term, photo_pixels_from_env(),
			         cases[i].want);
	}
}

static void
test_dump(void **state)
{
	unsigned char *px = gradient(320, 240);
	char *path = in_dir("dump.png"), *out = NULL, *err = NULL;
	size_t outlen = 0, lines = 0, i;
	FILE *f;

	(void)state;
	write_png(path, 320, 240, px);
	f = open_memstream(&out, &outlen);
	assert_int_equal(photo_dump(f, path, 40, 12, PHOTO_MONO, &err), 0);
	fclose(f);
	for (i = 0; i < outlen; i++)
		lines += out[i] == '\n';
	/* 4:3 at 40 columns is 15 rows: the 12 rows limit it */
	assert_int_equal(lines, 12);
	free(out);
	out = NULL;
	f = open_memstream(&out, &outlen);
	assert_int_equal(photo_dump(f, "/nonexistent/x.jpg", 40, 12, PHOTO_MONO,
	                            &err),
	                 -1);
	fclose(f);
	assert_string_equal(err, "/nonexistent/x.jpg: No such file or directory");
	assert_int_equal(outlen, 0);
	free(err);
	free(out);
	free(path);
	free(px);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sniff),
	    cmocka_unit_test(test_png),
	    cmocka_unit_test(test_jpeg_scaled),
	    cmocka_unit_test(test_gif),
	    cmocka_unit_test(test_webp),
	    cmocka_unit_test(test_truncated_jpeg),
	    cmocka_unit_test(test_truncated_png),
	    cmocka_unit_test(test_huge_png),
	    cmocka_unit_test(test_huge_jpeg),
	    cmocka_unit_test(test_gif_bomb),
	    cmocka_unit_test(test_garbage),
	    cmocka_unit_test(test_probe),
	    cmocka_unit_test(test_probe_huge),
	    cmocka_unit_test(test_render_aspect),
	    cmocka_unit_test(test_render_colors),
	    cmocka_unit_test(test_render_ambiguous),
	    cmocka_unit_test(test_pixels),
	    cmocka_unit_test(test_pixels_env),
	    cmocka_unit_test(test_dump),
	};

	if (argc > 1) {
		char *err = NULL;
		int w = argc > 2 ? atoi(argv[2]) : 80;
		int rows = argc > 3 ? atoi(argv[3]) : 24;

		if (photo_dump(stdout, argv[1], w > 0 ? w : 80, rows > 0 ? rows : 24,
		               PHOTO_TRUECOLOR, &err) != 0) {
			fprintf(stderr, "photo.test: %s\n", err ? err : "write error");
			return 1;
		}
		return 0;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
