#include "llm_fixtures.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static const char story_en[] =
    "{\"title\":\"The Lighthouse Cat\","
    "\"logline\":\"A small cat keeps the lighthouse lamp burning through a storm.\","
    "\"lang\":\"en\",\"format\":\"short\",\"style\":\"storybook\","
    "\"setting\":\"an old lighthouse by the sea\","
    "\"characters\":[{\"id\":\"c1\",\"name\":\"Miso\",\"role\":\"hero\","
    "\"traits\":{\"palette\":[\"#e07a1f\",\"#ffffff\",\"#e07a1f\",\"#f2c9a0\"],\"clothing\":\"orange fur\","
    "\"build\":\"small\",\"hair\":\"short\",\"features\":\"white socks\"},\"voice\":null}],"
    "\"scenes\":["
    "{\"n\":1,\"narration\":\"Miso lived at the top of the old lighthouse.\","
    "\"visual\":\"A small orange cat with white socks sits by the lamp of a lighthouse at dusk.\","
    "\"camera\":\"zoom_in\",\"mood\":\"calm\",\"time_of_day\":\"dusk\",\"weather\":\"clear\","
    "\"characters\":[\"c1\"],\"speaker\":\"narrator\"},"
    "{\"n\":2,\"narration\":\"One night a storm put the great lamp out.\","
    "\"visual\":\"Rain lashes the dark lighthouse; the lamp is out and waves break below.\","
    "\"camera\":\"pan_left\",\"mood\":\"tense\",\"time_of_day\":\"night\",\"weather\":\"rain\","
    "\"characters\":[],\"speaker\":\"narrator\"},"
    "{\"n\":3,\"narration\":\"She climbed the stairs and pushed the switch with her paw.\","
    "\"visual\":\"Miso, the orange cat, climbs a spiral stair and presses a brass switch.\","
    "\"camera\":\"pan_up\",\"mood\":\"epic\",\"time_of_day\":\"night\",\"weather\":\"rain\","
    "\"characters\":[\"c1\"],\"speaker\":\"narrator\"},"
    "{\"n\":4,\"narration\":\"The light came back, and the ships sailed home.\","
    "\"visual\":\"The lighthouse beam sweeps a calm sea as boats return at dawn.\","
    "\"camera\":\"zoom_out\",\"mood\":\"joyful\",\"time_of_day\":\"dawn\",\"weather\":\"cloudy\","
    "\"characters\":[\"c1\"],\"speaker\":\"narrator\"}]}";

static const char story_ko[] =
    "{\"title\":\"등대 고양이\",\"logline\":\"작은 고양이가 폭풍 속에서 등대 불을 지킨다.\","
    "\"lang\":\"ko\",\"format\":\"short\",\"style\":\"storybook\",\"setting\":\"바닷가의 오래된 등대\","
    "\"characters\":[{\"id\":\"c1\",\"name\":\"미소\",\"role\":\"주인공\","
    "\"traits\":{\"palette\":[\"#e07a1f\",\"#ffffff\"],\"clothing\":\"주황색 털\",\"build\":\"small\","
    "\"hair\":\"short\",\"features\":\"\"},\"voice\":null}],"
    "\"scenes\":["
    "{\"n\":1,\"narration\":\"미소는 오래된 등대 꼭대기에 살았어요.\",\"visual\":\"등대 램프 옆의 주황색 고양이.\","
    "\"camera\":\"zoom_in\",\"mood\":\"calm\",\"time_of_day\":\"dusk\",\"weather\":\"clear\","
    "\"characters\":[\"c1\"],\"speaker\":\"narrator\"},"
    "{\"n\":2,\"narration\":\"어느 날 밤 폭풍이 불을 꺼 버렸어요.\",\"visual\":\"비바람 속 어두운 등대.\","
    "\"camera\":\"pan_left\",\"mood\":\"tense\",\"time_of_day\":\"night\",\"weather\":\"rain\","
    "\"characters\":[],\"speaker\":\"narrator\"},"
    "{\"n\":3,\"narration\":\"미소는 계단을 올라 스위치를 눌렀어요.\",\"visual\":\"나선 계단을 오르는 고양이.\","
    "\"camera\":\"pan_up\",\"mood\":\"epic\",\"time_of_day\":\"night\",\"weather\":\"rain\","
    "\"characters\":[\"c1\"],\"speaker\":\"narrator\"},"
    "{\"n\":4,\"narration\":\"불이 다시 켜지고 배들이 집으로 돌아왔어요.\",\"visual\":\"새벽 바다를 비추는 등대 불빛.\","
    "\"camera\":\"zoom_out\",\"mood\":\"joyful\",\"time_of_day\":\"dawn\",\"weather\":\"cloudy\","
    "\"characters\":[\"c1\"],\"speaker\":\"narrator\"}]}";

