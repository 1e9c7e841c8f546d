/* Checks every cloud voice driver makes the same way: on what it is asked to say, on the
 * audio it gets back, and on whether an error is the service refusing the words. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "providers/cloud/api.h"
#include "providers/voice/tts_cloud.h"

const sc_setting sc_tts_timeout = {.key = "STORYCUT_PROVIDER_TIMEOUT", .type = SC_SETTING_SECONDS, .def = "120",
                                    .min = 0.001, .max = 86400, .help = "cloud voices: seconds per HTTP attempt"};
const sc_setting sc_tts_attempts = {.key = "STORYCUT_PROVIDER_ATTEMPTS", .type = SC_SETTING_INT, .def = "4", .min = 1,
                                     .max = 10, .help = "cloud voices: HTTP attempts, retries included"};

int sc_tts_check_audio(const char *provider, const sc_audio *a, sc_error *err)
{
    if (a->frames == 0)
        return sc_fail(err, SC_ERR_FAILED, "%s: the voice answered with empty audio", provider);
    float peak = 0;
    for (size_t i = 0; i < a->frames * (size_t)a->channels; i++)
        peak = fmaxf(peak, fabsf(a->samples[i]));
    if (peak < 0.001f)
        return sc_fail(err, SC_ERR_FAILED, "%s: the voice answered with %.1f s of silence", provider,
                       sc_audio_seconds(a));
    return 0;
}

bool sc_tts_policy_message(const char *msg)
{
    static const char *const marks[] = {"content policy", "content_policy", "terms of service", "safety system",
                                        "moderation", "violates", "violated", "violation"};
    if (!msg)
        return false;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strcasestr(msg, marks[i]))
            return true;
    return false;
}

