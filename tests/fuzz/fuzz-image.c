/*
 * fuzz-image.c: libFuzzer harness for the photo decoders (image_decode:
 * JPEG, PNG, GIF, WebP told by the first bytes). The input is the file's
 * bytes; it is decoded twice, scaled for an 80x24 photo and for a
 * thumbnail (JPEG at 1/8, then the box filter). Not at full size: a
 * 5-megapixel picture that ends early takes 1.6 s under ASan and
 * coverage, over the 5 s timeout on a loaded machine, and nothing but the
 * tests decodes without a target.
 * It must never crash, leak or run away; a failure must be one line of
 * printable text; a success must hold a picture no larger than the file
 * says and than the pixel cap, every pixel readable. The header probe
 * (image_probe_bytes, what the reader lays a photo's rows out by) reads the
 * same bytes: a size within the caps, or one line of reason. Writes no
 * file.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "image.h"

/* A failure: one line of printable text, freed here. */
static void
check_reason(const char *what, char *err)
{
	size_t i;

	FUZZ_CHECK(err != NULL && *err != '\0', what, "", 0);
	for (i = 0; err[i] != '\0'; i++)
		FUZZ_CHECK((unsigned char)err[i] >= 0x20 && err[i] != 0x7f,
		           "control character in the reason", err, strlen(err));
	free(err);
}

static void
check_one(const uint8_t *data, size_t size, int tw, int th)
{
	struct image im;
	char *err = NULL;
	unsigned sum = 0;
	size_t i, n;

	if (image_decode(data, size, tw, th, &im, &err) != 0) {
		check_reason("failure without a reason", err);
		return;
	}
	FUZZ_CHECK(err == NULL, "success with a reason", err, strlen(err));
	FUZZ_CHECK(im.width >= 1 && im.height >= 1 && im.rgba != NULL,
	           "empty picture", "", 0);
	FUZZ_CHECK(im.width <= im.src_width && im.height <= im.src_height,
	           "picture larger than its file says", "", 0);
	FUZZ_CHECK((unsigned long)im.src_width * (unsigned long)im.src_height <=
	               IMAGE_MAX_PIXELS,
	           "picture over the pixel cap", "", 0);
	n = (size_t)im.width * (size_t)im.height * 4;
	for (i = 0; i < n; i++) /* ASan and valgrind see every byte */
		sum += im.rgba[i];
	(void)sum;
	image_free(&im);
}

static void
check_probe(const uint8_t *data, size_t size)
{
	char *err = NULL;
	int w = 0, h = 0;

	if (image_probe_bytes(data, size, &w, &h, &err) != 0) {
		check_reason("probe: failure without a reason", err);
		return;
	}
	FUZZ_CHECK(w >= 1 && h >= 1 && w <= IMAGE_MAX_SIDE &&
	               h <= IMAGE_MAX_SIDE &&
	               (unsigned long)w * (unsigned long)h <= IMAGE_MAX_PIXELS,
	           "probe: a size past the caps", "", 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_probe(data, size);
	check_one(data, size, 640, 384);
	check_one(data, size, 64, 64);
	return 0;
}
