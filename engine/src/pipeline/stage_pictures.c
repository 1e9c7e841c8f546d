/* The pictures stage: one picture per scene from the image provider, drawn at the plan's picture
 * size (the frame plus the camera's margin). The PNGs are the storyboard artifacts.
 *
 * Characters look the same in every scene: the built-in illustrator draws them from
 * their traits; a provider that takes reference pictures (takes_references) is given,
 * for each character in view, the first picture that showed it. So the scenes where a
 * character first appears are drawn one at a time, in story order, before the rest run
 * in parallel, and each character's reference (character id -> scene file) is recorded
 * in the manifest with each finished scene, so a resumed or regenerated job uses the
 * same ones. A picture the provider refuses (content policy) is recorded as its
 * scene's picture_refused for the user to change that scene's visual.
 *
 * No provider is trusted to have drawn the characters: every picture of a scene with
 * characters is checked (picture_check.h) and the result recorded as the scene's
 * picture_check. A picture that fails is drawn once more, with the references of the
 * characters in view (when a missing character has one: a first appearance has nothing
 * to send, and a provider that takes none would only roll again), and the better of the
 * two kept; one that still fails is accepted with a warning naming the scene and the
 * characters missing, and the job goes on. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "pipeline/picture_check.h"
#include "pipeline/scene_work.h"
#include "pipeline/stages.h"

#define REDRAW_SEED 0x9E3779B97F4A7C15ULL /* the second try's seed: seed ^ this */

static bool takes_references(const sc_job *job)
{
    const sc_image_driver *d = job->providers.image;
    return d->takes_references && d->takes_references(job->providers.image_priv);
}

/* refs[c] = the workspace path of character c's reference picture, or NULL. Lock held. */
static void load_refs(sc_job *job, char *refs[SC_MAX_CHARACTERS])
{
    for (size_t c = 0; c < job->m.story.n_characters; c++) {
        const char *name = sc_manifest_ref(&job->m, job->m.story.characters[c].id);
        refs[c] = name ? sc_job_path(job, name) : NULL;
    }
}

/* After scene index drew: its picture becomes the reference of every character in it
 * that has none yet. Lock held. */
static void record_refs(sc_job *job, size_t index)
{
    char name[32];
    sc_scene_file(name, sizeof name, index, "png");
    const sc_scene *sc = &job->m.story.scenes[index];
    for (size_t k = 0; k < sc->n_characters; k++)
        sc_manifest_add_ref(&job->m, sc->characters[k], name);
}

/* One call to the provider for scene index, writing path. */
static int draw_to(sc_job *job, size_t index, const char *path, uint64_t seed, sc_error *err)
{
    bool with_refs = takes_references(job);
    char *refs[SC_MAX_CHARACTERS] = {NULL};
    pthread_mutex_lock(&job->lock);
    int w = job->m.plan.picture_width, h = job->m.plan.picture_height;
    if (with_refs)
        load_refs(job, refs);
    pthread_mutex_unlock(&job->lock);
    sc_image_request req = {
        .story = &job->m.story,
        .scene = index,
        .width = w,
        .height = h,
        .seed = seed,
        .out_png = path,
        .character_refs = with_refs ? (const char *const *)refs : NULL,
        .n_character_refs = with_refs ? job->m.story.n_characters : 0,
        .log = &job->calls,
        .cancel = job->cancel_flag,
    };
    int rc = job->providers.image->draw(job->providers.image_priv, &req, err);
    for (size_t c = 0; c < SC_MAX_CHARACTERS; c++)
        free(refs[c]);
    return rc;
}

static size_t n_found(const sc_picture_check *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_seen; i++)
        n += c->seen[i].found;
    return n;
}

