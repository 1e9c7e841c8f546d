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
 * scene's picture_refused for the user to change that scene's visual. */
#include <string.h>

#include "core/xalloc.h"
#include "pipeline/scene_work.h"
#include "pipeline/stages.h"

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

static int draw_scene(sc_job *job, size_t index, const char *path, sc_error *err)
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
        .seed = job->m.request.seed * 1000003u + index,
        .out_png = path,
        .character_refs = with_refs ? (const char *const *)refs : NULL,
        .n_character_refs = with_refs ? job->m.story.n_characters : 0,
        .log = &job->calls,
        .cancel = job->cancel_flag,
    };
    int rc = job->providers.image->draw(job->providers.image_priv, &req, err);
    for (size_t c = 0; c < SC_MAX_CHARACTERS; c++)
        free(refs[c]);
    pthread_mutex_lock(&job->lock);
    sc_scene_state *scene = &job->m.scenes[index];
    free(scene->picture_refused);
    scene->picture_refused = rc != 0 && err->code == SC_ERR_REFUSED ? sc_xstrdup(err->msg) : NULL;
    if (rc == 0) {
        if (with_refs)
            record_refs(job, index);
        free(scene->picture_provider);
        scene->picture_provider = sc_xstrdup(job->providers.image->name);
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
