/* The words a cloud story writer is given (see llm_cloud.h). The system message states
 * every rule the answer is later checked against (llm_answer.c) and the figures the
 * built-in writer aims for (model/story_length.h): a video of D seconds carries D less
 * its planned pauses as speech (sc_target_speech_seconds), at 2.5 English words or 6.5
 * Hangul syllables a second, spread over the planned number of scenes. The user message
 * repeats the topic and figures, or gives the script already split into scenes so the
 * model has nothing to retype but the words themselves. */
#include "providers/story/llm_cloud.h"

#include <math.h>

#include "core/buf.h"
#include "model/story_length.h"

static const char *lang_label(sc_lang lang)
{
    return lang == SC_LANG_KO ? "Korean (한국어)" : "English";
}

static const char *unit_label(sc_lang lang)
{
    return lang == SC_LANG_KO ? "Hangul syllables" : "words";
}


void sc_llm_targets_for(const sc_request *req, sc_llm_targets *out)
{
    out->scenes = sc_story_scene_count(req->format, req->duration);
    out->speech_seconds = sc_target_speech_seconds(req->format, req->lang, req->duration, req->pace);
    double rate = req->lang == SC_LANG_KO ? SC_KO_SYLLABLES_PER_SECOND : SC_EN_WORDS_PER_SECOND;
    out->words = (int)lround(out->speech_seconds * rate);
}

static void list_words(sc_buf *b, const sc_vocab *v)
{
    char words[256];
    sc_vocab_list(v, ", ", " or ", words, sizeof words);
    sc_buf_puts(b, words);
}

static void common_rules(sc_buf *b, const sc_request *req)
{
    sc_buf_printf(b,
                  "- Language: write the title, logline, setting, every scene's narration and every visual in %s; "
                  "set \"lang\" to \"%s\".\n",
                  lang_label(req->lang), sc_lang_name(req->lang));
    sc_buf_printf(b, "- Format: set \"format\" to \"%s\" (%s).\n", sc_format_name(req->format),
                  req->format == SC_FORMAT_LONG     ? "a 16:9 video"
                  : req->format == SC_FORMAT_SQUARE ? "a 1:1 square short video"
                                                    : "a 9:16 vertical short video");
    sc_buf_printf(b, "- Style: set \"style\" to \"%s\".\n", sc_style_name(req->style));
    sc_buf_puts(b,
                "- Characters: 1 to 3, with ids \"c1\", \"c2\", \"c3\" and a name and role each. \"kind\" is what "
                "the character is: ");
    list_words(b, &sc_vocab_kind);
    sc_buf_puts(b,
                "; cast the topic's own subject (a cat, a robot, a grandmother ...) with its kind, and name "
                "each character as fits its kind and the language. Their traits are fixed and drawn the same in "
                "every picture: palette = 1 to 6 hex colours \"#rrggbb\" (for a person [0] main clothing, [1] "
                "accent, [2] hair, [3] skin; for an animal or dragon [0] body, [1] its accessory such as a collar, "
                "[2] markings, [3] belly or muzzle; for a robot [0] panels, [1] accent light, [2] trim, [3] face "
                "screen), clothing (e.g. \"red raincoat\", or the accessory: \"a blue collar\"), build (slim, "
                "average, sturdy, or small for a child or a small animal), hair (short, long, curly, bun, bald or "
                "spiky, optionally with more words; \"short fur\", \"feathers\", \"scales\" or \"metal\" for "
                "others), features (e.g. \"round glasses\", \"straw hat\", or \"\"). Set \"voice\" to null.\n");
    sc_buf_puts(b,
                "- Scenes: \"visual\" describes one picture: the place, the characters in view with their fixed "
                "look, what they do and what they hold (a lantern, a letter, a map ...). \"characters\" lists the "
                "ids of the characters in view and \"pose\" what each of them does, in the same order: ");
    list_words(b, &sc_vocab_pose);
    sc_buf_puts(b, ".\n");
    sc_buf_puts(b, "- camera: ");
    list_words(b, &sc_vocab_camera);
    sc_buf_puts(b, "; vary it from scene to scene.\n- mood: ");
    list_words(b, &sc_vocab_mood);
    sc_buf_puts(b, ". time_of_day: ");
    list_words(b, &sc_vocab_time_of_day);
    sc_buf_puts(b, ". weather: ");
    list_words(b, &sc_vocab_weather);
    sc_buf_puts(b,
                ".\n- speaker: \"narrator\", or the id of the character who speaks the scene's narration (in the "
                "first person, in that character's voice); let a character speak a scene or two.\n");
    sc_buf_puts(b,
                "- setting: where the story happens, naming a place an illustrator can recognise (lighthouse, sea, "
                "forest, city, village, mountain, palace, classroom, underwater, ...).\n");
    if (req->format == SC_FORMAT_LONG)
        sc_buf_puts(b,
                    "- chapter: on the first scene of each act (at least three), a short chapter title of a few "
                    "words (at most 40 characters, a title, not a sentence); leave it out on the other scenes.\n");
}

char *sc_llm_system_prompt(const sc_request *req, const sc_script_scenes *parts)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_puts(&b,
                "You write the stories of narrated videos. Answer with one JSON object, the story, and nothing "
                "else.\n\nRules:\n");
    common_rules(&b, req);
    if (parts) {
        sc_buf_printf(&b,
                      "- Script: the user gives their own script, split into %zu scenes. Keep every word of the "
                      "script in order: each scene's narration is the text given for that scene, word for word, "
                      "with nothing added, removed or changed. Only add the title, logline, setting, characters, "
                      "visuals, camera moves and moods.\n",
                      parts->n);
    } else {
        sc_llm_targets want;
        sc_llm_targets_for(req, &want);
        sc_buf_printf(&b,
                      "- Length: the video lasts %d seconds and its narration is spoken for about %.0f seconds: "
                      "write exactly %zu scenes with about %d %s of narration in all (about %d per scene, 1 to 4 "
                      "sentences).\n",
                      req->duration, want.speech_seconds, want.scenes, want.words, unit_label(req->lang),
                      (int)lround((double)want.words / (double)want.scenes));
        sc_buf_puts(&b,
                    "- Story: a clear beginning, middle and end; the first scene hooks the viewer, the last one "
                    "resolves the story.\n");
    }
    return sc_buf_take(&b);
}

char *sc_llm_user_prompt(const sc_request *req, const sc_script_scenes *parts)
{
    sc_buf b;
    sc_buf_init(&b);
    if (parts) {
        sc_buf_printf(&b, "Script (%s), split into %zu scenes; use each text as that scene's narration:\n",
                      lang_label(req->lang), parts->n);
        for (size_t i = 0; i < parts->n; i++)
            sc_buf_printf(&b, "Scene %zu: %s\n", i + 1, parts->texts[i]);
        return sc_buf_take(&b);
    }
    sc_llm_targets want;
    sc_llm_targets_for(req, &want);
    sc_buf_printf(&b, "Topic: %s\n", req->topic);
    sc_buf_printf(&b, "Write a %s story in %s for a video of %d seconds: %zu scenes, about %d %s of narration.\n",
                  sc_format_name(req->format), lang_label(req->lang), req->duration, want.scenes, want.words,
                  unit_label(req->lang));
    return sc_buf_take(&b);
}

char *sc_llm_repair_prompt(const char *reason)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_printf(&b,
                  "That answer cannot be used: %s\nAnswer again with the whole story as one JSON object, "
                  "corrected, following every rule.",
                  reason);
    return sc_buf_take(&b);
}
