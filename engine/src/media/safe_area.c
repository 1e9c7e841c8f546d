/* See safe_area.h. */
#include "media/safe_area.h"

#include <math.h>

sc_rect sc_safe_area(int width, int height)
{
    double left, right, top, bottom; /* fractions of the width and height */
    if (height > width) {
        left = 0.06, right = 0.87, top = 0.13, bottom = 0.75;
    } else if (width > height) {
        left = top = 0.05, right = bottom = 0.95;
    } else {
        left = top = 0.06, right = bottom = 0.94;
    }
    int x0 = (int)ceil(width * left), x1 = (int)floor(width * right);
    int y0 = (int)ceil(height * top), y1 = (int)floor(height * bottom);
    return (sc_rect){x0, y0, x1 - x0, y1 - y0};
}
