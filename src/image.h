/*
 * image.h: decode a photo file (JPEG, PNG, GIF's first frame, WebP) into
 * RGBA pixels, scaled down near a target size. The format is told by the
 * file's first bytes, never by its name. Bounded: a file larger than
 * IMAGE_MAX_BYTES or a picture of more than IMAGE_MAX_PIXELS is refused
 * before its pixels are allocated, so a hostile file costs little. No
 * curses, no terminal: photo.c turns the pixels into cells.
 */
#ifndef HERALD_IMAGE_H
#define HERALD_IMAGE_H

#include <stddef.h>

/* Files larger than this are not read (a newspaper photo is < 5 MB). */
#define IMAGE_MAX_BYTES (64u * 1024 * 1024)
/* Pictures of more pixels than this (width x height, as the header says)
 * are refused: 40 megapixels, a 7300x5500 camera frame. */
#define IMAGE_MAX_PIXELS (40ul * 1000 * 1000)
/* And either side longer than this. */
#define IMAGE_MAX_SIDE 65535

enum image_format {
	IMAGE_UNKNOWN,
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_GIF,
	IMAGE_WEBP,
};

/* Decoded pixels: RGBA, 8 bits a channel, not premultiplied, rows of
 * width * 4 bytes. */
struct image {
	int		 width, height;
	int		 src_width, src_height;	/* as the file says */
	enum image_format format;
	unsigned char	*rgba;			/* owned */
};

/* The format of a file from its first bytes (at least 12 for WebP). */
enum image_format image_sniff(const unsigned char *p, size_t n);
/* "JPEG", "PNG", "GIF", "WebP" or "unknown" (static). */
const char *image_format_name(enum image_format f);

/*
 * Decode the n bytes at p. When target_w and target_h are > 0, the result
 * is scaled down (JPEG and WebP while decoding, the others by a box filter)
 * towards the size of the picture fitted into target_w x target_h, keeping
 * the aspect and never below that size; never scaled up. Returns 0, or -1 and *err, one line without the file's
 * name ("truncated JPEG data"; caller frees).
 */
int image_decode(const unsigned char *p, size_t n, int target_w, int target_h,
    struct image *out, char **err);
/* The same for a file; *err names it ("photo.jpg: truncated JPEG data"). */
int image_load(const char *path, int target_w, int target_h,
    struct image *out, char **err);
void image_free(struct image *im);

/*
 * The size of the picture in the first n bytes of a file, from its header
 * alone (no pixel is decoded), checked as image_decode checks it. Returns
 * 0, or -1 and *err (one line; caller frees).
 */
int image_probe_bytes(const unsigned char *p, size_t n, int *w, int *h,
    char **err);
/* The same for a file, reading at most its first 256 KB; *err names the
 * file. What the reader lays a photo's rows out by before decoding it. */
int image_probe(const char *path, int *w, int *h, char **err);

#endif
