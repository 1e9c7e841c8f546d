/* The figure painters' shared kit: a character's colours and proportions from its traits
 * and kind, the style's outline, limbs, eyes and the marks of sleep. Palette[0] keeps its
 * exact colour in every style (noir turns the rest grey, so it is the one accent). */
#include <math.h>
#include <string.h>

#include "providers/image/draw_figure.h"

sc_rgb sc_fig_grey(sc_rgb c)
{
    double l = sc_rgb_luma(c);
    return (sc_rgb){l, l, l};
}

sc_rgb sc_fig_pal(const sc_character *c, size_t i, sc_rgb fallback)
{
    sc_rgb out;
    if (i < c->traits.n_palette && sc_parse_hex(c->traits.palette[i], &out) == 0)
        return out;
    return fallback;
}

sc_rgb sc_fig_tone(const sc_fig *f, sc_rgb c)
{
    return f->d->style == SC_STYLE_NOIR ? sc_fig_grey(c) : c;
}

void sc_fig_init(const sc_draw *d, const sc_character *ch, sc_fig *f)
{
    memset(f, 0, sizeof *f);
    f->d = d;
    f->cr = d->cr;
    f->ch = ch;
    f->kind = ch->kind;
    f->body = sc_fig_pal(ch, 0, (sc_rgb){0.3, 0.45, 0.7});
    f->accent = sc_fig_tone(f, sc_fig_pal(ch, 1, (sc_rgb){0.9, 0.75, 0.3}));
    f->hair = sc_fig_tone(f, sc_fig_pal(ch, 2, (sc_rgb){0.3, 0.2, 0.12}));
    f->skin = sc_fig_tone(f, sc_fig_pal(ch, 3, (sc_rgb){0.96, 0.8, 0.66}));
    switch (d->style) {
    case SC_STYLE_STORYBOOK:
        f->out_w = 9;
        f->outline = (sc_rgb){0.3, 0.18, 0.1};
        break;
    case SC_STYLE_CINEMATIC:
        f->out_w = 6;
        f->outline = (sc_rgb){0.08, 0.08, 0.1};
        break;
    case SC_STYLE_NOIR:
        f->out_w = 9;
        f->outline = (sc_rgb){0, 0, 0};
        break;
    case SC_STYLE_PASTEL:
        f->out_w = 6;
        f->outline = sc_rgb_mix(f->body, (sc_rgb){0.35, 0.3, 0.35}, 0.6);
        break;
    }
}

void sc_fig_fill_flat(const sc_fig *f, sc_rgb c)
{
    cairo_set_source_rgb(f->cr, c.r, c.g, c.b);
    cairo_fill(f->cr);
}

void sc_fig_fill(const sc_fig *f, sc_rgb c)
{
    cairo_t *cr = f->cr;
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    if (f->out_w <= 0) {
        cairo_fill(cr);
        return;
    }
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, f->outline.r, f->outline.g, f->outline.b, 0.85);
    cairo_set_line_width(cr, f->out_w);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
}

void sc_fig_limb(const sc_fig *f, const sc_pt *p, int n, double width, sc_rgb c)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, p[0].x, p[0].y);
    for (int i = 1; i < n; i++)
        cairo_line_to(cr, p[i].x, p[i].y);
    sc_fig_stroke(f, width, c);
}

void sc_fig_stroke(const sc_fig *f, double width, sc_rgb c)
{
    cairo_t *cr = f->cr;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (f->out_w > 0) {
        cairo_set_line_width(cr, width + 2 * f->out_w);
        cairo_set_source_rgba(cr, f->outline.r, f->outline.g, f->outline.b, 0.85);
        cairo_stroke_preserve(cr);
    }
    cairo_set_line_width(cr, width);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_stroke(cr);
}

void sc_fig_path_ellipse(cairo_t *cr, double cx, double cy, double rx, double ry)
{
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_scale(cr, rx, ry);
    cairo_new_sub_path(cr);
    cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
    cairo_restore(cr);
}

/* An open eye is a tall dark oval with a highlight; a closed one a downward arc (asleep)
 * or an upward one (happy, hugging). */
void sc_fig_eye(const sc_fig *f, double x, double y, double r, bool closed, bool happy)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    if (closed || happy) {
        if (happy)
            cairo_arc(cr, x, y + r * 0.5, r * 1.1, M_PI * 1.15, M_PI * 1.85);
        else
            cairo_arc(cr, x, y - r * 0.4, r * 1.1, M_PI * 0.15, M_PI * 0.85);
        cairo_set_line_width(cr, r * 0.55);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_source_rgb(cr, 0.1, 0.08, 0.08);
        cairo_stroke(cr);
        return;
    }
    sc_fig_path_ellipse(cr, x, y, r, r * 1.3);
    cairo_set_source_rgb(cr, 0.1, 0.08, 0.08);
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_arc(cr, x + r * 0.3, y - r * 0.35, r * 0.35, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
}

/* Three "z"s rising up and forward from (x, y), drawn as strokes (no font needed). */
void sc_fig_sleep_marks(const sc_fig *f, double x, double y, double size)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    for (int i = 0; i < 3; i++) {
        double s = size * (0.6 + 0.25 * i), zx = x + i * size * 0.9, zy = y - i * size * 1.1;
        cairo_move_to(cr, zx, zy);
        cairo_line_to(cr, zx + s, zy);
        cairo_line_to(cr, zx, zy + s);
        cairo_line_to(cr, zx + s, zy + s);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, size * 0.22);
    sc_rgb c = f->d->style == SC_STYLE_NOIR ? (sc_rgb){0.95, 0.95, 0.95} : (sc_rgb){0.25, 0.3, 0.6};
    cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.9);
    cairo_stroke(cr);
}
