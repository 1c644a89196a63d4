/*
 * mkphoto.c: make a photo-like JPEG for make bench: mkphoto OUT W H SEED.
 * A sky gradient, a sun, hills and buildings with noise, so that it
 * compresses as a real photo does (about 1 bit a pixel at quality 85),
 * not as a flat test card. No photo of anyone's: the picture is made.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>

static uint32_t rng;

static int
noise(int amp)
{
	rng = rng * 1103515245u + 12345u;
	return (int)(rng >> 16) % (2 * amp + 1) - amp;
}

static unsigned char
clamp(int v)
{
	return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

int
main(int argc, char **argv)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *row;
	JSAMPROW rp;
	FILE *f;
	int w, h, x, y;

	if (argc != 5 || (w = atoi(argv[2])) < 16 || (h = atoi(argv[3])) < 16) {
		fprintf(stderr, "usage: mkphoto OUT W H SEED\n");
		return 2;
	}
	rng = (uint32_t)strtoul(argv[4], NULL, 10);
	if ((f = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	row = malloc((size_t)w * 3);
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	jpeg_start_compress(&c, TRUE);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			int hill = h * 3 / 5 + (int)((h / 10) * ((x * 7 / (double)w) -
			    (int)(x * 7 / (double)w) - 0.5) * 2);
			int bx = x / (w / 12 + 1), bh = h * 2 / 5 + (bx * 37 % 11) * h / 40;
			int dx = x - w * 3 / 4, dy = y - h / 5, r, g, b;

			if (dx * dx + dy * dy < (h / 12) * (h / 12)) {
				r = 250; g = 220; b = 120;		/* sun */
			} else if (y < hill && y < bh) {
				r = 90 + y * 100 / h; g = 140 + y * 80 / h; b = 230;
			} else if (y >= bh && y < h * 4 / 5 && (x / 7 + y / 9) % 5) {
				r = 120 + bx * 9; g = 110 + bx * 5; b = 100;	/* walls */
			} else {
				r = 60; g = 110 + (x ^ y) % 40; b = 50;	/* ground */
			}
			row[x * 3 + 0] = clamp(r + noise(12));
			row[x * 3 + 1] = clamp(g + noise(12));
			row[x * 3 + 2] = clamp(b + noise(12));
		}
		rp = row;
		jpeg_write_scanlines(&c, &rp, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return fclose(f) == 0 ? 0 : 1;
}
