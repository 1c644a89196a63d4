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
 * says and than the pixel cap, every pixel readable. Writes no file.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "image.h"

static void
check_one(const uint8_t *data, size_t size, int tw, int th)
{
	struct image im;
	char *err = NULL;
	unsigned sum = 0;
	size_t i, n;

	if (image_decode(data, size, tw, th, &im, &err) != 0) {
		FUZZ_CHECK(err != NULL && *err != '\0', "failure without a reason",
		           "", 0);
		for (i = 0; err[i] != '\0'; i++)
			FUZZ_CHECK((unsigned char)err[i] >= 0x20 && err[i] != 0x7f,
			           "control character in the reason", err,
			           strlen(err));
		free(err);
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_one(data, size, 640, 384);
	check_one(data, size, 64, 64);
	return 0;
}
