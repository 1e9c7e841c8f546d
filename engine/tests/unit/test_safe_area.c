/* The safe boxes of STANDARDS.md "Safe areas" for the three output formats: the box
 * lies inside the rule's fractions (rounded inwards) and is within a pixel of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "media/safe_area.h"

/* The box's edges are at the rule's fractions, never outside them and at most a pixel in. */
static void assert_box(sc_rect r, int w, int h, double left, double right, double top, double bottom)
{
    assert_true(r.x >= w * left && r.x < w * left + 1);
    assert_true(r.x + r.w <= w * right && r.x + r.w > w * right - 1);
    assert_true(r.y >= h * top && r.y < h * top + 1);
    assert_true(r.y + r.h <= h * bottom && r.y + r.h > h * bottom - 1);
}

static void test_short_form(void **state)
{
    (void)state;
    sc_rect r = sc_safe_area(1080, 1920);
    assert_box(r, 1080, 1920, 0.06, 0.87, 0.13, 0.75);
    assert_int_equal(r.x, 65); /* 64.8 rounded in */
    assert_int_equal(r.y, 250); /* 249.6 rounded in */
}

static void test_long_form(void **state)
{
    (void)state;
    assert_box(sc_safe_area(1920, 1080), 1920, 1080, 0.05, 0.95, 0.05, 0.95);
    assert_box(sc_safe_area(1280, 720), 1280, 720, 0.05, 0.95, 0.05, 0.95); /* the thumbnail */
}

static void test_square(void **state)
{
    (void)state;
    sc_rect r = sc_safe_area(1080, 1080);
    assert_box(r, 1080, 1080, 0.06, 0.94, 0.06, 0.94);
    assert_int_equal(r.w, r.h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_form),
        cmocka_unit_test(test_long_form),
        cmocka_unit_test(test_square),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
