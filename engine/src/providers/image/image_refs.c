/* Reference pictures for a scene: a character's first picture, sent with every later
 * scene it is in so the service draws the same person. Several characters introduced
 * in one scene share that scene's picture, which is then sent once. */
#include <stdio.h>
#include <string.h>

#include "core/base64.h"
#include "core/files.h"
#include "providers/image/image_cloud.h"
#include "providers/image/image_fit.h"

#define REF_MAX_BYTES (25u * 1024 * 1024)

static void add_name(sc_image_ref *r, const char *name)
{
    size_t used = strlen(r->who);
    snprintf(r->who + used, sizeof r->who - used, "%s%s", used ? " and " : "", name);
}

void sc_image_refs_collect(const sc_image_request *req, size_t max, sc_image_refs *out)
{
    memset(out, 0, sizeof *out);
    if (!req->character_refs || !req->story || req->scene >= req->story->n_scenes)
        return;
    const sc_story *s = req->story;
    const sc_scene *sc = &s->scenes[req->scene];
    for (size_t k = 0; k < sc->n_characters; k++) {
        for (size_t ci = 0; ci < s->n_characters && ci < req->n_character_refs; ci++) {
            const char *path = req->character_refs[ci];
            if (strcmp(s->characters[ci].id, sc->characters[k]) != 0 || !path || !sc_file_exists(path))
                continue;
            size_t j = 0;
            while (j < out->n && strcmp(out->ref[j].path, path) != 0)
                j++;
            if (j == out->n) {
                if (out->n == max || out->n == SC_MAX_CHARACTERS)
                    continue;
                out->ref[out->n++].path = path;
            }
            add_name(&out->ref[j], s->characters[ci].name);
        }
    }
}

int sc_image_ref_base64(const sc_image_ref *ref, char **b64, const char **mime, sc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (sc_read_file(ref->path, REF_MAX_BYTES, &data, &len, err) != 0)
        return sc_fail_context(err, "reference picture");
    *mime = sc_image_mime(data, len);
    if (!*mime) {
        free(data);
        return sc_fail(err, SC_ERR_FAILED, "reference picture %s is not a PNG, JPEG or WebP file", ref->path);
    }
    *b64 = sc_base64_encode(data, len);
    free(data);
    return 0;
}
