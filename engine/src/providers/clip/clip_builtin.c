/* The built-in clip driver makes no clips: each scene is its still picture under the
 * camera motion the composer draws. make_clip is NULL so the pipeline skips the clips
 * stage altogether (see clip.h) instead of calling something that pretends. */
#include "providers/clip/clip.h"

const sc_clip_driver sc_clip_builtin = {
    .name = "builtin",
    .description = "no clips: each scene's still picture with camera motion",
    .priv_size = 0,
    .init = NULL,
    .uninit = NULL,
    .configured = NULL,
    .make_clip = NULL,
};
