/* Stage 3: one picture per scene from the image provider, drawn at the plan's picture
 * size (the frame plus the camera's margin). The PNGs are the storyboard artifacts. */
#include "core/jsonutil.h"
#include "pipeline/scene_work.h"
#include "pipeline/stages.h"

static int draw_scene(sc_job *job, size_t index, const char *path, json_t **record, sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    const json_t *plan = json_object_get(job->manifest, "plan");
    int w = (int)sc_json_num(plan, "picture_width", 0), h = (int)sc_json_num(plan, "picture_height", 0);
    pthread_mutex_unlock(&job->lock);
    sc_image_request req = {
        .story = &job->story,
        .scene = index,
        .width = w,
        .height = h,
        .seed = job->request.seed * 1000003u + index,
        .out_png = path,
        .log = &job->calls,
    };
    if (job->providers.image->draw(job->providers.image_priv, &req, err) != 0)
        return -1;
    *record = json_pack("{s:s}", "picture_provider", job->providers.image->name);
    return 0;
}

static const sc_scene_work pictures = {.flag = "picture_done", .ext = "png", .make = draw_scene};

int sc_stage_pictures(sc_job *job, sc_error *err)
{
    return sc_run_scene_work(job, &pictures, err);
}
