/* Stage 3: one picture per scene from the image provider, drawn at the plan's picture
 * size (the frame plus the camera's margin). The PNGs are the storyboard artifacts.
 *
 * Characters look the same in every scene: the built-in illustrator draws them from
 * their traits; a provider that takes reference pictures (takes_references) is given,
 * for each character in view, the first picture that showed it. So the scenes where a
 * character first appears are drawn one at a time, in story order, before the rest run
 * in parallel, and "character_refs" (character id -> scene file) is recorded in the
 * manifest with each finished scene, so a resumed or regenerated job uses the same ones.
 * A picture the provider refuses (content policy) is recorded in its scene's entry as
 * "picture_error" {code, message} for the user to change that scene's visual. */
#include <string.h>

#include "core/jsonutil.h"
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
    const json_t *known = json_object_get(job->manifest, "character_refs");
    for (size_t c = 0; c < job->story.n_characters; c++) {
        const char *name = sc_json_str(known, job->story.characters[c].id);
        refs[c] = name && !strchr(name, '/') ? sc_job_path(job, name) : NULL;
    }
}

/* After scene index drew: its picture becomes the reference of every character in it
 * that has none yet. Lock held. */
static void record_refs(sc_job *job, size_t index)
{
    json_t *known = json_object_get(job->manifest, "character_refs");
    if (!json_is_object(known)) {
        known = json_object();
        json_object_set_new(job->manifest, "character_refs", known);
    }
    char name[32];
    sc_scene_file(name, sizeof name, index, "png");
    const sc_scene *sc = &job->story.scenes[index];
    for (size_t k = 0; k < sc->n_characters; k++)
        if (!json_object_get(known, sc->characters[k]))
            json_object_set_new(known, sc->characters[k], json_string(name));
}

static int draw_scene(sc_job *job, size_t index, const char *path, json_t **record, sc_error *err)
{
    bool with_refs = takes_references(job);
    char *refs[SC_MAX_CHARACTERS] = {NULL};
    pthread_mutex_lock(&job->lock);
    const json_t *plan = json_object_get(job->manifest, "plan");
    int w = (int)sc_json_num(plan, "picture_width", 0), h = (int)sc_json_num(plan, "picture_height", 0);
    if (with_refs)
        load_refs(job, refs);
    pthread_mutex_unlock(&job->lock);
    sc_image_request req = {
        .story = &job->story,
        .scene = index,
        .width = w,
        .height = h,
        .seed = job->request.seed * 1000003u + index,
        .out_png = path,
        .character_refs = with_refs ? (const char *const *)refs : NULL,
        .n_character_refs = with_refs ? job->story.n_characters : 0,
        .log = &job->calls,
        .cancel = job->cancel_flag,
    };
    int rc = job->providers.image->draw(job->providers.image_priv, &req, err);
    for (size_t c = 0; c < SC_MAX_CHARACTERS; c++)
        free(refs[c]);
    pthread_mutex_lock(&job->lock);
    json_t *scene = sc_manifest_scene(job->manifest, index);
    if (rc != 0 && err->code == SC_ERR_REFUSED)
        json_object_set_new(scene, "picture_error", json_pack("{s:s,s:s}", "code", "refused", "message", err->msg));
    if (rc == 0) {
        json_object_del(scene, "picture_error");
        if (with_refs)
            record_refs(job, index);
    }
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;
    *record = json_pack("{s:s}", "picture_provider", job->providers.image->name);
    return 0;
}

static const sc_scene_work pictures = {.flag = "picture_done", .ext = "png", .make = draw_scene};

int sc_stage_pictures(sc_job *job, sc_error *err)
{
    if (!takes_references(job))
        return sc_run_scene_work(job, &pictures, err);
    /* The scene that first shows each character, in story order. */
    size_t first[SC_MAX_CHARACTERS], n_first = 0;
    for (size_t i = 0; i < job->story.n_scenes; i++) {
        const sc_scene *sc = &job->story.scenes[i];
        bool introduces = false;
        for (size_t k = 0; k < sc->n_characters && !introduces; k++) {
            introduces = true;
            for (size_t j = 0; j < i && introduces; j++)
                for (size_t m = 0; m < job->story.scenes[j].n_characters; m++)
                    if (strcmp(job->story.scenes[j].characters[m], sc->characters[k]) == 0)
                        introduces = false;
        }
        if (introduces && n_first < SC_MAX_CHARACTERS)
            first[n_first++] = i;
    }
    return sc_run_scene_work_ordered(job, &pictures, first, n_first, err);
}
