/* The consistency check of a scene's picture, which trusts no illustrator: for every
 * character in view, are its main colours (traits.palette[0] and [1]) there, where
 * characters stand? It reads the picture the provider left (a PNG, whoever drew it) and
 * counts the pixels of the frame's central area that are near each colour in OKLab,
 * compared by chromaticity (a/L, b/L, which darker or brighter light leaves alone) more
 * than by lightness. A colour is seen when it covers between SC_PICTURE_CHECK_MIN_SHARE
 * and SC_PICTURE_CHECK_MAX_SHARE of that area: less is no character, more is the
 * background (which then says nothing about the character). The pictures stage redraws
 * a scene that fails once (stage_pictures.c). Keeps no state; safe from several threads. */
#ifndef SC_PIPELINE_PICTURE_CHECK_H
#define SC_PIPELINE_PICTURE_CHECK_H

#include "core/error.h"
#include "model/manifest.h"
#include "model/story.h"

/* Set on the built-in illustrator's pictures (40 topics x 4 styles x 4 times of day, tall,
 * wide and square frames): a character's clothing or body covers 1.5% to 89% of the area
 * (most when the background has its colour too: a brown coat in a warm-lit wooden room),
 * its accent (a collar, a hat band) 0.18% and more in a wide frame. */
#define SC_PICTURE_CHECK_MIN_SHARE 0.002
#define SC_PICTURE_CHECK_MAX_SHARE 0.75

/* Fills *out (cleared first) for scene index of story s from the picture at png: one
 * entry per character in view that the story knows, found or not, and ok when all are
 * found. A scene with no character gives an empty, unset record. -1 with err when the
 * picture cannot be read. */
int sc_check_picture(const char *png, const sc_story *s, size_t index, sc_picture_check *out, sc_error *err);

#endif
