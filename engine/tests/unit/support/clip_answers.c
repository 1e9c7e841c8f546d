/* The clip services' answers (clip_answers.h), as their API references show them. */
#include "clip_answers.h"

#include <stdlib.h>

#include "core/files.h"

void clip_push_runway_task(clip_fixture *f, const char *status)
{
    char *body = sc_strprintf("{\"id\":\"17f20503-6c24-4c16-946b-35dbbce2af2f\",\"status\":\"%s\",\"createdAt\":"
                              "\"2024-06-27T19:49:32.334Z\"}",
                              status);
    mock_push_json(f->mock, 200, body);
    free(body);
}

void clip_push_runway_succeeded(clip_fixture *f)
{
    char *video = clip_fixture_url(f, "/storage/abc/video.mp4?sig=1");
    char *body = sc_strprintf("{\"id\":\"17f20503-6c24-4c16-946b-35dbbce2af2f\",\"status\":\"SUCCEEDED\",\"createdAt\":"
                              "\"2024-06-27T19:49:32.334Z\",\"output\":[\"%s\"]}",
                              video);
    mock_push_json(f->mock, 200, body);
    free(body);
    free(video);
}

void clip_push_runway_created(clip_fixture *f)
{
    mock_push_json(f->mock, 200, "{\"id\":\"17f20503-6c24-4c16-946b-35dbbce2af2f\"}");
}

void clip_push_luma_state(clip_fixture *f, int status, const char *state)
{
    char *body = sc_strprintf("{\"id\":\"" LUMA_GEN "\",\"generation_type\":\"video\",\"state\":\"%s\",\"failure_reason\":null,"
                              "\"created_at\":\"2025-01-20T10:00:00.000Z\",\"assets\":null,\"model\":\"ray-2\"}",
                              state);
    mock_push_json(f->mock, status, body);
    free(body);
}

void clip_push_luma_completed(clip_fixture *f)
{
    char *video = clip_fixture_url(f, "/dream-machine/" LUMA_GEN "/video_0.mp4");
    char *body = sc_strprintf("{\"id\":\"" LUMA_GEN "\",\"generation_type\":\"video\",\"state\":\"completed\","
                              "\"failure_reason\":null,\"assets\":{\"video\":\"%s\",\"image\":\"%s.jpg\"},"
                              "\"model\":\"ray-2\"}",
                              video, video);
    mock_push_json(f->mock, 200, body);
    free(body);
    free(video);
}

void clip_push_luma_failed(clip_fixture *f, const char *reason)
{
    char *body = sc_strprintf("{\"id\":\"" LUMA_GEN "\",\"state\":\"failed\",\"failure_reason\":\"%s\",\"assets\":null}",
                              reason);
    mock_push_json(f->mock, 200, body);
    free(body);
}

void clip_push_veo_started(clip_fixture *f)
{
    mock_push_json(f->mock, 200, "{\"name\":\"" VEO_OP "\"}");
}

void clip_push_veo_running(clip_fixture *f)
{
    mock_push_json(f->mock, 200, "{\"name\":\"" VEO_OP "\",\"done\":false}");
}

void clip_push_veo_done(clip_fixture *f, const char *uri_base)
{
    char *uri = sc_strprintf("%s/v1beta/files/3x9p0q1w:download?alt=media", uri_base);
    char *body = sc_strprintf(
        "{\"name\":\"" VEO_OP "\",\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/"
        "google.ai.generativelanguage.v1beta.PredictLongRunningResponse\",\"generateVideoResponse\":{"
        "\"generatedSamples\":[{\"video\":{\"uri\":\"%s\"}}]}}}",
        uri);
    mock_push_json(f->mock, 200, body);
    free(body);
    free(uri);
}