const char *fx_story_en(void)
{
    return story_en;
}

const char *fx_story_ko(void)
{
    return story_ko;
}

char *fx_replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (!at) {
        fprintf(stderr, "fx_replace: '%s' is not in the fixture\n", from);
        abort();
    }
    size_t head = (size_t)(at - s), n = strlen(s) - strlen(from) + strlen(to);
    char *out = sc_xmalloc(n + 1);
    memcpy(out, s, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

sc_request fx_request(const char *topic, const char *script, sc_lang lang, sc_format format, int duration)
{
    sc_request r;
    memset(&r, 0, sizeof r);
    r.topic = (char *)topic;
    r.script = (char *)script;
    r.lang = lang;
    r.format = format;
    r.duration = duration;
    r.style = SC_STYLE_STORYBOOK;
    r.seed = 42;
    r.pace = 1.0;
    return r;
}

char *fx_openai_answer(const char *content, const char *refusal, const char *finish_reason, int tokens_in,
                       int tokens_out)
{
    json_t *message = json_pack("{s:s,s:o,s:o,s:[]}", "role", "assistant", "content",
                                content ? json_string(content) : json_null(), "refusal",
                                refusal ? json_string(refusal) : json_null(), "annotations");
    json_t *j = json_pack(
        "{s:s,s:s,s:i,s:s,s:[{s:i,s:o,s:n,s:s}],s:{s:i,s:i,s:i,s:{s:i,s:i},s:{s:i,s:i,s:i,s:i}},s:s,s:s}", "id",
        "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object", "chat.completion", "created", 1741570283, "model",
        "gpt-4o-mini-2024-07-18", "choices", "index", 0, "message", message, "logprobs", "finish_reason",
        finish_reason ? finish_reason : "stop", "usage", "prompt_tokens", tokens_in, "completion_tokens", tokens_out,
        "total_tokens", tokens_in + tokens_out, "prompt_tokens_details", "cached_tokens", 0, "audio_tokens", 0,
        "completion_tokens_details", "reasoning_tokens", 0, "audio_tokens", 0, "accepted_prediction_tokens", 0,
        "rejected_prediction_tokens", 0, "service_tier", "default", "system_fingerprint", "fp_06737a9306");
    if (!j)
        abort();
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

/* A GenerateContentResponse with the story as the text part, after a thought part. */
char *fx_gemini_answer(const char *text, const char *finish, int in, int out, int thoughts)
{
    json_t *j = json_pack("{s:[{s:{s:[{s:s,s:b},{s:s}],s:s},s:s,s:i,s:f}],"
                          "s:{s:i,s:i,s:i,s:[{s:s,s:i}],s:i},s:s,s:s}",
                          "candidates", "content", "parts", "text", "The user wants a story...", "thought", 1, "text",
                          text, "role", "model", "finishReason", finish, "index", 0, "avgLogprobs", -0.0412,
                          "usageMetadata", "promptTokenCount", in, "candidatesTokenCount", out, "totalTokenCount",
                          in + out + thoughts, "promptTokensDetails", "modality", "TEXT", "tokenCount", in,
                          "thoughtsTokenCount", thoughts, "modelVersion", "gemini-2.5-flash", "responseId",
                          "mAitaLmkHPPlz7IPvtfUqQ4");
    if (!j)
        abort();
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}
