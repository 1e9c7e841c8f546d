/* The platform-safe box of a frame (STANDARDS.md "Safe areas"): burned-in captions, the
 * logo and the thumbnail's text must lie entirely inside it, clear of the buttons,
 * titles and progress bars the platforms draw over a video. */
#ifndef SC_MEDIA_SAFE_AREA_H
#define SC_MEDIA_SAFE_AREA_H

typedef struct sc_rect {
    int x, y, w, h;
} sc_rect;

/* The safe box for a width x height frame, chosen by its shape: taller than wide is
 * 9:16 (x 6-87%, y 13-75%), wider than tall is 16:9 (5% in from every edge), equal
 * sides is 1:1 (6% in). Edges are rounded inwards, so the box never exceeds the rule. */
sc_rect sc_safe_area(int width, int height);

#endif