/* A warning about scene index (the event carries its number). */
static void warn(sc_job *job, size_t index, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(sc_job *job, size_t index, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc_job_emit(job, SC_EV_WARNING, (int)index + 1, msg);
}

/* Whether a character the check missed in scene index has a reference picture (of
 * another scene) a second try can be given. */
static bool can_redraw(sc_job *job, size_t index, const sc_picture_check *check)
{
    if (!takes_references(job))
        return false;
    char own[32];
    sc_scene_file(own, sizeof own, index, "png");
    bool any = false;
    pthread_mutex_lock(&job->lock);
    for (size_t i = 0; i < check->n_seen && !any; i++) {
        const char *ref = check->seen[i].found ? NULL : sc_manifest_ref(&job->m, check->seen[i].character);
        any = ref && strcmp(ref, own) != 0;
    }
    pthread_mutex_unlock(&job->lock);
    return any;
}

/* Draws scene index once more (into work/, then over path when it shows no fewer
 * characters) and checks it. Fails only when the job was stopped meanwhile; any other
 * failure keeps the first picture. */
static int redraw(sc_job *job, size_t index, const char *path, uint64_t seed, sc_picture_check *check, sc_error *err)
{
    char name[48];
    sc_scene_file(name, sizeof name, index, "redraw.png");
    char *rel = sc_strprintf("work/%s", name);
    char *again = sc_job_path(job, rel);
    free(rel);
    sc_error aerr;
    sc_picture_check second = {0};
    int rc = draw_to(job, index, again, seed ^ REDRAW_SEED, &aerr);
    if (rc != 0 && aerr.code == SC_ERR_CANCELED)
        *err = aerr;
    else if (rc != 0)
        warn(job, index, "scene %zu's picture was drawn again to show its characters and that failed (%s); the "
                         "first is kept",
             index + 1, aerr.msg);
    else if (sc_check_picture(again, &job->m.story, index, &second, &aerr) == 0 &&
             n_found(&second) >= n_found(check) && rename(again, path) == 0) {
        sc_picture_check_clear(check);
        *check = second;
        second = (sc_picture_check){0};
    }
    sc_picture_check_clear(&second);
    unlink(again); /* gone already when it was kept */
    free(again);
    check->redrawn = true;
    return rc != 0 && aerr.code == SC_ERR_CANCELED ? -1 : 0;
}

/* Checks the picture at path into *check; a failing one is drawn once more when a
 * missing character has a reference to send, and one still failing is accepted with a
 * warning naming who is missing. */
static int check_scene(sc_job *job, size_t index, const char *path, uint64_t seed, sc_picture_check *check,
                       sc_error *err)
{
    sc_error cerr;
    if (sc_check_picture(path, &job->m.story, index, check, &cerr) != 0) {
        warn(job, index, "scene %zu's picture could not be checked for its characters: %s", index + 1, cerr.msg);
        return 0;
    }
    if (!check->set || check->ok)
        return 0;
    if (can_redraw(job, index, check) && redraw(job, index, path, seed, check, err) != 0)
        return -1;
    if (check->ok)
        return 0;
    char missing[256] = "";
    for (size_t i = 0; i < check->n_seen; i++) {
        if (check->seen[i].found)
            continue;
        const sc_character *c = sc_story_character(&job->m.story, check->seen[i].character);
        size_t used = strlen(missing);
        snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "",
                 c && c->name ? c->name : check->seen[i].character);
    }
    warn(job, index, "scene %zu's picture may not show %s: their colours are missing%s; check it, or regenerate the "
                     "scene",
         index + 1, missing, check->redrawn ? " even after drawing it again with their reference" : "");
    return 0;
}

static int draw_scene(sc_job *job, size_t index, const char *path, sc_error *err)
{
    uint64_t seed = job->m.request.seed * 1000003u + index;
    int rc = draw_to(job, index, path, seed, err);
    sc_picture_check check = {0};
    if (rc == 0)
        rc = check_scene(job, index, path, seed, &check, err);
    pthread_mutex_lock(&job->lock);
    sc_scene_state *scene = &job->m.scenes[index];
    free(scene->picture_refused);
    scene->picture_refused = rc != 0 && err->code == SC_ERR_REFUSED ? sc_xstrdup(err->msg) : NULL;
    sc_picture_check_clear(&scene->picture_check);
    if (rc == 0) {
        if (takes_references(job))
            record_refs(job, index);
        free(scene->picture_provider);
        scene->picture_provider = sc_xstrdup(job->providers.image->name);
        scene->picture_check = check;
    } else {
        sc_picture_check_clear(&check);
    }
    pthread_mutex_unlock(&job->lock);
    return rc;
}

static const sc_scene_work pictures = {.part = SC_PART_PICTURE, .ext = "png", .make = draw_scene};

int sc_stage_pictures(sc_job *job, sc_error *err)
{
    if (!takes_references(job))
        return sc_run_scene_work(job, &pictures, err);
    /* The scene that first shows each character, in story order. */
    size_t first[SC_MAX_CHARACTERS], n_first = 0;
    for (size_t i = 0; i < job->m.story.n_scenes; i++) {
        const sc_scene *sc = &job->m.story.scenes[i];
        bool introduces = false;
        for (size_t k = 0; k < sc->n_characters && !introduces; k++) {
            introduces = true;
            for (size_t j = 0; j < i && introduces; j++)
                for (size_t m = 0; m < job->m.story.scenes[j].n_characters; m++)
                    if (strcmp(job->m.story.scenes[j].characters[m], sc->characters[k]) == 0)
                        introduces = false;
        }
        if (introduces && n_first < SC_MAX_CHARACTERS)
            first[n_first++] = i;
    }
    return sc_run_scene_work_ordered(job, &pictures, first, n_first, err);
}
